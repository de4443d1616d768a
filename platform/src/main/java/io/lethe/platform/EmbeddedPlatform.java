package io.lethe.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the whole platform in this JVM on the embedded default with all its state — PostgreSQL
 * data and the KEK — under one directory, on free ports. Starting it again on the same directory is
 * a restart. Used by the benchmark and by the restart tests.
 */
public final class EmbeddedPlatform {

    private EmbeddedPlatform() {
    }

    public static ConfigurableApplicationContext start(Path dataDirectory, String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--lethe.embedded-postgres.data-directory=" + dataDirectory.resolve("postgres"),
                "--lethe.embedded-postgres.port=0",
                "--lethe.embedded-postgres.database=lethe",
                "--lethe.crypto.kek-file=" + dataDirectory.resolve("lethe.kek"),
                "--server.port=0"));
        arguments.addAll(List.of(moreArguments));
        return new SpringApplicationBuilder(LetheApplication.class).run(arguments.toArray(String[]::new));
    }
}
