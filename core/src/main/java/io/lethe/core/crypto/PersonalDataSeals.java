package io.lethe.core.crypto;

import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;

/**
 * Sealing and opening of personal data kept outside the event store, under the same data keys and
 * with the same envelope as the events' fields: destroying a (subject, class) key erases the read
 * models' copies together with the events'.
 */
public interface PersonalDataSeals {

    /**
     * {@code plaintext} of {@code field} sealed under {@code subject}'s key for {@code retentionClass}
     * (the field's name is bound to the seal: the value opens as that field only); {@code null} for
     * {@code null}; {@link Sealed#ERASED} when the class was already shredded (a projection that is
     * behind the shredding never stores the plaintext it still holds in memory).
     */
    Sealed seal(String subject, RetentionClass retentionClass, String field, String plaintext);

    /**
     * The plaintext of {@code sealed}, the value of {@code field}; {@value Redaction#ERASED} once its key
     * is shredded; {@code null} for {@code null}.
     *
     * @throws TamperedCiphertextException when the envelope does not authenticate for this subject and field
     */
    String open(String subject, String field, Sealed sealed);
}
