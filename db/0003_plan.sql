-- fazhi_desktop local store, migration 0003_plan (issue 9): plan format 2 and signed plans.
-- Shipped migrations are never edited; a change is a new numbered migration.

-- The county justice bureau's public key as this unit first saw it (on a signed plan). Exactly one row:
-- a plan signed by another key is refused until a person deliberately replaces this one.
CREATE TABLE bureau_key (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint   TEXT NOT NULL CHECK (length(fingerprint) = 64),  -- SHA-256 of the raw public key, hex
    public_key    TEXT NOT NULL,          -- the raw 32-byte Ed25519 key, base64
    first_seen_at TEXT NOT NULL,
    first_seen_in TEXT NOT NULL           -- what brought it: the plan, its 文号 and the file name
);

-- How each plan kept in this database reached it: signed by the bureau key (its fingerprint) or
-- accepted unsigned after an explicit confirmation (signer_fingerprint NULL: shown as 未签名).
ALTER TABLE plans ADD COLUMN signer_fingerprint TEXT;
ALTER TABLE plans ADD COLUMN signed INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1));

-- Self-scoring where the plan gives points: 自评分 (0 … 分值 in half points) and 扣分说明.
ALTER TABLE assessments ADD COLUMN self_score REAL CHECK (self_score IS NULL OR self_score >= 0);
ALTER TABLE assessments ADD COLUMN score_note TEXT NOT NULL DEFAULT '';
