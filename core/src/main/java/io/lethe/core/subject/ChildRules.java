package io.lethe.core.subject;

import io.lethe.core.jurisdiction.Jurisdiction;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ages at which children and minors are treated differently, per jurisdiction, each with its
 * source. A change of law is a change of one line here.
 * <ul>
 *   <li>A <em>child</em> needs a parent's verifiable consent to hold an account: under 13 by the policy
 *       (§13) everywhere, under the GDPR's digital age of consent in the EU (Art. 8(1): 16 unless the
 *       member state set a lower age, not below 13), under 13 in the UK (Data Protection Act 2018 s. 9).</li>
 *   <li>A <em>minor</em> is not sold or shared without an opt-in: under 16 opts in themselves, under 13
 *       only a parent can (CCPA 1798.120(c), (d); policy §16).</li>
 * </ul>
 */
public final class ChildRules {

    /** Policy §13: a child is someone under 13. */
    public static final int POLICY_CHILD_AGE = 13;
    /** GDPR Art. 8(1): 16, where the member state has not set a lower age. */
    public static final int GDPR_DEFAULT_AGE = 16;
    /** UK GDPR Art. 8 as amended by the Data Protection Act 2018 s. 9. */
    public static final int UK_AGE = 13;
    /** CCPA 1798.120(c): no sale or sharing of a consumer under 16 without affirmative authorisation. */
    public static final int SALE_SHARING_OPT_IN_AGE = 16;
    /** CCPA 1798.120(c): under 13 the authorisation is the parent's or guardian's. */
    public static final int SALE_SHARING_PARENT_AGE = 13;
    /** A parent acts for a minor only (CCPA "your minor child", policy §16). */
    public static final int ADULT_AGE = 18;

    /**
     * GDPR Art. 8(1) as set by each EU and EEA state's implementing law (ISO 3166-1 alpha-2). The
     * states setting 16 are listed too, so that an unknown code is refused rather than defaulted.
     */
    private static final Map<String, Integer> MEMBER_STATES = new TreeMap<>(Map.ofEntries(
            Map.entry("AT", 14), Map.entry("BE", 13), Map.entry("BG", 14), Map.entry("CY", 14),
            Map.entry("CZ", 15), Map.entry("DE", 16), Map.entry("DK", 13), Map.entry("EE", 13),
            Map.entry("ES", 14), Map.entry("FI", 13), Map.entry("FR", 15), Map.entry("GR", 15),
            Map.entry("HR", 16), Map.entry("HU", 16), Map.entry("IE", 16), Map.entry("IT", 14),
            Map.entry("LT", 14), Map.entry("LU", 16), Map.entry("LV", 13), Map.entry("MT", 13),
            Map.entry("NL", 16), Map.entry("PL", 16), Map.entry("PT", 13), Map.entry("RO", 16),
            Map.entry("SE", 13), Map.entry("SI", 15), Map.entry("SK", 16),
            // EEA states applying the GDPR
            Map.entry("IS", 13), Map.entry("LI", 16), Map.entry("NO", 13)));

    private ChildRules() {
    }

    /**
     * Under this age an account needs a parent's verifiable consent. {@code memberState} is the EU
     * or EEA state of residence; unknown (or erased), the GDPR's default applies.
     */
    public static int parentalConsentAge(Jurisdiction jurisdiction, String memberState) {
        int lawAge = switch (jurisdiction) {
            case EU -> memberState == null ? GDPR_DEFAULT_AGE : MEMBER_STATES.getOrDefault(memberState, GDPR_DEFAULT_AGE);
            case UK -> UK_AGE;
            default -> POLICY_CHILD_AGE;
        };
        return Math.max(POLICY_CHILD_AGE, lawAge);
    }

    /** The member state's age, if the code names an EU or EEA state. */
    public static Optional<Integer> memberStateAge(String memberState) {
        return Optional.ofNullable(MEMBER_STATES.get(memberState));
    }

    /** The member-state codes the table knows, in order. */
    public static Set<String> memberStates() {
        return MEMBER_STATES.keySet();
    }
}
