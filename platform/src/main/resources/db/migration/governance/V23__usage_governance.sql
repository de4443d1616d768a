-- What governs each subject's usage data, published by the subject (DataSubject) in the transaction
-- of every command that changes it, and read with a share lock where usage data is filed, in each
-- usage period's own aggregate (ADR 0019). A subject whose history began before has no row until
-- usage data is first filed for it.
CREATE TABLE usage_governance (
    subject_id        VARCHAR(64) NOT NULL,
    terminated        BOOLEAN     NOT NULL,
    erased            TEXT[]      NOT NULL,
    restricted        BOOLEAN     NOT NULL,
    objected          BOOLEAN     NOT NULL,
    sensitive_limited BOOLEAN     NOT NULL,
    periods           TEXT[]      NOT NULL,
    published_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT usage_governance_pk PRIMARY KEY (subject_id)
);
