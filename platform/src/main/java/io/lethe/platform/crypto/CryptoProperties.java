package io.lethe.platform.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Key-encryption keys, the data-key cache and where the key vault lives.
 *
 * @param keks          every key-encryption key that may have wrapped a data key: an id and 32
 *                      random bytes in Base64. Retired ones stay listed until a rotation has
 *                      re-wrapped everything they wrapped
 * @param currentKek    the id of the KEK that wraps new keys and that rotation re-wraps to; the
 *                      only one listed when not set
 * @param kekFile       embedded default only: where a KEK is created (if absent) and read from
 *                      when {@code keks} is empty
 * @param keyCacheSize  data keys kept in memory
 * @param keyCacheTtl   how long a data key stays cached after it was loaded, however often it is
 *                      used: the bound within which a node stops decrypting a key shredded elsewhere
 *                      even if it never sees the shredding's event
 * @param vault         a database of the key vault's own; empty: the platform's database
 * @param evictionInterval how often this node looks in the shred ledger for subjects shredded on any
 *                      node, to forget their cached keys
 */
@ConfigurationProperties("lethe.crypto")
public record CryptoProperties(
        @DefaultValue List<Kek> keks,
        String currentKek,
        Path kekFile,
        @DefaultValue("100000") long keyCacheSize,
        @DefaultValue("15s") Duration keyCacheTtl,
        @DefaultValue Vault vault,
        @DefaultValue("1s") Duration evictionInterval) {

    /** A key-encryption key: an id written next to every key it wraps, and its Base64 value. */
    public record Kek(String id, String key) {
        @Override
        public String toString() {
            return "Kek[id=" + id + ", key=<secret>]";
        }
    }

    /**
     * The key vault's own database (PostgreSQL), so it can be backed up apart from the events and
     * kept for a shorter time; its schema is migrated at start-up.
     */
    public record Vault(String url, String username, String password) {
        @Override
        public String toString() {
            return "Vault[url=" + url + ", username=" + username + ", password=<secret>]";
        }
    }
}
