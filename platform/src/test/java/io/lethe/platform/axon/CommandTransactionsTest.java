package io.lethe.platform.axon;

import io.lethe.platform.PlatformTest;
import org.axonframework.commandhandling.CommandBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A command's events, the keys it destroys and its ledger entries commit together or not at all. */
@PlatformTest
class CommandTransactionsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandBus commandBus;

    @Test
    void theCommandBusRunsInSpringsTransactions() throws Exception {
        java.lang.reflect.Field field = org.axonframework.commandhandling.SimpleCommandBus.class
                .getDeclaredField("transactionManager");
        field.setAccessible(true);
        assertThat(field.get(commandBus)).isInstanceOf(io.lethe.command.SavepointWhenNested.class);
    }

    @Test
    void aShreddingWhoseEventCannotBeStoredDestroysNoKeyAndRecordsNothingInTheLedger() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = json.readTree(mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"EU\",\"name\":\"Tess Atomic-" + tag + "\",\"dateOfBirth\":\"1980-01-01\","
                                + "\"email\":\"tess." + tag + "@tx.example\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_shredding_" + tag + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.aggregate_identifier = '" + subject + "' AND NEW.payload_type LIKE '%PersonalDataShreddedEvent' "
                + "THEN RAISE EXCEPTION 'the event store refuses'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER refuse_shredding_" + tag + " BEFORE INSERT ON domain_event_entry FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_shredding_" + tag + "()");
        try {
            mvc.perform(post("/api/subjects/" + subject + "/shredding").with(signedIn("staff", "lethe-staff"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"r-" + tag + "\"}"))
                    .andExpect(status().is5xxServerError());
        } finally {
            jdbc.execute("DROP TRIGGER refuse_shredding_" + tag + " ON domain_event_entry");
            jdbc.execute("DROP FUNCTION refuse_shredding_" + tag + "()");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? "
                + "AND retention_class = 'PROFILE' AND wrapped_key IS NOT NULL", Long.class, subject))
                .as("the profile key survives the failed command").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM shred_ledger WHERE subject_id = ?", Long.class, subject))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%PersonalDataShreddedEvent'", Long.class, subject)).isZero();
    }
}
