-- How far the vault has been swept for keys of subjects that never got an event (a registration whose
-- command failed after its keys were made, e.g. when the message bus was unreachable). One row.
CREATE TABLE IF NOT EXISTS key_vault_sweep (
    id          SMALLINT     NOT NULL DEFAULT 1,
    swept_until TIMESTAMPTZ  NOT NULL,
    CONSTRAINT key_vault_sweep_pk PRIMARY KEY (id),
    CONSTRAINT key_vault_sweep_one_row_ck CHECK (id = 1)
);
