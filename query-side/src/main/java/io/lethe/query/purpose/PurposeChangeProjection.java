package io.lethe.query.purpose;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.purpose.PurposeChangeAnnouncedEvent;
import io.lethe.core.purpose.PurposeChangeNoticeOwedEvent;
import io.lethe.core.purpose.PurposeChangeNoticePageRecordedEvent;
import io.lethe.core.purpose.PurposeChangeNotifiedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.lethe.query.Columns.utc;

/** Purpose changes and the per-subject notices; every write applies once, so replays change nothing. */
@Component
@ProcessingGroup(PurposeChangeProjection.PROCESSING_GROUP)
class PurposeChangeProjection {

    static final String PROCESSING_GROUP = "purpose-changes";

    private final JdbcClient jdbc;

    PurposeChangeProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PurposeChangeAnnouncedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO purpose_change (change_id, purposes, categories, effective_on, notice_reference, announced_at)
                        VALUES (:id, :purposes, :categories, :effective, :notice, :at) ON CONFLICT DO NOTHING""")
                .param("id", event.changeId())
                .param("purposes", event.purposes().stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("categories", event.categories().stream().sorted().map(DataCategory::letter).toArray(String[]::new))
                .param("effective", event.effectiveOn())
                .param("notice", event.noticeReference())
                .param("at", utc(at))
                .update();
    }

    @EventHandler
    void on(PurposeChangeNoticeOwedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO purpose_change_notice (change_id, subject_id, owed_at) VALUES (:id, :subject, :at)
                        ON CONFLICT DO NOTHING""")
                .param("id", event.changeId()).param("subject", event.subjectId().value()).param("at", utc(at))
                .update();
    }

    /** Pages arrive in order and are recorded once; the guard keeps a redelivered one from moving anything back. */
    @EventHandler
    void on(PurposeChangeNoticePageRecordedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE purpose_change SET notice_pages = :page,
                            notices_all_owed_at = CASE WHEN :last THEN CAST(:at AS TIMESTAMPTZ) ELSE notices_all_owed_at END
                        WHERE change_id = :id AND notice_pages < :page""")
                .param("id", event.changeId()).param("page", event.page()).param("last", event.last())
                .param("at", utc(at))
                .update();
    }

    @EventHandler
    void on(PurposeChangeNotifiedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE purpose_change_notice SET notified_at = :at, channel = :channel
                        WHERE change_id = :id AND subject_id = :subject AND notified_at IS NULL""")
                .param("id", event.changeId()).param("subject", event.subjectId().value()).param("at", utc(at))
                .param("channel", event.channel().name())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM purpose_change_notice").update();
        jdbc.sql("DELETE FROM purpose_change").update();
    }
}
