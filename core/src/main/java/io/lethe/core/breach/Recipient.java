package io.lethe.core.breach;

/** Who a notification duty is owed to. */
public enum Recipient {
    /** The supervisory authority (EU/UK), the Personal Information Protection Commission (JP). */
    AUTHORITY,
    /** The affected individuals. */
    INDIVIDUALS,
    /** California's Attorney General (a sample of the resident notice). */
    ATTORNEY_GENERAL
}
