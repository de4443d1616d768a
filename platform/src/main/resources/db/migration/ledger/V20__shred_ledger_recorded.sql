-- Why each key was destroyed, and whether the event recording it is known to be stored. Where the
-- events live in this database the entry and the event commit together, so every entry is recorded.
-- Where they do not (Axon Server), the vault commits first and the event after: an entry is marked
-- recorded once its event is stored, and one that stays unrecorded (the event store failed in
-- between) is completed by the ledger's reconciliation, which records the lost event.
ALTER TABLE shred_ledger ADD COLUMN reason VARCHAR(64);
ALTER TABLE shred_ledger ADD COLUMN reference VARCHAR(128);
ALTER TABLE shred_ledger ADD COLUMN recorded BOOLEAN NOT NULL DEFAULT TRUE;

CREATE INDEX shred_ledger_unrecorded_idx ON shred_ledger (shredded_at) WHERE NOT recorded;
