package io.lethe.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts Lethe: command side, query side and sagas in one process on the embedded default. */
@SpringBootApplication(scanBasePackages = "io.lethe")
@ConfigurationPropertiesScan("io.lethe")
public class LetheApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(LetheApplication.class, args);
    }
}
