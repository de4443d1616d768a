package io.lethe.saga.notice;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.request.NoticeFailure;
import io.lethe.core.subject.SubjectSummary;

/**
 * Where mail to a subject goes: the address on its record, opened in memory only, or — {@code missing} —
 * why there is none to write to (never given, or erased with the profile). The notices and the privacy
 * center's codes both write to it.
 */
public record Recipient(String address, NoticeFailure missing) {

    /** The subject's address as its summary holds it, sealed under its key. */
    public static Recipient of(PersonalDataSeals seals, SubjectSummary subject) {
        String address = seals.open(subject.subjectId().toString(), "email", subject.email());
        if (address == null || address.isBlank()) {
            return new Recipient(null, NoticeFailure.NO_ADDRESS);
        }
        return Redaction.ERASED.equals(address) ? new Recipient(null, NoticeFailure.RECIPIENT_ERASED) : new Recipient(address, null);
    }

    public boolean writable() {
        return missing == null;
    }

    @Override
    public String toString() {
        return writable() ? "Recipient[an address]" : "Recipient[" + missing + "]";
    }
}
