package io.lethe.query.audit;

import jakarta.annotation.Nullable;
import io.lethe.core.personaldata.PersonalDataModel;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One event as auditors see it, and one line of the history export. Personal fields are decrypted
 * where their key exists and carry their redaction value where it was shredded.
 *
 * @param position       the event's position in the global history (absent when read per subject)
 * @param subjectId      the aggregate (for subject events: the data subject) the event belongs to; for a
 *                       usage period's events, its subject
 * @param stream         the stream the event is stored in: the aggregate's id ({@code subject/period} for a
 *                       usage period's, ADR 0019); with {@code sequence}, what names the event in the store
 * @param sequence       its number within that stream
 * @param type           the event type, without package
 * @param revision       the event type's revision
 * @param timestamp      when it was stored
 * @param principal      who caused it (the authenticated user, or {@code system})
 * @param correlationId  the id of the command that caused it
 * @param metadata       all metadata, including the above
 * @param payload        the event itself
 */
record HistoryEntry(@Nullable Long position,
                    @Nullable @Schema(maxLength = Lengths.REFERENCE) String subjectId,
                    @Nullable @Schema(maxLength = Lengths.REFERENCE) String stream,
                    @Nullable Long sequence,
                    @Schema(maxLength = TYPE_LENGTH) String type,
                    @Nullable @Schema(maxLength = REVISION_LENGTH) String revision,
                    Instant timestamp,
                    @Nullable @Schema(maxLength = PRINCIPAL_LENGTH) String principal,
                    @Nullable @Schema(format = "uuid") String correlationId,
                    Map<String, Object> metadata, Object payload) {

    /*
     * An aggregate's id, and so a stream's and the subject's: a subject's or a breach's UUID, a purpose
     * change's id (a reference, 100 at most), or a usage period's subject/period (a UUID, '/' and an
     * instant, 74 at most). The correlation id is the id Axon gave the causing command: a UUID.
     */

    /** An event type's simple name: the longest the platform has is 36 characters; a longer one is cut. */
    static final int TYPE_LENGTH = 128;
    /** An event type's revision ({@code @Revision}: "1", "2"); a longer one is cut. */
    static final int REVISION_LENGTH = 32;
    /**
     * Who caused the event: a sign-in's name, or {@code system}. The access log keeps a principal in 200
     * ({@code personal_data_access_log.principal}); a longer one is cut to that here.
     */
    static final int PRINCIPAL_LENGTH = 200;

    HistoryEntry {
        type = Lengths.atMost(type, TYPE_LENGTH);
        revision = Lengths.atMost(revision, REVISION_LENGTH);
        principal = Lengths.atMost(principal, PRINCIPAL_LENGTH);
    }

    /** The data subject whose personal data this entry shows, if it shows any. */
    Optional<SubjectId> personalDataOf() {
        if (payload == null || subjectId == null || PersonalDataModel.of(payload.getClass()).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SubjectId.of(subjectId));
        } catch (IllegalArgumentException notASubject) {
            return Optional.empty();
        }
    }

    /** The subjects whose personal data some of {@code entries} show, each once. */
    static Set<SubjectId> subjectsShownIn(Collection<HistoryEntry> entries) {
        Set<SubjectId> subjects = new LinkedHashSet<>();
        entries.forEach(entry -> entry.personalDataOf().ifPresent(subjects::add));
        return subjects;
    }
}
