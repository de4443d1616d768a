package io.lethe.platform.requests;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.HolidayCalendar;
import io.lethe.core.request.RequestRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The request rule table every side uses: the command side fixes due dates with it, the query
 * side lists a subject's rights from it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestRulesConfiguration.JapanDeadline.class)
class RequestRulesConfiguration {

    /**
     * @param japanResponseDays APPI's "without delay" in days; 14 by default (APPI Art. 39)
     * @param holidays          per jurisdiction code, the public holidays that replace the shipped ones
     *                          (business-day periods skip them)
     */
    @ConfigurationProperties("lethe.requests")
    record JapanDeadline(@DefaultValue("14") int japanResponseDays, Map<String, List<LocalDate>> holidays) {
    }

    @Bean
    RequestRules requestRules(JapanDeadline japan) {
        HolidayCalendar calendar = HolidayCalendar.shipped();
        if (japan.holidays() != null) {
            for (Map.Entry<String, List<LocalDate>> configured : japan.holidays().entrySet()) {
                calendar = calendar.with(Jurisdiction.fromCode(configured.getKey()), configured.getValue());
            }
        }
        return new RequestRules(japan.japanResponseDays(), calendar);
    }
}
