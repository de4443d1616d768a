package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;

/** New personal data was offered for a (subject, class) whose key is already shredded. */
public class KeyShreddedException extends RuntimeException {

    public KeyShreddedException(RetentionClass retentionClass) {
        super("The subject's " + retentionClass + " data was erased: no new data of that class can be stored");
    }
}
