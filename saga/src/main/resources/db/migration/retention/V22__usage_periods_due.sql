-- The usage periods that hold data and are not yet shredded, one row per subject and period, kept by
-- the usage-periods processor from the subjects' events. The rolling retention runs one job per
-- period over them (UsagePeriodRetention) instead of one deadline per subject and period.
-- sent_at is the job's checkpoint: set once the period's shredding was sent for the subject (done,
-- or withheld by a legal hold and left to the subject to do on release); a row is deleted when the
-- period's key is gone.
CREATE TABLE usage_period (
    period     VARCHAR(40)  NOT NULL,
    subject_id VARCHAR(64)  NOT NULL,
    shred_at   TIMESTAMPTZ  NOT NULL,
    sent_at    TIMESTAMPTZ,
    -- a subject whose shredding failed (not refused) is tried again at retry_at, the others go on
    failures   INTEGER      NOT NULL DEFAULT 0,
    retry_at   TIMESTAMPTZ,
    CONSTRAINT usage_period_pk PRIMARY KEY (period, subject_id)
);

-- the job's page: the period's subjects still owed a shredding, in a stable order
CREATE INDEX usage_period_owed_idx ON usage_period (period, subject_id) WHERE sent_at IS NULL;
-- a subject's whole USAGE class shredded removes all of its periods
CREATE INDEX usage_period_subject_idx ON usage_period (subject_id);
