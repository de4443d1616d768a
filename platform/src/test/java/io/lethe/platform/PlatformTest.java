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
 * contexts share one embedded server per JVM (the suite runs in two), and each context gets a database of its own, so a
 * cached context's processors never compete with a newer one's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        // the suite runs in two JVMs (platform/pom.xml): each has its own server and key file
        "lethe.embedded-postgres.data-directory=target/embedded-postgres-${lethe.test.fork:1}",
        "lethe.embedded-postgres.port=0",
        "lethe.embedded-postgres.clean=true",
        // losing the last commits of a test server on a crash is harmless; the default is durable
        "lethe.embedded-postgres.durable=false",
        "lethe.embedded-postgres.database=t_${random.value}",
        // the suite keeps many platforms (Spring's cached test contexts) on one server: each keeps a
        // couple of idle connections, not a full pool, and the server takes them all
        "lethe.embedded-postgres.max-connections=400",
        "spring.datasource.hikari.minimum-idle=2",
        "lethe.crypto.kek-file=target/test-kek-${lethe.test.fork:1}/lethe.kek",
        // the suite's test classes share a cached platform and its few users, so each of them is many
        // callers at once: the allowances are counted (every answer carries them) but out of reach;
        // RateLimitTest holds callers to small ones (test.rate-limits.*, as these win over a test's own)
        "lethe.rate-limits.anonymous=${test.rate-limits.anonymous:10000000}",
        "lethe.rate-limits.roles.SERVICE=${test.rate-limits.SERVICE:10000000}",
        "lethe.rate-limits.roles.PROCESSOR=${test.rate-limits.PROCESSOR:10000000}",
        "lethe.rate-limits.roles.PRIVACY_STAFF=${test.rate-limits.PRIVACY_STAFF:10000000}",
        "lethe.rate-limits.roles.AUDITOR=${test.rate-limits.AUDITOR:10000000}",
        "lethe.rate-limits.roles.ADMIN=${test.rate-limits.ADMIN:10000000}",
        // notices to requesters are the notice tests' own (WithMailServer, LocalMailboxTest): elsewhere the
        // receipts they record would race the request flows the tests follow step by step
        "lethe.notices.enabled=${test.notices.enabled:false}",
        // the response validator says on every request that it checks no OAuth2 security (requests are not its business here)
        "logging.level.com.atlassian.oai.validator=WARN"
})
@AutoConfigureMockMvc
public @interface PlatformTest {

    /** A mock servlet environment by default; a real server where a browser or a second process must reach it. */
    @AliasFor(annotation = SpringBootTest.class)
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;
}
