package io.lethe.platform.web;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestType;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters and path variables take the same wire codes as JSON bodies ({@code US-CA},
 * {@code know-specific-pieces}); without this, Spring MVC binds enums by their Java constant names
 * and {@code ?jurisdiction=US-CA} was refused with 400.
 */
@Configuration(proxyBeanMethods = false)
class WireCodes implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Jurisdiction.class, Jurisdiction::fromCode);
        registry.addConverter(String.class, RequestType.class, RequestType::fromCode);
    }
}
