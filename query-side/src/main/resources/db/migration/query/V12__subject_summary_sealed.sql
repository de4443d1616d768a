-- The subject summary keeps its name and e-mail sealed under the subject's PROFILE key from now on.
-- Rows written before held them in plaintext: the table is emptied (TRUNCATE gives it new files, so
-- the old pages with every old row version go with the old ones) and the projection replays the
-- history from the start, sealing as it goes. Its parked dead letters are replayed with it.
-- The WAL segments written before this migration, and any backup taken before it, still hold the old
-- plaintext: a CHECKPOINT lets PostgreSQL recycle the segments; such backups must be expired.
TRUNCATE subject_summary;
DELETE FROM token_entry WHERE processor_name = 'subject-summary';
DELETE FROM dead_letter_entry WHERE processing_group = 'subject-summary';
