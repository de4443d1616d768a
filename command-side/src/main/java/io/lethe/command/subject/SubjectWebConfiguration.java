package io.lethe.command.subject;

import io.lethe.command.ApiCommands;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Hears the Global Privacy Control signal on every subject command. */
@Configuration(proxyBeanMethods = false)
class SubjectWebConfiguration implements WebMvcConfigurer {

    private final ApiCommands commands;

    SubjectWebConfiguration(ApiCommands commands) {
        this.commands = commands;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new GlobalPrivacyControl(commands)).addPathPatterns("/api/subjects/*/**");
    }
}
