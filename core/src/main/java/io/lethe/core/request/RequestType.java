package io.lethe.core.request;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lethe.core.validation.InvalidValueException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The rights a data subject can exercise, named as the law that grants them names them. Which
 * jurisdiction grants which type is {@link RequestRules}' table; the wire form is the kebab-case code.
 */
public enum RequestType {
    // Japan, APPI (policy §8–§10)
    /** Disclosure of retained personal data and of provision records (APPI Art. 33, policy §8). */
    DISCLOSURE("disclosure", Kind.ACCESS),
    /** Correction, addition or deletion of untrue content (APPI Art. 34, policy §9; CCPA 1798.106). */
    CORRECTION("correction", Kind.CORRECTION),
    /** Cessation of use or deletion (APPI Art. 35(1), policy §10). */
    CESSATION_OF_USE_OR_DELETION("cessation-of-use-or-deletion", Kind.ERASURE),
    /** Cessation of provision to third parties (APPI Art. 35(3), policy §10). */
    CESSATION_OF_PROVISION("cessation-of-provision", Kind.OBJECTION),

    // California, CCPA/CPRA (policy §16)
    /** Right to know the categories collected, sources, purposes and recipients (1798.110). */
    KNOW_CATEGORIES("know-categories", Kind.ACCESS),
    /** Right to know the specific pieces of personal information (1798.110(a)(5)). */
    KNOW_SPECIFIC_PIECES("know-specific-pieces", Kind.ACCESS),
    /** Right to delete (1798.105); also Taiwan's deletion right (PDPA Art. 3, 11). */
    DELETION("deletion", Kind.ERASURE),
    /** Right to opt out of sale or sharing (1798.120, 1798.135). */
    OPT_OUT_OF_SALE_SHARING("opt-out-of-sale-sharing", Kind.OPT_OUT),
    /** Right to limit the use and disclosure of sensitive personal information (1798.121). */
    LIMIT_SENSITIVE_USE("limit-use-of-sensitive-information", Kind.LIMIT),

    // EU / UK, GDPR (policy §17)
    /** Right of access (Art. 15). */
    ACCESS("access", Kind.ACCESS),
    /** Right to rectification (Art. 16). */
    RECTIFICATION("rectification", Kind.CORRECTION),
    /** Right to erasure (Art. 17). */
    ERASURE("erasure", Kind.ERASURE),
    /** Right to restriction of processing (Art. 18). */
    RESTRICTION("restriction", Kind.RESTRICTION),
    /** Right to data portability (Art. 20). */
    PORTABILITY("portability", Kind.PORTABILITY),
    /** Right to object (Art. 21). */
    OBJECTION("objection", Kind.OBJECTION),
    /** Withdrawal of consent (Art. 7(3)). */
    WITHDRAWAL_OF_CONSENT("withdrawal-of-consent", Kind.CONSENT_WITHDRAWAL),

    // Taiwan, PDPA Art. 3 (policy §18)
    /** Query or review of one's personal data. */
    QUERY_OR_REVIEW("query-or-review", Kind.ACCESS),
    /** A copy of one's personal data. */
    COPY("copy", Kind.ACCESS),
    /** Supplement or correction. */
    SUPPLEMENT_OR_CORRECTION("supplement-or-correction", Kind.CORRECTION),
    /** Cessation of collection, processing or use. */
    CESSATION_OF_PROCESSING("cessation-of-processing", Kind.RESTRICTION);

    /** What fulfilling a request of the type does to the subject's data. */
    public enum Kind {
        /** The subject receives what is held about them (an access report). */
        ACCESS,
        /** Held data is corrected or completed. */
        CORRECTION,
        /** The data is erased: the erasure process shreds it after the processors confirmed. */
        ERASURE,
        /** Processing is stopped or restricted. */
        RESTRICTION,
        /** The subject receives what they provided, machine-readable. */
        PORTABILITY,
        /** Processing or provision for a purpose stops on the subject's objection. */
        OBJECTION,
        /** No further sale or sharing; takes effect when recorded. */
        OPT_OUT,
        /** Sensitive information is used only as the services need it; takes effect when recorded. */
        LIMIT,
        /** A consent ends. */
        CONSENT_WITHDRAWAL;

        /**
         * Whether a fulfilled request of this kind limits processing from then on (a restriction, an
         * objection or cessation, a limit on sensitive use); what it forbids is the subject's rules'.
         */
        public boolean limitsProcessing() {
            return this == RESTRICTION || this == OBJECTION || this == LIMIT;
        }
    }

    private final String code;
    private final Kind kind;

    RequestType(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** Parses a wire code; the message lists the valid codes and never repeats the input. */
    @JsonCreator
    public static RequestType fromCode(String code) {
        for (RequestType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new InvalidValueException("type must be one of " + codes());
    }

    public static String codes() {
        return Arrays.stream(values()).map(RequestType::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
