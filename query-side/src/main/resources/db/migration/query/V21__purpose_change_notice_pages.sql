-- How far a purpose change's notices have reached (ADR 0018): pages of affected subjects walked, and
-- when the last one was. Changes announced before pages were recorded keep 0 and null.
ALTER TABLE purpose_change ADD COLUMN notice_pages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE purpose_change ADD COLUMN notices_all_owed_at TIMESTAMPTZ;
