package io.lethe.query.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestStatus;
import io.lethe.core.request.RequestType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps a request view offers are the ones its request would accept now. */
class RequestStepTest {

    private final RequestRules rules = new RequestRules();

    @Test
    @DisplayName("A California right to know: receipt to confirm, identity to verify, an extension, a denial; no fee, no fulfilment yet")
    void aCaliforniaRightToKnowBeforeIdentity() {
        assertThat(RequestStep.applying(Jurisdiction.US_CA, RequestType.KNOW_SPECIFIC_PIECES, RequestStatus.AWAITING_IDENTITY,
                false, true, false, false, false, rules)).containsExactly("ACKNOWLEDGE", "VERIFY_IDENTITY", "EXTEND", "DENY");
        assertThat(RequestStep.applying(Jurisdiction.US_CA, RequestType.KNOW_SPECIFIC_PIECES, RequestStatus.IN_PROGRESS,
                false, false, false, true, false, rules)).containsExactly("FULFIL", "DENY");
    }

    @Test
    @DisplayName("An EU erasure is answered by its process: staff may extend or deny it, never fulfil it")
    void anErasureIsNeverFulfilledByHand() {
        assertThat(RequestStep.applying(Jurisdiction.EU, RequestType.ERASURE, RequestStatus.IN_PROGRESS,
                false, false, false, false, false, rules)).doesNotContain("FULFIL", "ACKNOWLEDGE", "SETTLE_FEE").contains("DENY");
    }

    @Test
    @DisplayName("A Japanese disclosure with its fee owed: the fee first, fulfilment once it is settled")
    void aFeeComesBeforeFulfilment() {
        assertThat(RequestStep.applying(Jurisdiction.JP, RequestType.DISCLOSURE, RequestStatus.IN_PROGRESS,
                false, false, true, false, false, rules)).contains("SETTLE_FEE").doesNotContain("FULFIL");
        assertThat(RequestStep.applying(Jurisdiction.JP, RequestType.DISCLOSURE, RequestStatus.IN_PROGRESS,
                false, false, false, false, false, rules)).contains("FULFIL").doesNotContain("SETTLE_FEE");
    }

    @Test
    @DisplayName("A UK request waiting for identity: its clock has not started, so there is nothing to extend yet")
    void noExtensionWhileTheClockWaitsForIdentity() {
        assertThat(RequestStep.applying(Jurisdiction.UK, RequestType.ACCESS, RequestStatus.AWAITING_IDENTITY,
                false, false, false, false, true, rules)).containsExactly("VERIFY_IDENTITY", "DENY");
    }

    @Test
    void aCorrectionIsAnsweredByCorrectingAndAClosedRequestTakesNoStep() {
        assertThat(RequestStep.applying(Jurisdiction.EU, RequestType.RECTIFICATION, RequestStatus.IN_PROGRESS,
                false, false, false, false, false, rules)).contains("CORRECT", "FULFIL");
        assertThat(RequestStep.applying(Jurisdiction.EU, RequestType.RECTIFICATION, RequestStatus.FULFILLED,
                true, false, false, false, false, rules)).isEmpty();
    }
}
