package io.lethe.saga.retention;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPeriodTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void yearsWeeksAndDaysAreCalendarPeriods() {
        assertThat(RetentionPeriod.valueOf("7y")).isEqualTo(RetentionPeriod.ofCalendar(Period.ofYears(7)));
        assertThat(RetentionPeriod.valueOf("P7Y")).isEqualTo(RetentionPeriod.ofCalendar(Period.ofYears(7)));
        assertThat(RetentionPeriod.valueOf("P1Y6M")).isEqualTo(RetentionPeriod.ofCalendar(Period.of(1, 6, 0)));
        assertThat(RetentionPeriod.valueOf("2w")).isEqualTo(RetentionPeriod.ofCalendar(Period.ofWeeks(2)));
        assertThat(RetentionPeriod.valueOf("90d")).isEqualTo(RetentionPeriod.ofCalendar(Period.ofDays(90)));
    }

    @Test
    void hoursMinutesAndSecondsAreExact() {
        assertThat(RetentionPeriod.valueOf("72h")).isEqualTo(RetentionPeriod.ofExact(Duration.ofHours(72)));
        assertThat(RetentionPeriod.valueOf("30m")).isEqualTo(RetentionPeriod.ofExact(Duration.ofMinutes(30)));
        assertThat(RetentionPeriod.valueOf("4s")).isEqualTo(RetentionPeriod.ofExact(Duration.ofSeconds(4)));
        assertThat(RetentionPeriod.valueOf("PT72H")).isEqualTo(RetentionPeriod.ofExact(Duration.ofHours(72)));
    }

    @Test
    void sevenYearsEndOnTheSameCalendarDayWhateverTheLeapYears() {
        Instant terminated = Instant.parse("2026-02-28T15:00:00Z"); // 1 March 2026, 00:00 in Tokyo
        assertThat(RetentionPeriod.valueOf("7y").after(terminated, TOKYO)).isEqualTo(Instant.parse("2033-02-28T15:00:00Z"));
        assertThat(RetentionPeriod.valueOf("2555d").after(terminated, TOKYO))
                .as("2,555 days fall two leap days short").isEqualTo(Instant.parse("2033-02-26T15:00:00Z"));
    }

    @Test
    void aNegativeOrMalformedPeriodIsRefused() {
        assertThatThrownBy(() -> RetentionPeriod.valueOf("P-1Y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionPeriod.valueOf("seven years")).isInstanceOf(IllegalArgumentException.class);
    }
}
