package io.lethe.core.personaldata;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The rolling retention of usage data (categories D and F) during the account's life: each piece
 * falls into a period by when it happened, every period has a data key of its own, and a period is
 * shredded once it is {@code keptFor} old — counted from the period's end, so nothing is kept less
 * than {@code keptFor}. A period is a whole number of calendar months (UTC) or, for tests, an exact
 * duration; it is named by the instant it starts ({@code 2026-03-01T00:00:00Z}).
 *
 * <p>The default, monthly periods kept 13 months, keeps every piece a CCPA access report's 12-month
 * lookback can ask for.
 *
 * @param length  how long one period is: {@code P1M} (calendar months) or an exact {@code PT…} duration
 * @param keptFor how long a period is kept after it ends: calendar ({@code P13M}) or exact ({@code PT4S})
 */
public record UsagePeriods(String length, String keptFor) {

    /** What separates a subject from its period in the name of a period's key holder. */
    public static final char HOLDER_SEPARATOR = '/';
    private static final String RECORD_PREFIX = "record:";

    public static final UsagePeriods DEFAULT = new UsagePeriods("P1M", "P13M");

    public UsagePeriods {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(keptFor, "keptFor");
        Object parsedLength = parse(length, "length");
        if (parsedLength instanceof Period months && (months.getDays() != 0 || months.toTotalMonths() <= 0)) {
            throw new IllegalArgumentException("a usage period is a whole number of months (P1M) or an exact duration (PT…)");
        }
        if (parsedLength instanceof Duration exact && (exact.isNegative() || exact.isZero())) {
            throw new IllegalArgumentException("a usage period is longer than zero");
        }
        Object kept = parse(keptFor, "keptFor");
        if (kept instanceof Period period && period.isNegative() || kept instanceof Duration duration && duration.isNegative()) {
            throw new IllegalArgumentException("usage data is kept for zero or more");
        }
    }

    /** The name of the period that {@code at} falls in. */
    public String periodOf(Instant at) {
        return start(at).toString();
    }

    /** When the period named {@code period} ends (exclusive). */
    public Instant endOf(String period) {
        Instant start = Instant.parse(period);
        Object parsed = parse(length, "length");
        return parsed instanceof Period months
                ? start.atOffset(ZoneOffset.UTC).plusMonths(months.toTotalMonths()).toInstant()
                : start.plus((Duration) parsed);
    }

    /** Whether the period named {@code period} is still kept at {@code at}: its shredding is still ahead. */
    public boolean keptAt(String period, Instant at) {
        return shredAt(period).isAfter(at);
    }

    /** When the period named {@code period} is shredded: {@code keptFor} after its end. */
    public Instant shredAt(String period) {
        Instant end = endOf(period);
        Object kept = parse(keptFor, "keptFor");
        return kept instanceof Period calendar
                ? end.atOffset(ZoneOffset.UTC).plus(calendar).toInstant()
                : end.plus((Duration) kept);
    }

    /**
     * The name the key vault knows a period's data key by: the subject and the period. The AEAD of
     * every field sealed under it binds both, so a ciphertext cannot move between periods.
     */
    public static String keyHolder(String subject, String period) {
        return subject + HOLDER_SEPARATOR + period;
    }

    /** Whether {@code holder} names a period's key rather than a subject's (or a record's, {@link KeyRecord}). */
    public static boolean isPeriodHolder(String holder) {
        return holder.indexOf(HOLDER_SEPARATOR) >= 0 && !isRecordHolder(holder);
    }

    /**
     * The name the key vault knows a kept record's data key by ({@link KeyRecord}): the subject and
     * the record. The record's fields are sealed under it, apart from the subject's own keys.
     */
    public static String recordHolder(String subject, String recordId) {
        return subject + HOLDER_SEPARATOR + RECORD_PREFIX + recordId;
    }

    /**
     * What a holder apart from its subject holds: the usage period, or the kept record's id; null for
     * a subject itself.
     */
    public static String scopeOf(String holder) {
        int separator = holder.indexOf(HOLDER_SEPARATOR);
        if (separator < 0) {
            return null;
        }
        String scope = holder.substring(separator + 1);
        return scope.startsWith(RECORD_PREFIX) ? scope.substring(RECORD_PREFIX.length()) : scope;
    }

    /** Whether {@code holder} names a kept record's key. */
    public static boolean isRecordHolder(String holder) {
        int separator = holder.indexOf(HOLDER_SEPARATOR);
        return separator >= 0 && holder.startsWith(RECORD_PREFIX, separator + 1);
    }

    /**
     * The one retention class a holder apart from its subject has a key for: USAGE for a usage period,
     * PROFILE for a kept record; empty for a subject itself, which has one per class.
     */
    public static java.util.Optional<RetentionClass> holderClass(String holder) {
        if (holder.indexOf(HOLDER_SEPARATOR) < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(isRecordHolder(holder) ? RetentionClass.PROFILE : RetentionClass.USAGE);
    }

    /** The subject a key holder belongs to: itself, or the subject of a period's or a record's holder. */
    public static String subjectOf(String holder) {
        int separator = holder.indexOf(HOLDER_SEPARATOR);
        return separator < 0 ? holder : holder.substring(0, separator);
    }

    private Instant start(Instant at) {
        Object parsed = parse(length, "length");
        if (parsed instanceof Period months) {
            OffsetDateTime utc = at.atOffset(ZoneOffset.UTC);
            long index = (utc.getYear() - 1970L) * 12 + utc.getMonthValue() - 1;
            long first = Math.floorDiv(index, months.toTotalMonths()) * months.toTotalMonths();
            return OffsetDateTime.of(1970 + (int) Math.floorDiv(first, 12), (int) Math.floorMod(first, 12) + 1, 1, 0, 0, 0, 0,
                    ZoneOffset.UTC).toInstant();
        }
        long millis = ((Duration) parsed).toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    }

    private static Object parse(String text, String name) {
        String value = text.trim().toUpperCase(java.util.Locale.ROOT);
        try {
            return value.startsWith("PT") || value.contains("T") ? Duration.parse(value) : Period.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("usage retention " + name + " must be an ISO-8601 period (P1M, P13M) or "
                    + "duration (PT4S)", e);
        }
    }

    @Override
    public String toString() {
        return "periods of " + length + ", kept " + keptFor + " after each";
    }
}
