package io.lethe.core.personaldata;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.EnumSet;
import java.util.Set;

import static io.lethe.core.personaldata.Purpose.ADVERTISING;
import static io.lethe.core.personaldata.Purpose.ANONYMOUS_STATISTICS;
import static io.lethe.core.personaldata.Purpose.INCIDENTAL;
import static io.lethe.core.personaldata.Purpose.INFORM_ABOUT_PRODUCTS;
import static io.lethe.core.personaldata.Purpose.INFORM_ABOUT_SERVICE;
import static io.lethe.core.personaldata.Purpose.MONITOR_INFRINGING_ACTIVITY;
import static io.lethe.core.personaldata.Purpose.NOTIFY_TERMS_CHANGES;
import static io.lethe.core.personaldata.Purpose.PREVENT_UNAUTHORISED_USE;
import static io.lethe.core.personaldata.Purpose.PROVIDE_SERVICE;
import static io.lethe.core.personaldata.Purpose.RESOLVE_PROBLEMS;
import static io.lethe.core.personaldata.Purpose.RESPOND_TO_VIOLATIONS;
import static io.lethe.core.personaldata.Purpose.SEND_PRIZES;
import static io.lethe.core.personaldata.Purpose.SEND_REWARDS;
import static io.lethe.core.personaldata.Purpose.SURVEYS_AND_EVENTS;
import static io.lethe.core.personaldata.Purpose.SURVEY_USAGE;
import static io.lethe.core.personaldata.Purpose.IMPROVE_AND_DEVELOP;

/**
 * The categories of personal information the policy's California notice lists (§16 table, A–F),
 * each with the retention class that keeps it and the purposes of use (§2) it serves.
 */
public enum DataCategory {
    A_IDENTIFIERS("A", "Identifiers", RetentionClass.PROFILE,
            EnumSet.of(PROVIDE_SERVICE, INFORM_ABOUT_SERVICE, INFORM_ABOUT_PRODUCTS, RESPOND_TO_VIOLATIONS,
                    NOTIFY_TERMS_CHANGES, PREVENT_UNAUTHORISED_USE, SURVEYS_AND_EVENTS, SEND_REWARDS, SEND_PRIZES,
                    INCIDENTAL)),
    B_FINANCIAL("B", "Financial information", RetentionClass.FINANCIAL,
            EnumSet.of(PROVIDE_SERVICE, PREVENT_UNAUTHORISED_USE, SEND_REWARDS, INCIDENTAL)),
    C_COMMERCIAL("C", "Commercial information", RetentionClass.FINANCIAL,
            EnumSet.of(PROVIDE_SERVICE, RESOLVE_PROBLEMS, SURVEY_USAGE, ANONYMOUS_STATISTICS, INCIDENTAL)),
    D_NETWORK_ACTIVITY("D", "Internet or other electronic network activity information", RetentionClass.USAGE,
            EnumSet.of(PROVIDE_SERVICE, SURVEY_USAGE, IMPROVE_AND_DEVELOP, RESOLVE_PROBLEMS, PREVENT_UNAUTHORISED_USE,
                    ANONYMOUS_STATISTICS, ADVERTISING, INCIDENTAL)),
    E_AUDIO_VISUAL("E", "Audio, electronic, visual, or similar information", RetentionClass.COMMUNICATIONS,
            EnumSet.of(PROVIDE_SERVICE, MONITOR_INFRINGING_ACTIVITY, RESPOND_TO_VIOLATIONS, INCIDENTAL)),
    F_INFERENCES("F", "Inferences", RetentionClass.USAGE,
            EnumSet.of(IMPROVE_AND_DEVELOP, ADVERTISING, ANONYMOUS_STATISTICS, INCIDENTAL));

    private final String letter;
    private final String label;
    private final RetentionClass retentionClass;
    private final Set<Purpose> purposes;

    DataCategory(String letter, String label, RetentionClass retentionClass, Set<Purpose> purposes) {
        this.letter = letter;
        this.label = label;
        this.retentionClass = retentionClass;
        this.purposes = purposes;
    }

    @JsonValue
    public String letter() {
        return letter;
    }

    public String label() {
        return label;
    }

    public RetentionClass retentionClass() {
        return retentionClass;
    }

    /** The purposes of use (policy §2) this category is collected for. */
    public Set<Purpose> purposes() {
        return EnumSet.copyOf(purposes);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static DataCategory fromLetter(String letter) {
        for (DataCategory category : values()) {
            if (category.letter.equals(letter)) {
                return category;
            }
        }
        throw new io.lethe.core.validation.InvalidValueException("category must be one of A, B, C, D, E, F");
    }
}
