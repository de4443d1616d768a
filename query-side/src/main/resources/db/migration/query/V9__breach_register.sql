-- Read model of the breach register: each breach with its facts and each notification duty with
-- its clock, for privacy staff (GDPR Art. 33(5): every breach documented). No personal data.
CREATE TABLE breach (
    breach_id           UUID          NOT NULL,
    aware_at            TIMESTAMPTZ   NOT NULL,
    reported_at         TIMESTAMPTZ   NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    risk                VARCHAR(16),
    affected            TEXT          NOT NULL,
    categories          TEXT[]        NOT NULL,
    sensitive           BOOLEAN       NOT NULL,
    financial_risk      BOOLEAN       NOT NULL,
    malicious           BOOLEAN       NOT NULL,
    encrypted_key_safe  BOOLEAN       NOT NULL,
    summary_reference   VARCHAR(100),
    affected_subjects   INTEGER       NOT NULL,
    clarified_at        TIMESTAMPTZ,
    closed_at           TIMESTAMPTZ,
    last_sequence       BIGINT        NOT NULL,
    CONSTRAINT breach_pk PRIMARY KEY (breach_id)
);

CREATE TABLE breach_duty (
    breach_id     UUID         NOT NULL,
    duty_id       VARCHAR(64)  NOT NULL,
    kind          VARCHAR(40)  NOT NULL,
    jurisdiction  VARCHAR(8)   NOT NULL,
    recipient     VARCHAR(24)  NOT NULL,
    basis         VARCHAR(300) NOT NULL,
    due_at        TIMESTAMPTZ,
    state         VARCHAR(16)  NOT NULL,
    sent_at       TIMESTAMPTZ,
    reference     VARCHAR(100),
    overdue_since TIMESTAMPTZ,
    CONSTRAINT breach_duty_pk PRIMARY KEY (breach_id, duty_id)
);
CREATE INDEX breach_duty_open_idx ON breach_duty (due_at) WHERE state = 'OPEN';
