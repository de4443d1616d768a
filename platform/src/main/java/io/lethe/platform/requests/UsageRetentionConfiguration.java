package io.lethe.platform.requests;

import io.lethe.core.personaldata.UsagePeriods;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rolling retention of usage data (categories D and F) during the account's life: the command
 * side files each piece under its period, the retention saga shreds a period when it is old enough.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsageRetentionConfiguration.UsageRetention.class)
class UsageRetentionConfiguration {

    /**
     * @param period  how long one usage period (and its key) is: whole months ({@code P1M}) or, for
     *                tests, an exact duration ({@code PT2S})
     * @param keptFor how long a period is kept after it ends ({@code P13M}: every piece a 12-month
     *                access report can ask for)
     */
    @ConfigurationProperties("lethe.retention.usage")
    record UsageRetention(@DefaultValue("P1M") String period, @DefaultValue("P13M") String keptFor) {
    }

    @Bean
    UsagePeriods usagePeriods(UsageRetention retention) {
        return new UsagePeriods(retention.period(), retention.keptFor());
    }
}
