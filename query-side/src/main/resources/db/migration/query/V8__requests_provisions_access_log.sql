-- Read model of the request queue: one row per data-subject request with its clock and outcome,
-- no personal data (the subject appears by its pseudonymous id). It doubles as the California
-- request log (date, type, channel, response, basis for denial; CCPA Regs §7101).
CREATE TABLE privacy_request (
    request_id           UUID         NOT NULL,
    subject_id           UUID         NOT NULL,
    jurisdiction         VARCHAR(8)   NOT NULL,
    type                 VARCHAR(40)  NOT NULL,
    kind                 VARCHAR(24)  NOT NULL,
    requester            VARCHAR(24)  NOT NULL,
    channel              VARCHAR(32)  NOT NULL,
    status               VARCHAR(24)  NOT NULL,
    received_at          TIMESTAMPTZ  NOT NULL,
    due_on               DATE         NOT NULL,
    due_at               TIMESTAMPTZ  NOT NULL,
    acknowledge_by       DATE,
    acknowledged_at      TIMESTAMPTZ,
    acknowledgement_overdue_since TIMESTAMPTZ,
    identity_verified_at TIMESTAMPTZ,
    fee_currency         VARCHAR(3),
    fee_minor_units      BIGINT,
    fee_settlement       VARCHAR(16),
    extended_at          TIMESTAMPTZ,
    extension_reason     VARCHAR(32),
    reminded_at          TIMESTAMPTZ,
    overdue_since        TIMESTAMPTZ,
    closed_at            TIMESTAMPTZ,
    denial_reason        VARCHAR(40),
    response_reference   VARCHAR(100),
    erasure_method       VARCHAR(100),
    erased_classes       TEXT[],
    withheld_classes     TEXT[],
    withheld_by          TEXT[],
    processors_confirmed TEXT[],
    erasure_completed_at TIMESTAMPTZ,
    last_sequence        BIGINT       NOT NULL,
    CONSTRAINT privacy_request_pk PRIMARY KEY (request_id)
);
CREATE INDEX privacy_request_open_idx ON privacy_request (due_at) WHERE closed_at IS NULL;
CREATE INDEX privacy_request_subject_idx ON privacy_request (subject_id);

-- Deletions asked of downstream processors by the erasure process, for staff and for the
-- processors' integrations to poll.
CREATE TABLE processor_deletion (
    request_id    UUID         NOT NULL,
    processor     VARCHAR(64)  NOT NULL,
    subject_id    UUID         NOT NULL,
    requested_at  TIMESTAMPTZ  NOT NULL,
    confirm_by    TIMESTAMPTZ  NOT NULL,
    confirmed_at  TIMESTAMPTZ,
    reference     VARCHAR(100),
    overdue_since TIMESTAMPTZ,
    CONSTRAINT processor_deletion_pk PRIMARY KEY (request_id, processor)
);
CREATE INDEX processor_deletion_pending_idx ON processor_deletion (processor) WHERE confirmed_at IS NULL;

-- APPI provision (Art. 29) and receipt confirmation (Art. 30) records, kept until keep_until and
-- then purged. Third parties are organisations; the subject appears by its pseudonymous id.
CREATE TABLE provision_record (
    subject_id         UUID          NOT NULL,
    record_id          VARCHAR(100)  NOT NULL,
    direction          VARCHAR(16)   NOT NULL,
    organisation_name  VARCHAR(200)  NOT NULL,
    organisation_address VARCHAR(500),
    country            VARCHAR(2)    NOT NULL,
    party_category     VARCHAR(32)   NOT NULL,
    equivalent_system  BOOLEAN       NOT NULL,
    categories         TEXT[]        NOT NULL,
    sale_or_sharing    BOOLEAN       NOT NULL,
    foreign_party      BOOLEAN       NOT NULL,
    background         VARCHAR(500),
    on_date            DATE          NOT NULL,
    keep_until         DATE          NOT NULL,
    CONSTRAINT provision_record_pk PRIMARY KEY (subject_id, record_id)
);
CREATE INDEX provision_record_keep_until_idx ON provision_record (keep_until);

-- Every read of a subject's personal data by staff or auditors: who, when, what, through which
-- endpoint. Written by the read itself, append-only.
CREATE TABLE personal_data_access_log (
    id          BIGSERIAL    NOT NULL,
    accessed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    principal   VARCHAR(200) NOT NULL,
    subject_id  UUID         NOT NULL,
    view        VARCHAR(64)  NOT NULL,
    CONSTRAINT personal_data_access_log_pk PRIMARY KEY (id)
);
CREATE INDEX personal_data_access_log_subject_idx ON personal_data_access_log (subject_id, accessed_at);
