package io.lethe.core.request;

/** Why a request's deadline was extended; the subject is told in the extension notice. */
public enum ExtensionReason {
    /** The request is complex (GDPR Art. 12(3)). */
    COMPLEXITY,
    /** The subject sent many requests (GDPR Art. 12(3)). */
    NUMBER_OF_REQUESTS,
    /** Answering needs input from processors or other parties. */
    THIRD_PARTY_INPUT,
    /** Another reason, stated in the notice. */
    OTHER
}
