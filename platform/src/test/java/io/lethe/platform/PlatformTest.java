package io.lethe.platform;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole platform on the embedded PostgreSQL, as the README's run command starts it. All test
 * contexts share one embedded server per JVM, and each context gets a database of its own, so a
 * cached context's processors never compete with a newer one's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "lethe.embedded-postgres.data-directory=target/embedded-postgres",
        "lethe.embedded-postgres.port=0",
        "lethe.embedded-postgres.clean=true",
        // losing the last commits of a test server on a crash is harmless; the default is durable
        "lethe.embedded-postgres.durable=false",
        "lethe.embedded-postgres.database=t_${random.value}",
        // the suite keeps many platforms (Spring's cached test contexts) on one server: each keeps a
        // couple of idle connections, not a full pool, and the server takes them all
        "lethe.embedded-postgres.max-connections=400",
        "spring.datasource.hikari.minimum-idle=2",
        "lethe.crypto.kek-file=target/test-kek/lethe.kek"
})
@AutoConfigureMockMvc
public @interface PlatformTest {

    /** A mock servlet environment by default; a real server where a browser or a second process must reach it. */
    @AliasFor(annotation = SpringBootTest.class)
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;
}
