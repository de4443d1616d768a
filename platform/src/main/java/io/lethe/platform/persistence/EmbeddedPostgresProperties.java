package io.lethe.platform.persistence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL of the default shape.
 *
 * @param enabled       start it (the {@code postgres} profile turns it off)
 * @param dataDirectory where its cluster lives; survives restarts
 * @param port          its TCP port on localhost, {@code 0} for any free port
 * @param database      the database Lethe uses inside it, created when missing
 * @param clean         wipe the data directory before the first start in this JVM (tests only)
 * @param durable       fsync, synchronous commit and full-page writes on, as a system of record needs
 *                      (the default); off only where losing the last commits is harmless: tests
 * @param vaultDatabase a database of the key vault's own on the same server, created when missing;
 *                      empty: the vault shares {@code database}. The separation shows the vault's
 *                      own datasource at work; for backups apart, give the vault a server of its own
 *                      ({@code lethe.crypto.vault.url})
 * @param maxConnections the server's {@code max_connections}: every node's pool, the health probes and an
 *                      operator's session share it (tests run many platforms against one server)
 */
@ConfigurationProperties("lethe.embedded-postgres")
record EmbeddedPostgresProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("./data/postgres") Path dataDirectory,
        @DefaultValue("15432") int port,
        @DefaultValue("lethe") String database,
        @DefaultValue("false") boolean clean,
        @DefaultValue("true") boolean durable,
        String vaultDatabase,
        @DefaultValue("100") int maxConnections) {
}
