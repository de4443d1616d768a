-- An import of existing accounts: how far it has come, and what it refused, line by line.
-- lines_done: every line up to it is imported, completed, found present, or reported below; a new upload
-- resumes after it. The upload lease keeps two uploads of one import from interleaving.
CREATE TABLE account_import (
    import_id       UUID PRIMARY KEY,
    created_by      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    lines_done      BIGINT       NOT NULL DEFAULT 0,
    imported        BIGINT       NOT NULL DEFAULT 0,
    completed       BIGINT       NOT NULL DEFAULT 0,
    already_present BIGINT       NOT NULL DEFAULT 0,
    refused         BIGINT       NOT NULL DEFAULT 0,
    upload_claim    UUID,
    upload_until    TIMESTAMPTZ
);

-- What is wrong with a refused line: its field and rule, never a value it held.
CREATE TABLE account_import_error (
    import_id  UUID         NOT NULL REFERENCES account_import (import_id) ON DELETE CASCADE,
    line       BIGINT       NOT NULL,
    fault      INT          NOT NULL,
    subject_id UUID,
    type       VARCHAR(64)  NOT NULL,
    field      VARCHAR(200),
    message    VARCHAR(500) NOT NULL,
    PRIMARY KEY (import_id, line, fault)
);
