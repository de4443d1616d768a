-- Where the law stops a request's clock until the requester's identity is known (UK GDPR as
-- amended by the Data (Use and Access) Act 2025), the request is neither due nor overdue until
-- identity is verified; the clock then runs from the day the evidence arrived.
ALTER TABLE privacy_request
    ADD COLUMN clock_stopped                  BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN identity_evidence_received_at  TIMESTAMPTZ;

-- Requests submitted before the flag was recorded: UK requests awaiting identity were the only
-- ones whose rule stopped the clock (the same rule the event upcaster applies).
UPDATE privacy_request SET clock_stopped = true WHERE jurisdiction = 'UK' AND status = 'AWAITING_IDENTITY';
