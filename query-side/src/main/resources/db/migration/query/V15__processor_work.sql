-- Processors are directed to correct as well as to delete (policy §16): the work list names what
-- each row asks, and a correction the fields it changed (names only, never values).
ALTER TABLE processor_deletion RENAME TO processor_work;
ALTER TABLE processor_work RENAME CONSTRAINT processor_deletion_pk TO processor_work_pk;
ALTER INDEX processor_deletion_pending_idx RENAME TO processor_work_pending_idx;
ALTER TABLE processor_work ADD COLUMN action VARCHAR(16) NOT NULL DEFAULT 'DELETE';
ALTER TABLE processor_work ADD COLUMN fields TEXT[];
ALTER TABLE processor_work ADD CONSTRAINT processor_work_action_ck CHECK (action IN ('DELETE', 'CORRECT'));
