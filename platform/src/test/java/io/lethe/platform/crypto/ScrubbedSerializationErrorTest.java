package io.lethe.platform.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A value Jackson cannot read is decrypted personal data; the error that leaves the serializer never quotes it. */
class ScrubbedSerializationErrorTest {

    record Person(String email, LocalDate dateOfBirth) {
    }

    @Test
    void theErrorNamesTheTypeAndPathButNotTheValue() {
        ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        IOException jackson = catchThrowableOfType(IOException.class, () -> mapper.readValue(
                "{\"email\":\"hanako@example.jp\",\"dateOfBirth\":\"born 1984-06-04 in Osaka\"}", Person.class));
        assertThat(jackson.getMessage()).as("Jackson itself quotes the input").contains("born 1984-06-04 in Osaka");

        SerializationException scrubbed = PersonalDataSerializer.scrubbed("Unable to deserialize a Person", jackson);

        assertThat(scrubbed.getMessage()).contains("Person", "dateOfBirth", jackson.getClass().getSimpleName())
                .doesNotContain("1984-06-04", "Osaka", "hanako");
        assertThat(scrubbed.getCause()).isNull();
        assertThat(scrubbed.getStackTrace()).isEqualTo(jackson.getStackTrace());
    }
}
