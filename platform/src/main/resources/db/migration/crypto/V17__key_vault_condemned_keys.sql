-- The unused-key sweep condemns the keys of a holder the event store knows nothing of, and drops them
-- only once no command can still seal under them unseen; a key wanted for encryption meanwhile is
-- reprieved (condemned_at set back to NULL) before it is used.
ALTER TABLE subject_key ADD COLUMN condemned_at TIMESTAMPTZ;

CREATE INDEX subject_key_condemned_idx ON subject_key (condemned_at) WHERE condemned_at IS NOT NULL;
