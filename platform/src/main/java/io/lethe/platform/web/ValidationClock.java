package io.lethe.platform.web;

import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The clock {@code @PastOrPresent} and {@code @Past} compare calendar dates with. Product services
 * send dates in their users' zones: a Japanese service's "today" is already tomorrow in UTC for nine
 * hours a day, and a UTC clock refused it as lying in the future. The dates are checked against the
 * latest calendar day anywhere (UTC+14), so no place's today is refused; instants are compared as
 * instants, whatever the zone.
 */
@Configuration(proxyBeanMethods = false)
class ValidationClock {

    /** The zone furthest ahead of UTC (Line Islands). */
    static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(14);

    @Bean
    ValidationConfigurationCustomizer latestCalendarDay() {
        return configuration -> configuration.clockProvider(() -> Clock.system(LATEST_ZONE));
    }
}
