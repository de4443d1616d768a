package io.lethe.saga.notice;

import io.lethe.platform.Subjects;
import io.lethe.platform.notice.WithMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.lethe.platform.Callers.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The notice queue on the real database: many claimers at once (several nodes' delivery tasks) each
 * get a notice once; an attempt whose claim was taken over changes nothing; a notice the mail server
 * took before its node died is recorded, not mailed again.
 */
// in the package of the queue it tests, beside the platform's: the platform's application class named
@org.springframework.test.context.ContextConfiguration(classes = io.lethe.platform.LetheApplication.class)
class NoticeOutboxOnTheDatabaseTest extends WithMailServer {

    @Autowired
    NoticeProperties properties;
    @Autowired
    NoticeDelivery delivery;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void fourClaimersAtOnceGetEachNoticeOnceAndAStaleClaimChangesNothing() throws Exception {
        // claimers a day ahead of this node's own delivery task, which therefore leaves these notices alone
        NoticeOutbox outbox = new NoticeOutbox(org.springframework.jdbc.core.simple.JdbcClient.create(jdbc), properties,
                java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(1)));
        String tag = UUID.randomUUID().toString();
        List<UUID> queued = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID notice = UUID.randomUUID();
            queued.add(notice);
            // due in twelve hours: for the claimers here, not for this node's delivery task
            jdbc.update("INSERT INTO request_notice (notice_id, request_id, subject_id, kind, request_type, event_at, status, "
                    + "next_attempt_at, reason) VALUES (?, ?, ?, 'RECEIPT', 'access', now(), 'PENDING', now() + interval '12 hours', ?)",
                    notice, UUID.randomUUID(), UUID.randomUUID(), tag);
        }
        List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService claimers = Executors.newFixedThreadPool(4);
        try {
            claimAll(outbox, tag, claimed, claimers);
            assertThat(claimed).hasSize(40).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
            staleClaims(outbox, queued.get(0));
        } finally {
            claimers.shutdownNow();
            // the claimers a day ahead took the other tests' notices due now too: give them back
            jdbc.update("UPDATE request_notice SET next_attempt_at = now() WHERE reason IS DISTINCT FROM ? "
                    + "AND status IN ('PENDING', 'MAILED') AND next_attempt_at > now() + interval '1 day'", tag);
            jdbc.update("DELETE FROM request_notice WHERE reason = ?", tag);
        }
    }

    private static void claimAll(NoticeOutbox outbox, String tag, List<UUID> claimed, ExecutorService claimers) throws Exception {
        Callable<Void> claimer = () -> {
            List<NoticeOutbox.Claimed> batch;
            do {
                batch = outbox.claimDue(5);
                batch.stream().filter(notice -> tag.equals(notice.reason())).forEach(notice -> claimed.add(notice.noticeId()));
            } while (!batch.isEmpty());
            return null;
        };
        for (Future<Void> done : claimers.invokeAll(List.of(claimer, claimer, claimer, claimer))) {
            done.get();
        }
    }

    /** The lease of a first claim ran out and another node claimed the notice: the first one's update is void. */
    private void staleClaims(NoticeOutbox outbox, UUID notice) {
        jdbc.update("UPDATE request_notice SET next_attempt_at = now() + interval '12 hours' WHERE notice_id = ?", notice);
        NoticeOutbox.Claimed first = claim(outbox, notice);
        jdbc.update("UPDATE request_notice SET next_attempt_at = now() + interval '12 hours' WHERE notice_id = ?", notice);
        NoticeOutbox.Claimed second = claim(outbox, notice);
        assertThat(second.claimId()).isNotEqualTo(first.claimId());
        outbox.table().undelivered(first.noticeId(), first.claimId(), io.lethe.core.request.NoticeFailure.MAIL_UNREACHABLE);
        assertThat(jdbc.queryForObject("SELECT status FROM request_notice WHERE notice_id = ?", String.class, notice)).isEqualTo("PENDING");
        outbox.table().recorded(second.noticeId(), second.claimId());
        assertThat(jdbc.queryForObject("SELECT status FROM request_notice WHERE notice_id = ?", String.class, notice)).isEqualTo("SENT");
    }

    @Test
    void aNoticeTheServerTookBeforeItsNodeDiedIsRecordedNotMailedAgain() throws Exception {
        String subject = Subjects.register(mvc, "EU", "Iris Lund", "iris.lund@example.eu");
        String request = json.readTree(mvc.perform(post("/api/subjects/" + subject + "/privacy-requests")
                        .with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"access\",\"requester\":\"SUBJECT\",\"channel\":\"IN_APP\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("requestId").asString();
        // a denial's notice the mail server took just before its node died (no denial is recorded, so nothing
        // else queues one): the next attempt, on any node, records it and mails nothing
        jdbc.update("INSERT INTO request_notice (notice_id, request_id, subject_id, kind, request_type, reason, event_at, status, "
                + "attempts, next_attempt_at, language, message_id, sent_at) VALUES (?, CAST(? AS UUID), CAST(? AS UUID), 'DENIAL', "
                + "'access', 'EXEMPTION', now(), 'MAILED', 1, now() - interval '1 minute', 'en', '<taken@lethe.example>', now())",
                UUID.randomUUID(), request, subject);
        delivery.deliverDue();
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(jdbc.queryForObject(
                "SELECT status FROM request_notice WHERE request_id = CAST(? AS UUID) AND kind = 'DENIAL'", String.class, request)));
        assertThat(received("iris.lund@example.eu")).as("only the receipt is mailed")
                .noneMatch(message -> subjectOf(message).contains("decision"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%RequestNoticeSentEvent' AND convert_from(payload, 'UTF8') LIKE '%DENIAL%'",
                Long.class, subject)).isEqualTo(1);
    }

    private static NoticeOutbox.Claimed claim(NoticeOutbox outbox, UUID notice) {
        for (NoticeOutbox.Claimed claimed : outbox.claimDue(50)) {
            if (claimed.noticeId().equals(notice)) {
                return claimed;
            }
        }
        throw new AssertionError("the notice was not claimed");
    }
}
