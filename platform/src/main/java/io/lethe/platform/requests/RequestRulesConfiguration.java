package io.lethe.platform.requests;

import io.lethe.core.request.RequestRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request rule table every side uses: the command side fixes due dates with it, the query
 * side lists a subject's rights from it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestRulesConfiguration.JapanDeadline.class)
class RequestRulesConfiguration {

    /** @param japanResponseDays APPI's "without delay" in days; 14 by default (APPI Art. 39) */
    @ConfigurationProperties("lethe.requests")
    record JapanDeadline(@DefaultValue("14") int japanResponseDays) {
    }

    @Bean
    RequestRules requestRules(JapanDeadline japan) {
        return new RequestRules(japan.japanResponseDays());
    }
}
