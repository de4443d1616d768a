-- Read model of the deletion-evidence projection: for each subject and retention class, what
-- became of the data after termination — destroyed (when, why, under what), kept on a recorded
-- exception (ground, justification, review date) or kept by a legal hold — with no personal data.
CREATE TABLE deletion_evidence_subject (
    subject_id    UUID        NOT NULL,
    jurisdiction  VARCHAR(8)  NOT NULL,
    terminated_at TIMESTAMPTZ,
    last_sequence BIGINT      NOT NULL,
    CONSTRAINT deletion_evidence_subject_pk PRIMARY KEY (subject_id)
);

CREATE TABLE deletion_evidence_class (
    subject_id      UUID         NOT NULL,
    retention_class VARCHAR(32)  NOT NULL,
    state           VARCHAR(32)  NOT NULL,
    decided_at      TIMESTAMPTZ  NOT NULL,
    reason          VARCHAR(64),
    reference       VARCHAR(100),
    review_by       DATE,
    holds           TEXT[]       NOT NULL DEFAULT '{}',
    last_sequence   BIGINT       NOT NULL,
    CONSTRAINT deletion_evidence_class_pk PRIMARY KEY (subject_id, retention_class)
);
