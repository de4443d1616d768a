package io.lethe.saga.purpose;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PurposeChangeProperties.class)
class PurposeChangeConfiguration {
}
