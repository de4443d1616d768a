-- The rolling retention shreds usage data period by period while the account lives: each period's
-- outcome (destroyed, or kept by a legal hold) is evidence of its own, apart from the class's.
CREATE TABLE deletion_evidence_period (
    subject_id    UUID         NOT NULL,
    period        VARCHAR(40)  NOT NULL,
    state         VARCHAR(32)  NOT NULL,
    decided_at    TIMESTAMPTZ  NOT NULL,
    reference     VARCHAR(100),
    holds         TEXT[]       NOT NULL DEFAULT '{}',
    last_sequence BIGINT       NOT NULL,
    CONSTRAINT deletion_evidence_period_pk PRIMARY KEY (subject_id, period)
);
