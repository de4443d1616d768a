package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;

/**
 * A protected field failed authentication: it was altered, or copied from another subject, class or
 * field — or it is not sealed at all where a sealed value belongs. Nothing of the value is revealed;
 * the message names only the retention class.
 */
public class TamperedCiphertextException extends RuntimeException {

    public TamperedCiphertextException(RetentionClass retentionClass) {
        super("A " + retentionClass + " field does not authenticate for its subject: it was altered or moved");
    }

    private TamperedCiphertextException(String message) {
        super(message);
    }

    /** A value in the clear where a sealed one of {@code retentionClass} (null: unknown) belongs. */
    public static TamperedCiphertextException unsealed(RetentionClass retentionClass) {
        return new TamperedCiphertextException("A " + (retentionClass == null ? "personal-data" : retentionClass.name())
                + " field holds a value that is not sealed where a sealed one belongs: it was written around the platform");
    }
}
