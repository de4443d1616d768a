package io.lethe.query.access;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.crypto.Sealed;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.subject.SubjectId;
import org.springframework.stereotype.Component;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The edge where personal data leaves the platform for a person. Every read of a subject's personal
 * data by staff or auditors passes here and is recorded in the access log before anything is served
 * (if the record cannot be written, nothing is). It is also the only place where values kept sealed
 * in read models are opened: plaintext exists in memory on its way out, and nowhere at rest.
 */
@Component
public class Disclosure {

    private final StaffAccessLog log;
    private final PersonalDataSeals seals;

    Disclosure(StaffAccessLog log, PersonalDataSeals seals) {
        this.log = log;
        this.seals = seals;
    }

    /** Opens the sealed values of the subjects whose read was recorded, and only theirs. */
    public interface Opener {
        /**
         * The plaintext of the subject's {@code field}, or the redaction marker once the subject's key for
         * the value's class is shredded.
         */
        String open(SubjectId subject, String field, Sealed value);

        /** The same for a field of a record the subject's data is kept in under a key of its own ({@code @KeyRecord}). */
        String openKept(SubjectId subject, String recordId, String field, Sealed value);
    }

    /**
     * Records that {@code principal} reads the personal data of {@code subjects} through {@code view},
     * then renders what is served, opening sealed values with the opener it is given.
     */
    public <T> T disclose(Principal principal, String view, Collection<SubjectId> subjects, Function<Opener, T> render) {
        List<SubjectId> read = List.copyOf(subjects);
        log.record(principal, read, view);
        Set<SubjectId> recorded = Set.copyOf(read);
        return render.apply(new Opener() {
            @Override
            public String open(SubjectId subject, String field, Sealed value) {
                return seals.open(recordedRead(subject).toString(), field, value);
            }

            @Override
            public String openKept(SubjectId subject, String recordId, String field, Sealed value) {
                return seals.open(UsagePeriods.recordHolder(recordedRead(subject).toString(), recordId), field, value);
            }

            private SubjectId recordedRead(SubjectId subject) {
                if (!recorded.contains(subject)) {
                    throw new IllegalStateException("A sealed value of a subject whose read was not recorded");
                }
                return subject;
            }
        });
    }

    /**
     * Records that {@code principal} reads {@code subject}'s personal data through {@code view}, and
     * returns {@code served}: data decrypted on its way out of the event store (reports, exports, the
     * history), which never rested anywhere in plaintext.
     */
    public <T> T disclose(Principal principal, String view, SubjectId subject, T served) {
        log.record(principal, List.of(subject), view);
        return served;
    }

    /** Records a read of many subjects at once (a page, an export's batch) before it is served. */
    public void recordBulk(Principal principal, String view, Collection<SubjectId> subjects) {
        log.record(principal, List.copyOf(subjects), view);
    }
}
