package io.lethe.platform.axon;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.FindSubjectSummariesQuery;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectSummaryPage;
import io.lethe.platform.PlatformTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The serializing buses are really in the way: what cannot be serialized does not pass, what can comes back whole. */
@PlatformTest
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class SerializingBusesTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;

    /** Jackson finds nothing to write in it, as Axon Server's serializer would not. */
    static final class Unserializable {
        private final Object secret = new Object();
    }

    @Test
    void aCommandThatCannotBeSerializedIsNotDispatched() {
        assertThatThrownBy(() -> commands.sendAndWait(new Unserializable()))
                .hasStackTraceContaining("Unable to serialize");
    }

    @Test
    void aPageOfSubjectsComesBackWholeWithEachSubjectSealedUnderItsOwnKeys() {
        SubjectId subject = SubjectId.random();
        commands.sendAndWait(new RegisterAccountCommand(subject, Jurisdiction.EU, "Bea Busline", LocalDate.of(1990, 9, 9),
                null, "bea@bus.example", null, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(queries.query(
                        new FindSubjectSummariesQuery(0, 200, Jurisdiction.EU, null), ResponseTypes.instanceOf(SubjectSummaryPage.class))
                .join().items()).anySatisfy(summary -> {
                    assertThat(summary.subjectId()).isEqualTo(subject);
                    assertThat(summary.name().envelope()).startsWith("lethe:v2:PROFILE:");
                }));
    }

    /**
     * A registration begins its stream unread; the store refuses a second one as the transaction
     * commits, and the sender — across the serializing bus, as from another node — is told why in the
     * refusal's own words, not by the store's exception.
     */
    @Test
    void aSecondRegistrationOfASubjectIsRefusedAcrossTheBus() {
        SubjectId subject = SubjectId.random();
        RegisterAccountCommand registration = new RegisterAccountCommand(subject, Jurisdiction.EU, "Rea Repeat",
                LocalDate.of(1991, 3, 3), null, "rea@bus.example", null, null);
        commands.sendAndWait(registration);
        assertThatThrownBy(() -> commands.sendAndWait(registration))
                .isInstanceOfSatisfying(org.axonframework.commandhandling.CommandExecutionException.class, refused ->
                        assertThat(io.lethe.core.refusal.Refusal.of(refused)).hasValueSatisfying(refusal ->
                                assertThat(refusal.code()).isEqualTo("subject-already-registered")));
    }
}
