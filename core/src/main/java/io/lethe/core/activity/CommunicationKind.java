package io.lethe.core.activity;

/** What kind of communication with the subject was kept (CCPA category E, policy §16, §17). */
public enum CommunicationKind {
    /** An inquiry about the Service and the answer to it. */
    INQUIRY,
    /** A voice record (a support call, voice chat kept for moderation). */
    VOICE_RECORD,
    /** A comment or message posted in the Service (not a closed communication, policy §5). */
    MESSAGE,
    /** A file the subject provided (a picture, PDF, video). */
    FILE
}
