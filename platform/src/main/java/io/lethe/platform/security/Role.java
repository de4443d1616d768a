package io.lethe.platform.security;

/** The platform's roles (see the README's role table). */
enum Role {
    /** Product services sending commands. */
    SERVICE,
    /** Privacy staff reading projections and acting on requests. */
    PRIVACY_STAFF,
    /** Auditors reading and replaying the history. */
    AUDITOR,
    /** Operators: metrics, rebuilds, configuration. */
    ADMIN,
    /**
     * A downstream processor's integration: it reads its own deletion queue and confirms its own
     * deletions. Its identity is the authenticated name, which is its key in {@code lethe.requests.processors}.
     */
    PROCESSOR
}
