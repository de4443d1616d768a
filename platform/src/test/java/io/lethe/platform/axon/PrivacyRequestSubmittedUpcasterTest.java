package io.lethe.platform.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests submitted before the stopped clock was recorded read as the rule table had them at receipt. */
class PrivacyRequestSubmittedUpcasterTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    @ParameterizedTest
    @CsvSource({"UK, true, true", "UK, false, false", "EU, true, false", "US-CA, true, false"})
    void revisionOneGetsTheClockTheRuleTableGaveAtReceipt(String jurisdiction, boolean identityRequired, boolean stopped) {
        String revisionOne = """
                {"subjectId":"6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a","requestId":"1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
                 "jurisdiction":"%s","type":"access","requester":"SUBJECT","channel":"EMAIL",
                 "receivedAt":"2026-11-02T12:00:00Z","identityRequired":%s,"dueOn":"2026-12-02",
                 "dueAt":"2026-12-03T00:00:00Z","acknowledgeBy":null,"fee":null}""".formatted(jurisdiction, identityRequired);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("DataSubject",
                "6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a", 3, "event-1", Instant.parse("2026-11-02T12:00:00Z"),
                PrivacyRequestSubmittedEvent.class.getName(), "1", revisionOne.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcast = new PrivacyRequestSubmittedUpcaster()
                .upcast(java.util.stream.Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        SerializedObject<JsonNode> payload = upcast.get(0).getData(JsonNode.class);
        assertThat(payload.getData().get("clockStoppedUntilIdentity").asBoolean()).isEqualTo(stopped);
        PrivacyRequestSubmittedEvent event = serializer.deserialize(payload);
        assertThat(event.clockStoppedUntilIdentity()).isEqualTo(stopped);
        assertThat(event.jurisdiction()).isEqualTo(Jurisdiction.fromCode(jurisdiction));
    }

    @ParameterizedTest
    @CsvSource({"2", "3"})
    void otherRevisionsPassUntouched(String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("DataSubject", "s", 0, "event-2",
                Instant.EPOCH, PrivacyRequestSubmittedEvent.class.getName(), revision, "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new PrivacyRequestSubmittedUpcaster()
                .upcast(java.util.stream.Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo(revision);
    }
}
