-- Read model of purpose changes (policy §3) and the notification each affected subject is owed.
CREATE TABLE purpose_change (
    change_id        VARCHAR(100) NOT NULL,
    purposes         TEXT[]       NOT NULL,
    categories       TEXT[]       NOT NULL,
    effective_on     DATE         NOT NULL,
    notice_reference VARCHAR(100) NOT NULL,
    announced_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT purpose_change_pk PRIMARY KEY (change_id)
);

CREATE TABLE purpose_change_notice (
    change_id   VARCHAR(100) NOT NULL,
    subject_id  UUID         NOT NULL,
    owed_at     TIMESTAMPTZ  NOT NULL,
    notified_at TIMESTAMPTZ,
    channel     VARCHAR(32),
    CONSTRAINT purpose_change_notice_pk PRIMARY KEY (change_id, subject_id)
);
CREATE INDEX purpose_change_notice_pending_idx ON purpose_change_notice (change_id) WHERE notified_at IS NULL;
