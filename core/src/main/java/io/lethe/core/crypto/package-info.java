/**
 * Crypto-shredding: personal-data fields are sealed with AES-256-GCM under a data key per
 * (subject, retention class), in events and in read models alike ({@link io.lethe.core.crypto.Sealed});
 * shredding the key erases every copy of those fields at once.
 */
package io.lethe.core.crypto;
