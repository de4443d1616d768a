-- Read model of the subject-summary projection. It is owned by the projection: a replay truncates
-- and rebuilds it. last_sequence makes every handler idempotent under redelivery.
CREATE TABLE subject_summary (
    subject_id            UUID         NOT NULL,
    jurisdiction          VARCHAR(8)   NOT NULL,
    status                VARCHAR(16)  NOT NULL,
    name                  TEXT,
    email                 TEXT,
    registered_at         TIMESTAMPTZ  NOT NULL,
    terminated_at         TIMESTAMPTZ,
    termination_reason    VARCHAR(32),
    social_login_providers TEXT[]      NOT NULL DEFAULT '{}',
    purchase_count        INTEGER      NOT NULL DEFAULT 0,
    erasure_requested_at  TIMESTAMPTZ,
    last_activity_at      TIMESTAMPTZ  NOT NULL,
    last_sequence         BIGINT       NOT NULL,
    CONSTRAINT subject_summary_pk PRIMARY KEY (subject_id)
);

CREATE INDEX subject_summary_registered_idx ON subject_summary (registered_at DESC, subject_id);
CREATE INDEX subject_summary_jurisdiction_status_idx ON subject_summary (jurisdiction, status);
