package io.lethe.platform.web;

import io.lethe.platform.crypto.PlatformSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Idempotent retries ({@link IdempotencyFilter}): after Spring Security, so the caller is known, and
 * before everything else that handles the request. {@code lethe.idempotency.retention} (24 h) is how
 * long an answer is kept for its key; {@code lethe.idempotency.lease} (30 s) how long a claim whose
 * request never finished (its process died) holds off a retry.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean(destroyMethod = "close")
    IdempotencyKeys idempotencyKeys(DataSource dataSource, PlatformSecrets secrets,
                                    @Value("${lethe.idempotency.retention:24h}") Duration retention,
                                    @Value("${lethe.idempotency.lease:30s}") Duration lease) {
        return new IdempotencyKeys(JdbcClient.create(dataSource), secrets, retention, lease);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, JsonMapper jsonMapper) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(keys, jsonMapper));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
