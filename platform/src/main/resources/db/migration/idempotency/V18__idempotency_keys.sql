-- Idempotency keys of state-changing API calls (the Idempotency-Key header). A row is found by a keyed
-- digest of caller and key; it holds a keyed fingerprint of the request, the sealed seed the ids the
-- request creates are derived from, and, once done, the answer sealed under a key derived from the KEK.
-- Nothing in it is personal data in the clear. A running request renews its lease (lease_until) and
-- owns the row by its claim token; another may take the row over only once the lease has lapsed.
-- Rows are dropped once expires_at has passed.
CREATE TABLE idempotency_key (
    caller_key  BYTEA        NOT NULL,
    fingerprint BYTEA        NOT NULL,
    seed        BYTEA        NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    claim_token BYTEA        NOT NULL,
    lease_until TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    status      INTEGER,
    response    BYTEA,
    CONSTRAINT idempotency_key_pk PRIMARY KEY (caller_key),
    CONSTRAINT idempotency_key_state_ck CHECK (state IN ('IN_FLIGHT', 'DONE')),
    CONSTRAINT idempotency_key_done_ck CHECK ((state = 'DONE') = (response IS NOT NULL))
);

CREATE INDEX idempotency_key_expires_idx ON idempotency_key (expires_at);
