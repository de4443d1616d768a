-- The shred ledger: every (subject, retention class) whose data key was destroyed, and when. It holds
-- no personal data (the subject by its pseudonymous id) and lives with the events, apart from the key
-- vault, which may have a database and a backup retention of its own. A shredding writes its entry in
-- the transaction that stores the event; at start-up the whole ledger is applied to the vault again,
-- so a vault restored from a backup older than an erasure is shredded again before anything is served.
CREATE TABLE shred_ledger (
    position        BIGINT       GENERATED ALWAYS AS IDENTITY,
    subject_id      VARCHAR(64)  NOT NULL,
    retention_class VARCHAR(32)  NOT NULL,
    shredded_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT shred_ledger_pk PRIMARY KEY (subject_id, retention_class),
    CONSTRAINT shred_ledger_position_uk UNIQUE (position)
);

-- the shreddings made before the ledger existed are the vault's tombstones
INSERT INTO shred_ledger (subject_id, retention_class, shredded_at)
SELECT subject_id, retention_class, shredded_at FROM subject_key WHERE shredded_at IS NOT NULL ORDER BY shredded_at;
