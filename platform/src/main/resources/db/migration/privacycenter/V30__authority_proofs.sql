-- An authorised agent's proof of authority, sent with the privacy center's form (CCPA Regs §7063(a)(1):
-- the consumer's signed permission; a power of attorney or a parent's proof elsewhere). It is sealed
-- under its subject's PROFILE key (identity evidence, as the profile is) as soon as the address leads to an account (never at rest in
-- the clear; a proof for no account is dropped in memory), kept with the request its challenge makes,
-- read by staff (each read logged) and erased with the subject's profile, so by any erasure of the account. A proof whose
-- challenge never made a request goes a day after.
CREATE TABLE privacy_request_proof (
    challenge_id  UUID         NOT NULL,
    request_id    UUID         NOT NULL,
    subject_id    UUID         NOT NULL,
    content_type  VARCHAR(32)  NOT NULL,
    size_bytes    INTEGER      NOT NULL,
    sha256        VARCHAR(64)  NOT NULL,
    document      TEXT         NOT NULL,
    made          BOOLEAN      NOT NULL DEFAULT FALSE,
    received_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT privacy_request_proof_pk PRIMARY KEY (challenge_id)
);

CREATE UNIQUE INDEX privacy_request_proof_request ON privacy_request_proof (request_id);

-- The products' assertions already used (ADR 0025): each is taken once, so one captured on its way
-- opens nothing; kept a day past its expiry, then purged.
CREATE TABLE privacy_center_assertion (
    product       VARCHAR(32)  NOT NULL,
    assertion_id  VARCHAR(48)  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT privacy_center_assertion_pk PRIMARY KEY (product, assertion_id)
);
