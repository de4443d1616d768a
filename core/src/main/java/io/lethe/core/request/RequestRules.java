package io.lethe.core.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.Money;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.lethe.core.request.RequestType.ACCESS;
import static io.lethe.core.request.RequestType.CESSATION_OF_PROCESSING;
import static io.lethe.core.request.RequestType.CESSATION_OF_PROVISION;
import static io.lethe.core.request.RequestType.CESSATION_OF_USE_OR_DELETION;
import static io.lethe.core.request.RequestType.COPY;
import static io.lethe.core.request.RequestType.CORRECTION;
import static io.lethe.core.request.RequestType.DELETION;
import static io.lethe.core.request.RequestType.DISCLOSURE;
import static io.lethe.core.request.RequestType.ERASURE;
import static io.lethe.core.request.RequestType.KNOW_CATEGORIES;
import static io.lethe.core.request.RequestType.KNOW_SPECIFIC_PIECES;
import static io.lethe.core.request.RequestType.LIMIT_SENSITIVE_USE;
import static io.lethe.core.request.RequestType.OBJECTION;
import static io.lethe.core.request.RequestType.OPT_OUT_OF_SALE_SHARING;
import static io.lethe.core.request.RequestType.PORTABILITY;
import static io.lethe.core.request.RequestType.QUERY_OR_REVIEW;
import static io.lethe.core.request.RequestType.RECTIFICATION;
import static io.lethe.core.request.RequestType.RESTRICTION;
import static io.lethe.core.request.RequestType.SUPPLEMENT_OR_CORRECTION;
import static io.lethe.core.request.RequestType.WITHDRAWAL_OF_CONSENT;
import static io.lethe.core.request.ResponsePeriod.businessDays;
import static io.lethe.core.request.ResponsePeriod.calendarDays;
import static io.lethe.core.request.ResponsePeriod.months;

/**
 * The rule table for data-subject requests: which jurisdiction grants which request type, and how
 * it must be answered. Every statutory number is here, once, with its source; a change of law is a
 * change of one line. Japan's "without delay" has no number in the statute, so the operator sets
 * it ({@link #RequestRules(int, HolidayCalendar)}), and the public holidays that business-day periods
 * skip ({@link HolidayCalendar}).
 */
public final class RequestRules {

    /** APPI Art. 39: a lawsuit may be filed two weeks after a request arrives, hence 14 days by default. */
    public static final int DEFAULT_JAPAN_RESPONSE_DAYS = 14;
    /** APPI Art. 38, policy §8: 1,000 yen per disclosure request. */
    public static final Money JAPAN_DISCLOSURE_FEE = new Money("JPY", 1000);

    private final Map<Jurisdiction, Map<RequestType, ResponseRule>> table = new EnumMap<>(Jurisdiction.class);

    /** The default Japanese period and the shipped holidays. */
    public RequestRules() {
        this(DEFAULT_JAPAN_RESPONSE_DAYS, HolidayCalendar.shipped());
    }

