package io.lethe.core.subject;

/** Who submitted a data-subject request on the subject's behalf (policy §16 "authorized agent", §13). */
public enum Requester {
    SUBJECT,
    AUTHORISED_AGENT,
    PARENT_OR_GUARDIAN
}
