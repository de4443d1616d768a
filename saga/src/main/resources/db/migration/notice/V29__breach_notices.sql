-- Breach notices to the people affected (GDPR Art. 34, APPI Art. 26(2), Civ. Code 1798.82, PDPA
-- Art. 12; ADR 0026). The subjects a report names, kept for the mailings that may follow; one mailing
-- per individuals' duty, with the letter staff wrote (it describes the incident and names no one);
-- one notice per affected subject and mailing, delivered like the request notices. Nothing here is
-- personal beyond the subjects' ids: addresses are read from their records when a notice goes out.
CREATE TABLE breach_affected_subject (
    breach_id   UUID NOT NULL,
    subject_id  UUID NOT NULL,
    CONSTRAINT breach_affected_subject_pk PRIMARY KEY (breach_id, subject_id)
);

CREATE TABLE breach_mailing (
    breach_id                      UUID          NOT NULL,
    duty_id                        VARCHAR(100)  NOT NULL,
    kind                           VARCHAR(32)   NOT NULL,
    jurisdiction                   VARCHAR(8)    NOT NULL,
    language                       VARCHAR(16)   NOT NULL,
    what_happened                  TEXT          NOT NULL,
    what_information_was_involved  TEXT          NOT NULL,
    what_we_are_doing              TEXT          NOT NULL,
    what_you_can_do                TEXT          NOT NULL,
    for_more_information           TEXT          NOT NULL,
    -- SENDING: notices go out; DONE: every notice attempted, at least one reached, the duty recorded met;
    -- UNREACHED: nobody could be reached, the duty stays open for staff (substitute or public notice);
    -- STALE: its event was too old when first read (ADR 0024's rule), nothing sent
    status                         VARCHAR(16)   NOT NULL,
    issued_at                      TIMESTAMPTZ   NOT NULL,
    finished_at                    TIMESTAMPTZ,
    CONSTRAINT breach_mailing_pk PRIMARY KEY (breach_id, duty_id)
);

CREATE TABLE breach_notice (
    notice_id        UUID          NOT NULL,
    breach_id        UUID          NOT NULL,
    duty_id          VARCHAR(100)  NOT NULL,
    subject_id       UUID          NOT NULL,
    -- as request_notice's, and NOT_CONCERNED: the subject lives under another law than the duty's
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    claim_id         UUID,
    failure          VARCHAR(32),
    language         VARCHAR(16),
    message_id       VARCHAR(100),
    sent_at          TIMESTAMPTZ,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT breach_notice_pk PRIMARY KEY (notice_id),
    CONSTRAINT breach_notice_once UNIQUE (breach_id, duty_id, subject_id),
    CONSTRAINT breach_notice_mailing FOREIGN KEY (breach_id, duty_id) REFERENCES breach_mailing (breach_id, duty_id)
);

CREATE INDEX breach_notice_due ON breach_notice (next_attempt_at) WHERE status IN ('PENDING', 'MAILED');
CREATE INDEX breach_notice_status ON breach_notice (breach_id, duty_id, status);
