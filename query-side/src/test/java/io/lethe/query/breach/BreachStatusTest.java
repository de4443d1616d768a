package io.lethe.query.breach;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The register never says a breach was notified when no notice was sent. */
class BreachStatusTest {

    @Test
    @DisplayName("Every duty lifted, or none: nothing owed, not NOTIFIED; one notice sent: NOTIFIED")
    void notifiedOnlyWhenANoticeWasSent() {
        assertThat(BreachRegister.status("ASSESSED", "HIGH", List.of(duty("LIFTED"), duty("LIFTED")))).isEqualTo("NOTHING_OWED");
        assertThat(BreachRegister.status("ASSESSED", "LOW", List.of())).isEqualTo("NOTHING_OWED");
        assertThat(BreachRegister.status("ASSESSED", "HIGH", List.of(duty("SENT"), duty("LIFTED")))).isEqualTo("NOTIFIED");
        assertThat(BreachRegister.status("ASSESSED", "HIGH", List.of(duty("SENT"), duty("OPEN")))).isEqualTo("ASSESSED");
        assertThat(BreachRegister.status("REPORTED", null, List.of(duty("OPEN")))).isEqualTo("REPORTED");
        assertThat(BreachRegister.status("CLOSED", "HIGH", List.of(duty("LIFTED")))).isEqualTo("CLOSED");
    }

    private static BreachRegister.Duty duty(String state) {
        return new BreachRegister.Duty("duty", "AUTHORITY", "EU", "AUTHORITY", "basis", null, state, false, null, null, null);
    }
}
