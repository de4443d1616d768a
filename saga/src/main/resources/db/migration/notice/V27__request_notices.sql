-- The notices the law owes a requester (ADR 0024): one row per request and kind, queued by the
-- notices processor and delivered by the notice delivery. Nothing here is personal: the address is
-- read from the subject's record when the notice goes out, and a message kept for the local mailbox
-- is sealed under the subject's key.
CREATE TABLE request_notice (
    notice_id        UUID         NOT NULL,
    request_id       UUID         NOT NULL,
    subject_id       UUID         NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    request_type     VARCHAR(64),
    received_at      TIMESTAMPTZ,
    due_on           DATE,
    reason           VARCHAR(64),
    event_at         TIMESTAMPTZ  NOT NULL,
    -- PENDING: to send; MAILED: the server took it, its event not yet recorded; SENT; UNDELIVERED:
    -- given up (staff follow it up, and may send it again); STALE: its event was too old when it was read
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    -- the attempt that holds the notice: each update after the claim names it, so an attempt whose
    -- lease ran out (and whose notice another node took) changes nothing
    claim_id         UUID,
    failure          VARCHAR(32),
    language         VARCHAR(16),
    message_id       VARCHAR(100),
    sent_at          TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT request_notice_pk PRIMARY KEY (notice_id),
    CONSTRAINT request_notice_once UNIQUE (request_id, kind)
);

CREATE INDEX request_notice_due ON request_notice (next_attempt_at) WHERE status IN ('PENDING', 'MAILED');
CREATE INDEX request_notice_status ON request_notice (status, created_at);

-- Where mail goes when no mail server is configured (the embedded default): each message sealed
-- under its subject's key, so an erasure leaves nothing readable here either.
CREATE TABLE local_mailbox (
    message_id    VARCHAR(100) NOT NULL,
    subject_id    UUID         NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    language      VARCHAR(16)  NOT NULL,
    recipient     TEXT         NOT NULL,
    title         TEXT         NOT NULL,
    body          TEXT         NOT NULL,
    delivered_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT local_mailbox_pk PRIMARY KEY (message_id)
);

CREATE INDEX local_mailbox_delivered ON local_mailbox (delivered_at DESC);
