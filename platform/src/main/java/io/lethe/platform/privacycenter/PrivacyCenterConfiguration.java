package io.lethe.platform.privacycenter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyCenterProperties.class)
class PrivacyCenterConfiguration {
}
