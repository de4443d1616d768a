package io.lethe.platform.crypto;

import io.lethe.core.personaldata.RetentionClass;

import javax.crypto.SecretKey;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one holder's keys: a key per live class, an empty Optional per shredded class;
 * {@code condemned} when the unused-key sweep has marked them for removal (see {@link UnusedKeySweep}).
 */
record SubjectKeys(Map<RetentionClass, Optional<SecretKey>> keys, boolean condemned) {

    /** No key of any class: a holder the vault has never seen. */
    static final SubjectKeys NONE = new SubjectKeys(Map.of());

    SubjectKeys(Map<RetentionClass, Optional<SecretKey>> keys) {
        this(keys, false);
    }
}