    public RequestRules(int japanResponseDays, HolidayCalendar holidays) {
        if (japanResponseDays <= 0) {
            throw new IllegalArgumentException("the Japanese response period must be at least one day");
        }
        // Japan, APPI Arts. 33–35: "without delay"; no extension in the statute; identity confirmed first (policy §8–§10).
        ResponseRule japan = rule(calendarDays(japanResponseDays), null, null, true, false, null);
        ResponseRule japanDisclosure = rule(calendarDays(japanResponseDays), null, null, true, false, JAPAN_DISCLOSURE_FEE);
        Map<RequestType, ResponseRule> jp = new EnumMap<>(RequestType.class);
        jp.put(DISCLOSURE, japanDisclosure);
        jp.put(CORRECTION, japan);
        jp.put(CESSATION_OF_USE_OR_DELETION, japan);
        jp.put(CESSATION_OF_PROVISION, japan);
        table.put(Jurisdiction.JP, jp);
        // Anywhere else: the company's own law, APPI, still applies (policy §1, §8–§10).
        table.put(Jurisdiction.OTHER, jp);

        // California: 45 calendar days, +45 once with notice inside the first 45 (Civ. Code 1798.130(a)(2));
        // receipt confirmed within 10 business days (CCPA Regs §7021(a)).
        ResponseRule california = rule(calendarDays(45), calendarDays(45), businessDays(10), true, false, null);
        Map<RequestType, ResponseRule> ca = new EnumMap<>(RequestType.class);
        ca.put(KNOW_CATEGORIES, california);
        ca.put(KNOW_SPECIFIC_PIECES, california);
        ca.put(DELETION, california);
        ca.put(CORRECTION, california);
        // Opt-out: complied with within 15 business days, no identity verification (Regs §7026(d), (f)).
        ca.put(OPT_OUT_OF_SALE_SHARING, rule(businessDays(15), null, null, false, false, null));
        // Limit the use of sensitive PI (1798.121): within 15 business days, not a verifiable request (Regs §7027(d), (e)).
        ca.put(LIMIT_SENSITIVE_USE, rule(businessDays(15), null, null, false, false, null));
        table.put(Jurisdiction.US_CA, ca);

        // GDPR Art. 12(3): one month from receipt, +2 months where necessary, the subject told within the first month.
        ResponseRule gdpr = rule(months(1), months(2), null, true, false, null);
        Map<RequestType, ResponseRule> eu = new EnumMap<>(RequestType.class);
        for (RequestType type : EnumSet.of(ACCESS, RECTIFICATION, ERASURE, RESTRICTION, PORTABILITY, OBJECTION,
                WITHDRAWAL_OF_CONSENT)) {
            eu.put(type, gdpr);
        }
        table.put(Jurisdiction.EU, eu);
        // UK GDPR: the same periods, but the clock stops while identity is awaited (Data (Use and Access) Act 2025).
        ResponseRule ukGdpr = rule(months(1), months(2), null, true, true, null);
        Map<RequestType, ResponseRule> uk = new EnumMap<>(RequestType.class);
        eu.keySet().forEach(type -> uk.put(type, ukGdpr));
        table.put(Jurisdiction.UK, uk);

        // Taiwan, PDPA Art. 13: 15 days (+15) for query, review and copy; 30 days (+30) for the rest,
        // each extension once with written notice of the reason.
        ResponseRule taiwanAccess = rule(calendarDays(15), calendarDays(15), null, true, false, null);
        ResponseRule taiwanChange = rule(calendarDays(30), calendarDays(30), null, true, false, null);
        Map<RequestType, ResponseRule> tw = new EnumMap<>(RequestType.class);
        tw.put(QUERY_OR_REVIEW, taiwanAccess);
        tw.put(COPY, taiwanAccess);
        tw.put(SUPPLEMENT_OR_CORRECTION, taiwanChange);
        tw.put(CESSATION_OF_PROCESSING, taiwanChange);
        tw.put(DELETION, taiwanChange);
        table.put(Jurisdiction.TW, tw);

        applyHolidays(holidays);
    }

    /** The rule for a type in a jurisdiction; empty when the jurisdiction does not grant that right. */
    public Optional<ResponseRule> rule(Jurisdiction jurisdiction, RequestType type) {
        return Optional.ofNullable(table.getOrDefault(jurisdiction, Map.of()).get(type));
    }

    /** The request types a jurisdiction grants, in declaration order. */
    public Set<RequestType> granted(Jurisdiction jurisdiction) {
        Map<RequestType, ResponseRule> rules = table.get(jurisdiction);
        return rules == null || rules.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(rules.keySet()));
    }

    private static ResponseRule rule(ResponsePeriod response, ResponsePeriod extension, ResponsePeriod acknowledgement,
                                     boolean identityVerified, boolean clockStartsOnIdentity, Money fee) {
        return new ResponseRule(response, Optional.ofNullable(extension), Optional.ofNullable(acknowledgement),
                identityVerified, clockStartsOnIdentity, Optional.ofNullable(fee), Set.of());
    }

    /** Each rule of each jurisdiction with that jurisdiction's holidays. */
    private void applyHolidays(HolidayCalendar holidays) {
        table.replaceAll((jurisdiction, rules) -> {
            Map<RequestType, ResponseRule> withHolidays = new EnumMap<>(RequestType.class);
            rules.forEach((type, rule) -> withHolidays.put(type, new ResponseRule(rule.response(), rule.extension(),
                    rule.acknowledgement(), rule.identityVerified(), rule.clockStartsOnIdentity(), rule.fee(),
                    holidays.holidays(jurisdiction == Jurisdiction.OTHER ? Jurisdiction.JP : jurisdiction))));
            return withHolidays;
        });
    }
}
