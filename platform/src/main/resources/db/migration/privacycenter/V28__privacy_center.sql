-- The privacy center (issue #25): a person's request waits here until the code sent to the address
-- the platform holds for them is returned. Nothing personal is kept: the address given is looked up
-- and dropped (subject_id is null when no account holds it, and the page answers the same), the code
-- only as a keyed digest.
CREATE TABLE privacy_center_challenge (
    challenge_id  UUID         NOT NULL,
    subject_id    UUID,
    jurisdiction  VARCHAR(8)   NOT NULL,
    request_type  VARCHAR(64)  NOT NULL,
    requester     VARCHAR(32)  NOT NULL,
    language      VARCHAR(16)  NOT NULL,
    code_digest   BYTEA        NOT NULL,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    expires_at    TIMESTAMPTZ  NOT NULL,
    used_at       TIMESTAMPTZ,
    request_id    UUID,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT privacy_center_challenge_pk PRIMARY KEY (challenge_id)
);

CREATE INDEX privacy_center_challenge_expiry ON privacy_center_challenge (expires_at);

-- A request's status page, reached by a secret link: only the link's SHA-256 is kept.
CREATE TABLE privacy_center_link (
    link_digest   BYTEA        NOT NULL,
    subject_id    UUID         NOT NULL,
    request_id    UUID         NOT NULL,
    language      VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT privacy_center_link_pk PRIMARY KEY (link_digest)
);
