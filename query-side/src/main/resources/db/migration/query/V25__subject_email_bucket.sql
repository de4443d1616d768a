-- The e-mail address's blind-index bucket (BlindIndex): which rows may hold an address, not which does.
-- Subjects registered before this column are found once the subject-summary projection is rebuilt.
ALTER TABLE subject_summary ADD COLUMN email_bucket INTEGER;
CREATE INDEX subject_summary_email_bucket ON subject_summary (email_bucket) WHERE email_bucket IS NOT NULL;
