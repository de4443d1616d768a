package io.lethe.platform.requests;

import io.lethe.core.breach.BreachRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The breach-notification rule table, with the deadlines the statutes leave to the operator. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BreachRulesConfiguration.OpenDeadlines.class)
class BreachRulesConfiguration {

    @ConfigurationProperties("lethe.breach")
    record OpenDeadlines(@DefaultValue("5d") Duration appiPreliminary,
                         @DefaultValue("5d") Duration appiIndividuals,
                         @DefaultValue("72h") Duration gdprIndividuals,
                         @DefaultValue("72h") Duration taiwanAfterClarification,
                         @DefaultValue("false") boolean taiwanAuthority,
                         @DefaultValue("72h") Duration taiwanAuthorityPeriod) {
    }

    @Bean
    BreachRules breachRules(OpenDeadlines deadlines) {
        return new BreachRules(new BreachRules.Settings(deadlines.appiPreliminary(), deadlines.appiIndividuals(),
                deadlines.gdprIndividuals(), deadlines.taiwanAfterClarification(), deadlines.taiwanAuthority(),
                deadlines.taiwanAuthorityPeriod()));
    }
}
