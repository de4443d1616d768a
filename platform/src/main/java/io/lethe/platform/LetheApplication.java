package io.lethe.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Starts Lethe. Which sides run in this process is set by {@code lethe.roles} (all of them by
 * default); see {@link io.lethe.platform.roles.Sides}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan("io.lethe.platform")
@EnableScheduling
public class LetheApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(LetheApplication.class, args);
    }
}
