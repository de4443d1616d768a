-- The key vault: one data key per (subject, retention class), wrapped by a key-encryption key.
-- Shredding overwrites the wrapped key with NULL and keeps the row as a tombstone, so a key is
-- never created again for a pair that was erased.
CREATE TABLE subject_key (
    subject_id      VARCHAR(64)  NOT NULL,
    retention_class VARCHAR(32)  NOT NULL,
    wrapped_key     BYTEA,
    kek_id          VARCHAR(64),
    created_at      TIMESTAMPTZ  NOT NULL,
    shredded_at     TIMESTAMPTZ,
    CONSTRAINT subject_key_pk PRIMARY KEY (subject_id, retention_class),
    CONSTRAINT subject_key_shredded_ck CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL))
);

CREATE INDEX subject_key_kek_idx ON subject_key (kek_id) WHERE wrapped_key IS NOT NULL;
