-- The background of a receipt record's acquisition is free text that may hold personal data: from now
-- on it is kept sealed under the record's own key (its envelope is longer than the text). Rows written
-- before held it in the clear: the table is emptied (TRUNCATE gives it new files) and the projection
-- replays the history, sealing as it goes.
ALTER TABLE provision_record ALTER COLUMN background TYPE TEXT;
TRUNCATE provision_record;
DELETE FROM token_entry WHERE processor_name = 'provision-records';
DELETE FROM dead_letter_entry WHERE processing_group = 'provision-records';
