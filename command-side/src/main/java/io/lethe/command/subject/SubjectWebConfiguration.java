package io.lethe.command.subject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Hears the Global Privacy Control signal on every subject command. */
@Configuration(proxyBeanMethods = false)
class SubjectWebConfiguration implements WebMvcConfigurer {

    private final CommandGateway commandGateway;

    SubjectWebConfiguration(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new GlobalPrivacyControl(commandGateway)).addPathPatterns("/api/subjects/*/**");
    }
}
