package io.lethe.saga.request;

import io.lethe.core.request.DirectProcessorsCommand;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestProcessPropertiesTest {

    @Test
    @DisplayName("A deployment directs at most 64 processors: more is refused at start-up, not on the first erasure")
    void atMostSixtyFourProcessors() {
        Map<String, Duration> processors = new HashMap<>();
        for (int processor = 0; processor < DirectProcessorsCommand.MAX_PROCESSORS; processor++) {
            processors.put("processor-" + processor, Duration.ofDays(7));
        }
        assertThat(new RequestProcessProperties(Duration.ofDays(7), processors).processors()).hasSize(64);
        processors.put("one-more", Duration.ofDays(7));
        assertThatThrownBy(() -> new RequestProcessProperties(Duration.ofDays(7), processors))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64 processors");
    }

    @Test
    void aProcessorKeyMustBeAKeyAndItsTimePositive() {
        assertThatThrownBy(() -> new RequestProcessProperties(Duration.ofDays(7), Map.of("Not A Key", Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestProcessProperties(Duration.ofDays(7), Map.of("crm-sync", Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
