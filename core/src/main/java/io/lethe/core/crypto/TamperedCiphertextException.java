package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;

/**
 * A protected field failed authentication: it was altered, or copied from another subject or
 * class. Nothing of the value is revealed; the message names only the retention class.
 */
public class TamperedCiphertextException extends RuntimeException {

    public TamperedCiphertextException(RetentionClass retentionClass) {
        super("A " + retentionClass + " field does not authenticate for its subject: it was altered or moved");
    }
}
