package io.lethe.core.request;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * A statutory period counted the way its law counts it: calendar days, business days or months.
 * Business days skip Saturdays, Sundays and the jurisdiction's public holidays
 * ({@link HolidayCalendar}).
 */
public record ResponsePeriod(int amount, Unit unit) {

    public enum Unit {
        CALENDAR_DAYS,
        BUSINESS_DAYS,
        MONTHS
    }

    public ResponsePeriod {
        if (amount <= 0) {
            throw new IllegalArgumentException("a period must be positive");
        }
    }

    public static ResponsePeriod calendarDays(int days) {
        return new ResponsePeriod(days, Unit.CALENDAR_DAYS);
    }

    public static ResponsePeriod businessDays(int days) {
        return new ResponsePeriod(days, Unit.BUSINESS_DAYS);
    }

    public static ResponsePeriod months(int months) {
        return new ResponsePeriod(months, Unit.MONTHS);
    }

    /** The last day of the period that starts on {@code start}: "on D, due D+45"; no holidays. */
    public LocalDate after(LocalDate start) {
        return after(start, Set.of());
    }

    /** The last day of the period that starts on {@code start}, business days skipping {@code holidays}. */
    public LocalDate after(LocalDate start, Set<LocalDate> holidays) {
        return switch (unit) {
            case CALENDAR_DAYS -> start.plusDays(amount);
            case MONTHS -> start.plusMonths(amount);
            case BUSINESS_DAYS -> {
                LocalDate day = start;
                int counted = 0;
                while (counted < amount) {
                    day = day.plusDays(1);
                    if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                            && !holidays.contains(day)) {
                        counted++;
                    }
                }
                yield day;
            }
        };
    }

    @Override
    public String toString() {
        return amount + " " + unit.name().toLowerCase().replace('_', ' ');
    }
}
