package io.lethe.query.subject;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.crypto.Sealed;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.FindSubjectSummariesQuery;
import io.lethe.core.subject.FindSubjectSummaryQuery;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.subject.SocialLoginLinkedEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectStatus;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.core.subject.SubjectSummaryPage;
import io.lethe.core.subject.TerminationReason;
import io.lethe.query.SequenceGuardedTable;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.lethe.query.Columns.instant;
import static io.lethe.query.Columns.strings;
import static io.lethe.query.Columns.utc;

/**
 * One row per subject with what staff need at a glance. The name and e-mail are stored sealed under
 * the subject's PROFILE key, as in the events, so destroying that key erases this copy too — the
 * current row, its old versions in the table's pages and the WAL, and every backup of them — whether
 * or not this projection has seen the shredding yet. Every update is guarded by the event's sequence
 * number within its subject, so a redelivered or replayed event changes nothing twice.
 */
@Component
@ProcessingGroup(SubjectSummaryProjection.PROCESSING_GROUP)
class SubjectSummaryProjection {

    static final String PROCESSING_GROUP = "subject-summary";

    static final String COLUMNS = "subject_id, jurisdiction, status, name, email, registered_at, terminated_at, "
            + "termination_reason, social_login_providers, purchase_count, erasure_requested_at, last_activity_at, erased_classes";

    private final JdbcClient jdbc;
    private final SequenceGuardedTable summaries;
    private final PersonalDataSeals seals;
    private final io.lethe.core.crypto.BlindIndex index;

    SubjectSummaryProjection(JdbcClient jdbc, PersonalDataSeals seals, io.lethe.core.crypto.BlindIndex index) {
        this.jdbc = jdbc;
        this.summaries = new SequenceGuardedTable(jdbc, "subject_summary", "subject_id");
        this.seals = seals;
        this.index = index;
    }

    @EventHandler
    void on(AccountRegisteredEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        String email = sealed(event.subjectId(), "email", event.email());
        jdbc.sql("""
                        INSERT INTO subject_summary (subject_id, jurisdiction, status, name, email, email_bucket, registered_at,
                                                     last_activity_at, last_sequence)
                        VALUES (:id, :jurisdiction, :status, :name, :email, :bucket, :at, :at, :sequence)
                        ON CONFLICT (subject_id) DO NOTHING""")
                .param("id", event.subjectId().value())
                .param("jurisdiction", event.jurisdiction().code())
                .param("status", SubjectStatus.ACTIVE.name())
                .param("name", sealed(event.subjectId(), "name", event.name()))
                .param("email", email)
                .param("bucket", bucket(email, event.email()), java.sql.Types.INTEGER)
                .param("at", utc(at))
                .param("sequence", sequence)
                .update();
    }

    /**
     * The e-mail address's blind-index bucket, from what was stored of it: none for none, nor where the
     * seal says the profile is already erased (a projection behind the shredding still holds the plaintext
     * in memory, and may derive nothing from it), nor for the redaction marker an event reads as once erased.
     */
    private Integer bucket(String storedSeal, String email) {
        return storedSeal == null || email == null || Sealed.ERASED.envelope().equals(storedSeal) || Redaction.ERASED.equals(email)
                ? null : index.bucket(SubjectSearch.EMAIL, SubjectSearch.normalised(email));
    }

    /** The name and e-mail, sealed like the registration's, where the update gave new ones. */
    @EventHandler
    void on(ProfileUpdatedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        String email = event.email() == null ? null : sealed(event.subjectId(), "email", event.email());
        summaries.updateIfNewer(event.subjectId().value(), sequence,
                        "name = COALESCE(:name, name), email = COALESCE(:email, email), "
                                + "email_bucket = CASE WHEN CAST(:email AS VARCHAR) IS NULL THEN email_bucket ELSE :bucket END, "
                                + "last_activity_at = :at")
                .param("name", event.name() == null ? null : sealed(event.subjectId(), "name", event.name()), java.sql.Types.VARCHAR)
                .param("email", email, java.sql.Types.VARCHAR)
                .param("bucket", bucket(email, event.email()), java.sql.Types.INTEGER)
                .param("at", utc(at))
                .update();
    }

    @EventHandler
    void on(SocialLoginLinkedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        update(event.subjectId(), at, sequence,
                "social_login_providers = array_append(social_login_providers, CAST(:provider AS TEXT))",
                "provider", event.provider());
    }

    @EventHandler
    void on(PurchaseRecordedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        update(event.subjectId(), at, sequence, "purchase_count = purchase_count + 1", null, null);
    }

