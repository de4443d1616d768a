package io.lethe.core.activity;

/** What a piece of network activity (CCPA category D, policy §16 table) was an interaction with. */
public enum ActivityKind {
    /** An interaction with the application (a screen viewed, a feature used, a search). */
    APPLICATION,
    /** An interaction with an advertisement (shown, clicked). */
    ADVERTISEMENT
}
