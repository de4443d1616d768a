package io.lethe.platform.axon;

import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A command a process manager sends runs inside the process manager's own transaction: the saga's
 * state, its token, the command's events, the keys it destroys and its shred-ledger entries commit
 * together or not at all. A shredding whose events the store refuses leaves every key alive, and the
 * process tries again until it is done.
 */
@PlatformTest
class SagaTransactionsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anErasureWhoseShreddingTheEventStoreRefusesDestroysNoKeyAndIsCompletedOnceTheStoreAcceptsIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = Subjects.register(mvc, "EU", "Sage Atomic-" + tag, "sage." + tag + "@tx.example");
        String request = json.readTree(mvc.perform(post("/api/subjects/" + subject + "/privacy-requests")
                        .with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"erasure\",\"requester\":\"SUBJECT\",\"channel\":\"WEB_FORM\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("requestId").asString();

        // a sequence counts the refusals: nextval is not undone by the rollback the refusal causes
        jdbc.execute("CREATE SEQUENCE refused_" + tag);
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_saga_shredding_" + tag + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.aggregate_identifier = '" + subject + "' AND NEW.payload_type LIKE '%PersonalDataShreddedEvent' "
                + "THEN PERFORM nextval('refused_" + tag + "'); RAISE EXCEPTION 'the event store refuses'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER refuse_saga_shredding_" + tag + " BEFORE INSERT ON domain_event_entry FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_saga_shredding_" + tag + "()");
        try {
            // no processors are configured: once identity is verified the erasure process shreds at once
            mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/identity-verification")
                            .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"method\":\"AUTHENTICATED_SESSION\"}"))
                    .andExpect(status().isNoContent());
            // the process has tried, and failed, at least once: its trigger has been hit
            await().atMost(Duration.ofSeconds(30)).until(() -> refusedAttempts(tag) > 0);
            Thread.sleep(500);
            assertThat(liveKeys(subject)).as("no key is destroyed while the shredding's events cannot be stored").isEqualTo(4);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM shred_ledger WHERE subject_id = ?", Long.class, subject))
                    .as("nor recorded as destroyed").isZero();
            assertThat(shreddedEvents(subject)).isZero();
        } finally {
            jdbc.execute("DROP TRIGGER refuse_saga_shredding_" + tag + " ON domain_event_entry");
            jdbc.execute("DROP FUNCTION refuse_saga_shredding_" + tag + "()");
            jdbc.execute("DROP SEQUENCE refused_" + tag);
        }

        // the store accepts again: the process is retried, and the erasure is done and certified
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(requestState(request)).isEqualTo("FULFILLED"));
        assertThat(liveKeys(subject)).isZero();
        assertThat(shreddedEvents(subject)).isEqualTo(4);
        JsonNode view = json.readTree(mvc.perform(get("/api/privacy-requests/" + request).with(signedIn("staff", "lethe-staff")))
                .andReturn().getResponse().getContentAsString());
        assertThat(view.get("certificate").get("erasedClasses")).hasSize(4);
    }

    /**
     * A process manager's command may be refused (the subject decided otherwise meanwhile): the refusal
     * is an answer, and the process manager's own transaction — its state, its token — still commits.
     * The refused command's work is undone to a savepoint, not the whole transaction.
     */
    @Test
    void aCommandRefusedInsideAProcessManagersTransactionLeavesThatTransactionAbleToCommit(
            @Autowired org.axonframework.commandhandling.gateway.CommandGateway commands,
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions) {
        io.lethe.core.subject.SubjectId subject = io.lethe.core.subject.SubjectId.random();
        io.lethe.core.subject.RegisterAccountCommand register = new io.lethe.core.subject.RegisterAccountCommand(subject,
                io.lethe.core.jurisdiction.Jurisdiction.EU, "Ray Refused", java.time.LocalDate.of(1980, 1, 1), null,
                "ray@refused.example", null, null);
        commands.sendAndWait(register);
        String marker = "refused-" + UUID.randomUUID();
        jdbc.execute("CREATE TABLE IF NOT EXISTS saga_transaction_probe (marker VARCHAR(64))");

        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("INSERT INTO saga_transaction_probe VALUES (?)", marker);
            // as SagaCommands sends it: the refusal is the answer, and the process goes on
            io.lethe.saga.SagaCommands.send(commands, register);
            jdbc.queryForObject("SELECT 1", Integer.class);
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_transaction_probe WHERE marker = ?", Long.class, marker))
                .isEqualTo(1);
    }

    private long refusedAttempts(String tag) {
        return jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM refused_" + tag, Long.class);
    }

    private long liveKeys(String subject) {
        return jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                Long.class, subject);
    }

    private long shreddedEvents(String subject) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%PersonalDataShreddedEvent'", Long.class, subject);
    }

    private String requestState(String request) throws Exception {
        return json.readTree(mvc.perform(get("/api/privacy-requests/" + request).with(signedIn("staff", "lethe-staff")))
                .andReturn().getResponse().getContentAsString()).path("status").asString();
    }
}
