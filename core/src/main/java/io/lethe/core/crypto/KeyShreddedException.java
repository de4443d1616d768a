package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;

/**
 * New personal data was offered for a (subject, class) whose key is already shredded. It is the same
 * refusal the subject's aggregate makes ({@code personal-data-erased}), wherever it comes first: a
 * command that carries such data cannot even be sealed for the wire, as over Axon Server.
 */
public class KeyShreddedException extends RefusedException {

    public KeyShreddedException(RetentionClass retentionClass) {
        super(new Refusal("personal-data-erased", Refusal.Kind.CONFLICT, "The subject's " + retentionClass
                + " data was erased; no new data of that kind can be recorded."));
    }
}
