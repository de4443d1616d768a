package io.lethe.saga.retention;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.ShreddingReason;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Period;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long each class of a subject's data is kept after the account is terminated.
 *
 * @param afterTermination per class, for every jurisdiction but Taiwan; a class not listed is kept
 *                         until erased on request
 * @param taiwanDeletion   Taiwan (PDPA §18): every class is made unrecoverable this long after
 *                         termination, unless an exception is recorded for it
 */
@ConfigurationProperties("lethe.retention")
public record RetentionPolicy(
        Map<RetentionClass, RetentionPeriod> afterTermination,
        @DefaultValue("30d") RetentionPeriod taiwanDeletion) {

    public RetentionPolicy {
        Map<RetentionClass, RetentionPeriod> periods = new EnumMap<>(RetentionClass.class);
        periods.put(RetentionClass.PROFILE, RetentionPeriod.ofCalendar(Period.ofDays(90)));
        periods.put(RetentionClass.USAGE, RetentionPeriod.ofCalendar(Period.ofDays(30)));
        periods.put(RetentionClass.COMMUNICATIONS, RetentionPeriod.ofCalendar(Period.ofDays(90)));
        // accounting records: seven years (e.g. Japan's Corporation Tax Act Art. 126, Enforcement Regulations Art. 59)
        periods.put(RetentionClass.FINANCIAL, RetentionPeriod.ofCalendar(Period.ofYears(7)));
        if (afterTermination != null) {
            periods.putAll(afterTermination);
        }
        afterTermination = Map.copyOf(periods);
    }

    /** The period of {@code retentionClass} after termination in {@code jurisdiction}; null: no deadline. */
    RetentionPeriod periodAfterTermination(Jurisdiction jurisdiction, RetentionClass retentionClass) {
        return jurisdiction == Jurisdiction.TW ? taiwanDeletion : afterTermination.get(retentionClass);
    }

    static ShreddingReason reason(Jurisdiction jurisdiction) {
        return jurisdiction == Jurisdiction.TW ? ShreddingReason.TERMINATION_DELETION : ShreddingReason.RETENTION_EXPIRED;
    }
}
