package io.lethe.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class OnceAMinuteTest {

    @Test
    void theFirstTimeIsDueAndThenOnceAMinute() {
        Instant start = Instant.parse("2026-12-07T09:00:00Z");
        assertThat(gateAt(start).due()).as("the first time").isTrue();

        OnceAMinute gate = new OnceAMinute(Clock.fixed(start, ZoneOffset.UTC));
        assertThat(gate.due()).isTrue();
        assertThat(gate.due()).as("again at once").isFalse();
    }

    @Test
    void dueAgainAMinuteLater() {
        Instant[] now = {Instant.parse("2026-12-07T09:00:00Z")};
        OnceAMinute gate = new OnceAMinute(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        assertThat(gate.due()).isTrue();
        now[0] = now[0].plus(Duration.ofSeconds(59));
        assertThat(gate.due()).isFalse();
        now[0] = now[0].plus(Duration.ofSeconds(1));
        assertThat(gate.due()).isTrue();
        assertThat(gate.due()).isFalse();
    }

    private static OnceAMinute gateAt(Instant instant) {
        return new OnceAMinute(Clock.fixed(instant, ZoneOffset.UTC));
    }
}