    @EventHandler
    void on(AccountTerminatedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        update(event.subjectId(), at, sequence,
                "status = 'TERMINATED', terminated_at = :at, termination_reason = :reason",
                "reason", event.reason().name());
    }

    @EventHandler
    void on(PrivacyRequestSubmittedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        if (event.type().kind() == RequestType.Kind.ERASURE) {
            update(event.subjectId(), at, sequence, "erasure_requested_at = :at", null, null);
        }
    }

    /**
     * The key of a class is gone, and with it every sealed copy here; the profile fields are set to
     * the erasure marker as well, so the row says so without a key lookup. A rebuild from scratch
     * arrives at the same row, because the events themselves now read as redacted.
     */
    @EventHandler
    void on(PersonalDataShreddedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        String assignments = "erased_classes = array_append(erased_classes, CAST(:class AS TEXT))";
        if (event.retentionClass() == RetentionClass.PROFILE) {
            assignments += ", name = CASE WHEN name IS NULL THEN NULL ELSE '" + Redaction.ERASED + "' END"
                    + ", email = CASE WHEN email IS NULL THEN NULL ELSE '" + Redaction.ERASED + "' END"
                    + ", email_bucket = NULL";
        }
        update(event.subjectId(), at, sequence, assignments, "class", event.retentionClass().name());
    }

    private String sealed(SubjectId subject, String field, String plaintext) {
        Sealed sealed = seals.seal(subject.toString(), RetentionClass.PROFILE, field, plaintext);
        return sealed == null ? null : sealed.envelope();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM subject_summary").update();
    }

    private void update(SubjectId subjectId, Instant at, long sequence, String assignments, String name, Object value) {
        JdbcClient.StatementSpec statement = summaries.updateIfNewer(subjectId.value(), sequence,
                        assignments + ", last_activity_at = :at")
                .param("at", utc(at));
        if (name != null) {
            statement = statement.param(name, value);
        }
        statement.update();
    }

    @QueryHandler
    Optional<SubjectSummary> handle(FindSubjectSummaryQuery query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subject_summary WHERE subject_id = :id")
                .param("id", query.subjectId().value())
                .query(ROW)
                .optional();
    }

    @QueryHandler
    SubjectSummaryPage handle(FindSubjectSummariesQuery query) {
        String where = " WHERE (CAST(:jurisdiction AS VARCHAR) IS NULL OR jurisdiction = :jurisdiction)"
                + " AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)";
        String jurisdiction = query.jurisdiction() == null ? null : query.jurisdiction().code();
        String status = query.status() == null ? null : query.status().name();
        long total = jdbc.sql("SELECT count(*) FROM subject_summary" + where)
                .param("jurisdiction", jurisdiction)
                .param("status", status)
                .query(Long.class)
                .single();
        String order = switch (query.order() == null ? FindSubjectSummariesQuery.Order.REGISTERED_DESC : query.order()) {
            case REGISTERED_DESC -> "registered_at DESC";
            case REGISTERED -> "registered_at ASC";
            case LAST_ACTIVITY_DESC -> "last_activity_at DESC NULLS LAST";
        };
        List<SubjectSummary> items = jdbc.sql("SELECT " + COLUMNS + " FROM subject_summary" + where
                        + " ORDER BY " + order + ", subject_id LIMIT :limit OFFSET :offset")
                .param("jurisdiction", jurisdiction)
                .param("status", status)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(ROW)
                .list();
        return new SubjectSummaryPage(items, query.page(), query.size(), total);
    }

    static final RowMapper<SubjectSummary> ROW = (rs, rowNum) -> new SubjectSummary(
            new SubjectId(rs.getObject("subject_id", UUID.class)),
            Jurisdiction.fromCode(rs.getString("jurisdiction")),
            SubjectStatus.valueOf(rs.getString("status")),
            Sealed.of(rs.getString("name")),
            Sealed.of(rs.getString("email")),
            instant(rs.getObject("registered_at", OffsetDateTime.class)),
            instant(rs.getObject("terminated_at", OffsetDateTime.class)),
            rs.getString("termination_reason") == null ? null : TerminationReason.valueOf(rs.getString("termination_reason")),
            strings(rs.getArray("social_login_providers")),
            rs.getInt("purchase_count"),
            instant(rs.getObject("erasure_requested_at", OffsetDateTime.class)),
            instant(rs.getObject("last_activity_at", OffsetDateTime.class)),
            strings(rs.getArray("erased_classes")).stream().map(RetentionClass::valueOf).toList());
}
