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
    ADMIN
}
