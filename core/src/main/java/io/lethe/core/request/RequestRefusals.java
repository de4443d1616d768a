package io.lethe.core.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;

import java.util.Set;
import java.util.stream.Collectors;

/** The ways a decision about a data-subject request can be declined. */
public final class RequestRefusals {

    private RequestRefusals() {
    }

    public static RefusedException notFound() {
        return refuse("request-not-found", Refusal.Kind.NOT_FOUND, "No request with this id is known for the subject.");
    }

    public static RefusedException alreadySubmitted() {
        return refuse("request-already-submitted", Refusal.Kind.CONFLICT, "A request with this id was already submitted.");
    }

    public static RefusedException typeNotGranted(Jurisdiction jurisdiction, Set<RequestType> granted) {
        return refuse("request-type-not-granted", Refusal.Kind.UNPROCESSABLE,
                "The law of the subject's jurisdiction (" + jurisdiction.code() + ") does not grant this request type; "
                        + "it grants: " + granted.stream().map(RequestType::code).collect(Collectors.joining(", ")) + ".");
    }

    public static RefusedException receivedInTheFuture() {
        return refuse("request-received-in-future", Refusal.Kind.UNPROCESSABLE, "receivedAt must not lie in the future.");
    }

    public static RefusedException evidenceOutsideRequest() {
        return refuse("identity-evidence-out-of-range", Refusal.Kind.UNPROCESSABLE,
                "evidenceReceivedAt must lie between the request's receipt and now.");
    }

    public static RefusedException noteLimit(int limit) {
        return refuse("note-limit", Refusal.Kind.UNPROCESSABLE, "A request keeps at most " + limit
                + " internal notes; nothing was recorded.");
    }

    public static RefusedException closed() {
        return refuse("request-closed", Refusal.Kind.CONFLICT, "The request is already fulfilled or denied.");
    }

    public static RefusedException identityNotVerified() {
        return refuse("identity-not-verified", Refusal.Kind.CONFLICT,
                "The request cannot be fulfilled before the requester's identity is verified.");
    }

    public static RefusedException identityAlreadyVerified() {
        return refuse("identity-already-verified", Refusal.Kind.CONFLICT, "The requester's identity is already verified.");
    }

    public static RefusedException feeUnsettled() {
        return refuse("fee-unsettled", Refusal.Kind.CONFLICT,
                "The request's fee is owed; it cannot be fulfilled until the fee is paid or waived.");
    }

    public static RefusedException noFeeOwed() {
        return refuse("no-fee-owed", Refusal.Kind.CONFLICT, "The request owes no fee, or its fee is already settled.");
    }

    public static RefusedException noExtensionGranted() {
        return refuse("extension-not-granted", Refusal.Kind.UNPROCESSABLE,
                "The law of the subject's jurisdiction grants no extension for this request type.");
    }

    public static RefusedException clockNotStarted() {
        return refuse("clock-not-started", Refusal.Kind.CONFLICT,
                "The request's clock starts once identity is verified (UK); there is no period to extend before it.");
    }

    public static RefusedException alreadyExtended() {
        return refuse("deadline-already-extended", Refusal.Kind.CONFLICT, "The deadline can be extended once, and already was.");
    }

    public static RefusedException noticeOutsideOriginalPeriod() {
        return refuse("extension-notice-late", Refusal.Kind.UNPROCESSABLE,
                "The extension notice must be sent within the original response period and not in the future.");
    }

    public static RefusedException fulfilledByErasureProcess() {
        return refuse("fulfilled-by-erasure-process", Refusal.Kind.CONFLICT,
                "Erasure requests are fulfilled by the erasure process once every processor confirmed, with a certificate.");
    }

    public static RefusedException notAnErasure() {
        return refuse("not-an-erasure-request", Refusal.Kind.CONFLICT, "The request is not an erasure request.");
    }

    public static RefusedException notACorrection() {
        return refuse("not-a-correction-request", Refusal.Kind.CONFLICT,
                "The request is not a correction, rectification or supplement request.");
    }

    public static RefusedException nothingToChange() {
        return refuse("nothing-to-change", Refusal.Kind.UNPROCESSABLE,
                "Give at least one of name, postalAddress, email.");
    }

    public static RefusedException processorNotAsked() {
        return refuse("processor-not-asked", Refusal.Kind.NOT_FOUND,
                "This processor was not asked to delete or correct the subject's data for this request.");
    }

    public static RefusedException noProcessorWork() {
        return refuse("no-processor-work", Refusal.Kind.CONFLICT,
                "Processors are directed only for an erasure request, or a correction request once its values are corrected.");
    }

    public static RefusedException processorsPending() {
        return refuse("processors-pending", Refusal.Kind.CONFLICT,
                "Not every processor has confirmed its deletion yet.");
    }

    private static RefusedException refuse(String code, Refusal.Kind kind, String detail) {
        return RefusedException.because(code, kind, detail);
    }
}
