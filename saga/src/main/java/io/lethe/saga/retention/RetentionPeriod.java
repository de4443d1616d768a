package io.lethe.saga.retention;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.convert.PeriodStyle;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How long data is kept: calendar years, months, weeks or days ({@code 7y}, {@code P7Y},
 * {@code 90d}), counted on the calendar of the jurisdiction's zone so that seven years end on the
 * same calendar day, leap years or not; or an exact duration ({@code 72h}, {@code PT4S}) for the
 * rare period the law gives in hours, and for tests.
 *
 * @param calendar the calendar part (zero for an exact period)
 * @param exact    the exact part (zero for a calendar period)
 */
public record RetentionPeriod(Period calendar, Duration exact) {

    private static final Pattern ISO_CALENDAR = Pattern.compile("P[^T]+");
    private static final Pattern SIMPLE_CALENDAR = Pattern.compile("\\d+[YWD]");

    public RetentionPeriod {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(exact, "exact");
        if (calendar.isNegative() || exact.isNegative()) {
            throw new IllegalArgumentException("a retention period is not negative");
        }
    }

    public static RetentionPeriod ofCalendar(Period calendar) {
        return new RetentionPeriod(calendar, Duration.ZERO);
    }

    public static RetentionPeriod ofExact(Duration exact) {
        return new RetentionPeriod(Period.ZERO, exact);
    }

    /**
     * Parses a configured value: {@code 7y}, {@code 2w}, {@code 90d} or an ISO period without time
     * ({@code P7Y}, {@code P1Y6M}) are calendar periods; {@code 72h}, {@code 30m}, {@code 4s} or an
     * ISO duration ({@code PT72H}) are exact. (Spring's conversion finds this method by its name.)
     */
    public static RetentionPeriod valueOf(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        if (ISO_CALENDAR.matcher(value).matches()) {
            return ofCalendar(Period.parse(value));
        }
        if (SIMPLE_CALENDAR.matcher(value).matches()) {
            return ofCalendar(PeriodStyle.SIMPLE.parse(value.toLowerCase(Locale.ROOT)));
        }
        return ofExact(DurationStyle.detectAndParse(text.trim()));
    }

    /** The instant the period ends when it starts at {@code start}, on the calendar of {@code zone}. */
    public Instant after(Instant start, ZoneId zone) {
        return start.atZone(zone).plus(calendar).plus(exact).toInstant();
    }

    @Override
    public String toString() {
        return exact.isZero() ? calendar.toString() : calendar.isZero() ? exact.toString() : calendar + "+" + exact;
    }
}
