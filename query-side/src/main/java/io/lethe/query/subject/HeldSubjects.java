package io.lethe.query.subject;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.FindHeldSubjectsQuery;
import io.lethe.core.subject.HeldSubject;
import io.lethe.core.subject.HeldSubjectsPage;
import io.lethe.core.subject.SubjectId;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.lethe.query.Columns.instant;
import static io.lethe.query.Columns.utc;

/**
 * The subjects a purpose change reaches, a page at a time, from the subject summaries: registered by
 * the announcement, newest first (the order of the staff list's index, {@code registered_at DESC,
 * subject_id}), PROFILE not shredded. A keyset page starts after the last subject seen, so it costs
 * the same at the millionth subject as at the first and nobody registering meanwhile moves it.
 *
 * <p>The summaries are a projection and may lag: an answer is current only once every segment of
 * {@code subject-summary} has handled the asked event position, read from the shared token table so
 * it holds whichever node owns the segments (and during a rebuild, whose replay must pass it first).
 */
@Component
class HeldSubjects {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    HeldSubjects(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @QueryHandler
    HeldSubjectsPage handle(FindHeldSubjectsQuery query) {
        if (query.position() != null && !summariesHaveSeen(query.position(),
                java.time.Instant.now().isAfter(query.registeredBy().plus(GAPS_SETTLE)))) {
            return new HeldSubjectsPage(false, List.of());
        }
        boolean first = query.afterSubjectId() == null;
        // the cursor's instant bounds the index scan; the OR only settles ties on it
        List<HeldSubject> subjects = jdbc.sql("""
                        SELECT subject_id, registered_at FROM subject_summary
                        WHERE registered_at <= :upTo
                          AND (:first OR registered_at < :upTo OR subject_id > :afterId)
                          AND NOT (:profile = ANY (erased_classes))
                        ORDER BY registered_at DESC, subject_id LIMIT :size""")
                .param("upTo", utc(first ? query.registeredBy() : query.afterRegisteredAt()))
                .param("first", first)
                .param("afterId", first ? new UUID(0, 0) : query.afterSubjectId().value())
                .param("profile", RetentionClass.PROFILE.name())
                .param("size", query.size())
                .query((row, number) -> new HeldSubject(new SubjectId(row.getObject("subject_id", UUID.class)),
                        instant(row.getObject("registered_at", OffsetDateTime.class))))
                .list();
        return new HeldSubjectsPage(true, subjects);
    }

    /**
     * How long after the announcement a position below it that the summaries have not seen is taken for
     * a transaction that rolled back rather than one still running. The store keeps such a gap in a
     * token until ten thousand events later, which on a quiet platform is never; a transaction that
     * registers a subject takes milliseconds.
     */
    static final java.time.Duration GAPS_SETTLE = java.time.Duration.ofSeconds(15);

    private boolean summariesHaveSeen(long position, boolean gapsSettled) {
        List<TrackingToken> tokens = jdbc.sql("""
                        SELECT token, token_type FROM token_entry WHERE processor_name = :name""")
                .param("name", SubjectSummaryProjection.PROCESSING_GROUP)
                .query((row, number) -> {
                    byte[] token = row.getBytes("token");
                    String type = row.getString("token_type");
                    return token == null || type == null ? null
                            : serializer.<byte[], TrackingToken>deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                })
                .list();
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, position, gapsSettled));
    }

    /**
     * Whether a segment's token has handled the event at {@code position} and every one before it — or,
     * once the gaps below it have settled, every one before it that was ever stored.
     */
    static boolean covers(TrackingToken token, long position, boolean gapsSettled) {
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (reached instanceof GapAwareTrackingToken gapAware && !gapsSettled) {
            return gapAware.covers(GapAwareTrackingToken.newInstance(position, Set.of()));
        }
        if (reached instanceof GlobalSequenceTrackingToken global) {
            return global.covers(new GlobalSequenceTrackingToken(position));
        }
        return reached != null && reached.position().orElse(-1) >= position;
    }
}
