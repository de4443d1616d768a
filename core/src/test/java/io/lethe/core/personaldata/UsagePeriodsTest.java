package io.lethe.core.personaldata;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsagePeriodsTest {

    @Test
    void monthlyPeriodsStartOnTheFirstOfTheMonthInUtcAndAreKeptThirteenMonthsAfterTheirEnd() {
        UsagePeriods periods = UsagePeriods.DEFAULT;
        assertThat(periods.periodOf(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(periods.periodOf(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(periods.endOf("2026-12-01T00:00:00Z")).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(periods.shredAt("2026-12-01T00:00:00Z")).isEqualTo(Instant.parse("2028-02-01T00:00:00Z"));
    }

    @Test
    void aPieceIsKeptAtLeastAsLongAsAnAccessReportLooksBack() {
        Instant lastMoment = Instant.parse("2026-12-31T23:59:59Z");
        Instant shredAt = UsagePeriods.DEFAULT.shredAt(UsagePeriods.DEFAULT.periodOf(lastMoment));
        assertThat(shredAt).isAfter(lastMoment.atOffset(java.time.ZoneOffset.UTC).plusMonths(13).toInstant());
        Instant firstMoment = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(UsagePeriods.DEFAULT.shredAt(UsagePeriods.DEFAULT.periodOf(firstMoment)))
                .isAfter(firstMoment.atOffset(java.time.ZoneOffset.UTC).plusMonths(12).toInstant());
    }

    @Test
    void quarterlyAndExactPeriodsAlignOnTheirLength() {
        UsagePeriods quarterly = new UsagePeriods("P3M", "P1Y");
        assertThat(quarterly.periodOf(Instant.parse("2026-05-20T00:00:00Z"))).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(quarterly.shredAt("2026-04-01T00:00:00Z")).isEqualTo(Instant.parse("2027-07-01T00:00:00Z"));
        UsagePeriods seconds = new UsagePeriods("PT5S", "PT8S");
        assertThat(seconds.periodOf(Instant.parse("2026-12-02T10:00:07.300Z"))).isEqualTo("2026-12-02T10:00:05Z");
        assertThat(seconds.shredAt("2026-12-02T10:00:05Z")).isEqualTo(Instant.parse("2026-12-02T10:00:18Z"));
    }

    @Test
    void aPeriodsKeyHolderNamesItsSubject() {
        String holder = UsagePeriods.keyHolder("3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a", "2026-12-01T00:00:00Z");
        assertThat(UsagePeriods.isPeriodHolder(holder)).isTrue();
        assertThat(UsagePeriods.subjectOf(holder)).isEqualTo("3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a");
        assertThat(holder.length()).as("fits the vault's subject column").isLessThanOrEqualTo(64);
        assertThat(UsagePeriods.isPeriodHolder("3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a")).isFalse();
    }

    @Test
    void aPeriodIsWholeMonthsOrAnExactDuration() {
        assertThatThrownBy(() -> new UsagePeriods("P10D", "P13M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsagePeriods("monthly", "P13M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsagePeriods("P1M", "-P1M")).isInstanceOf(IllegalArgumentException.class);
    }
}
