package io.lethe.platform.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's cache of unwrapped keys per holder, read through to the vault. It holds a holder's keys
 * for a fixed time after loading them, never longer, whoever keeps reading them; a shredding seen here
 * ({@link #evict}) moves a shredding epoch, so a load that raced with it does not cache the destroyed
 * key: whoever loads compares the epoch before and after and drops what it put in if it moved.
 */
final class KeyCache {

    private final KeyVault vault;
    private final Cache<String, SubjectKeys> cache;
    private final Duration ttl;
    private final AtomicLong shreddingEpoch = new AtomicLong();

    KeyCache(KeyVault vault, CryptoProperties properties, MeterRegistry meters, Ticker ticker) {
        this.vault = vault;
        this.ttl = properties.keyCacheTtl();
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.keyCacheSize())
                // after loading, not after access: a node that keeps reading a subject still stops
                // decrypting within this bound once the key is destroyed elsewhere
                .expireAfterWrite(properties.keyCacheTtl())
                .ticker(ticker)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "lethe-data-keys");
    }

    /** How long a key stays cached after it was loaded. */
    Duration ttl() {
        return ttl;
    }

    /** The holder's keys, from the cache or else from the vault. */
    SubjectKeys get(String subject) {
        return cache.get(subject, vault::load);
    }

    /** Whether the holder's keys are cached here now (nothing is loaded). */
    boolean holds(String subject) {
        // not getIfPresent: the question is no lookup, and must not count as a miss in the cache's statistics
        return cache.asMap().containsKey(subject);
    }

    /** Loads the keys of every one of {@code subjects} not cached yet, in one query. */
    void preload(Collection<String> subjects) {
        Set<String> missing = new LinkedHashSet<>();
        for (String subject : subjects) {
            if (cache.getIfPresent(subject) == null) {
                missing.add(subject);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        long epoch = shreddingEpoch.get();
        Map<String, SubjectKeys> loaded = vault.load(missing);
        loaded.forEach((subject, keys) -> cache.asMap().putIfAbsent(subject, keys));
        if (shreddingEpoch.get() != epoch) {
            cache.invalidateAll(loaded.keySet());
        }
    }

    /** The shredding epoch now: compare it after caching what was read before a shredding could be seen. */
    long epoch() {
        return shreddingEpoch.get();
    }

    void put(String subject, SubjectKeys keys) {
        cache.put(subject, keys);
    }

    void putAll(Map<String, SubjectKeys> keys) {
        cache.putAll(keys);
    }

    void invalidate(String subject) {
        cache.invalidate(subject);
    }

    void invalidateAll(Collection<String> subjects) {
        cache.invalidateAll(subjects);
    }

    void invalidateAll() {
        cache.invalidateAll();
    }

    /** Forgets the subject's keys here: a shredding was seen, made here or on another node. */
    void evict(String subject) {
        shreddingEpoch.incrementAndGet();
        cache.invalidate(subject);
    }
}
