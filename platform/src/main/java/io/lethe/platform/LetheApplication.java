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
        if (args.length > 0 && "import".equals(args[0])) {
            // the command-line form of an import: a client of a running platform's API, no platform of its own
            System.exit(io.lethe.platform.imports.ImportCommandLine.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(LetheApplication.class, args);
    }
}
