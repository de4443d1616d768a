package io.lethe.query.audit;

import jakarta.annotation.Nullable;
import io.lethe.core.personaldata.PersonalDataModel;
import io.lethe.core.subject.SubjectId;

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
record HistoryEntry(@Nullable Long position, @Nullable String subjectId, @Nullable String stream, @Nullable Long sequence, String type, @Nullable String revision, Instant timestamp,
                    @Nullable String principal, @Nullable String correlationId, Map<String, Object> metadata, Object payload) {

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
