-- A subject's word published by a command that began the subject's stream without reading it (a
-- registration, ADR 0023). Where the events are stored apart from the database (Axon Server, ADR 0012),
-- the word commits before the events are appended: should the server refuse them (the subject existed,
-- with a history older than its word), the row would speak for a subject it does not describe. Such a row
-- is read as no word at all until a command that read the subject publishes it again.
ALTER TABLE usage_governance ADD COLUMN begun_unread BOOLEAN NOT NULL DEFAULT FALSE;
