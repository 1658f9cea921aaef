-- fazhi_desktop local store, migration 0001_initial.
-- Shipped migrations are never edited: a change is a new numbered migration in
-- fazhi_desktop/store/migrations.py. Times are UTC ISO-8601 strings; dates are YYYY-MM-DD.

-- Plans imported into this database (the built-in plan is registered on first use).
-- The catalogue JSON is kept verbatim so that a package can always name the exact version answered.
CREATE TABLE plans (
    plan_id      TEXT NOT NULL,
    version      TEXT NOT NULL,
    title        TEXT NOT NULL,
    year         INTEGER NOT NULL,
    county       TEXT NOT NULL,
    doc_number   TEXT NOT NULL,
    sha256       TEXT NOT NULL,           -- of the catalogue file's bytes
    catalogue    TEXT NOT NULL,           -- the catalogue JSON itself
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (plan_id, version)
);

-- The unit this installation answers for: exactly one row (id = 1).
CREATE TABLE unit_profile (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    unit_name     TEXT NOT NULL,          -- canonical name, or the township's own name
    entered_name  TEXT NOT NULL,          -- what the clerk typed / picked
    unit_kind     TEXT NOT NULL,
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    key_fingerprint TEXT,                 -- of the unit's signing key, once created
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Reporting periods: 年度, or 半年 where a county asks for it. Several may live in one database.
CREATE TABLE periods (
    id            INTEGER PRIMARY KEY,
    plan_id       TEXT NOT NULL,
    plan_version  TEXT NOT NULL,
    label         TEXT NOT NULL,          -- e.g. '2021年度', '2021年上半年'
    kind          TEXT NOT NULL CHECK (kind IN ('annual', 'first_half', 'second_half')),
    year          INTEGER NOT NULL,
    is_current    INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    carried_from  INTEGER REFERENCES periods(id),
    created_at    TEXT NOT NULL,
    UNIQUE (plan_id, year, kind),
    FOREIGN KEY (plan_id, plan_version) REFERENCES plans(plan_id, version)
);
CREATE UNIQUE INDEX periods_one_current ON periods(is_current) WHERE is_current = 1;

-- One row per assigned item and period. work_status and result are deliberately separate:
-- progress (未开始/推进中/已完成) is not the verdict (已完成/部分完成/未完成/不适用 or 达标/基本达标/未达标/不适用).
CREATE TABLE assessments (
    period_id     INTEGER NOT NULL REFERENCES periods(id) ON DELETE CASCADE,
    item_id       TEXT NOT NULL,          -- T07, I48, B1 …
    work_status   TEXT NOT NULL DEFAULT '未开始' CHECK (work_status IN ('未开始', '推进中', '已完成')),
    result        TEXT CHECK (result IS NULL OR result IN
                    ('已完成', '部分完成', '未完成', '不适用', '达标', '基本达标', '未达标', '有', '无')),
    narrative     TEXT NOT NULL DEFAULT '',   -- 工作开展情况
    problems      TEXT NOT NULL DEFAULT '',   -- 存在问题
    measures      TEXT NOT NULL DEFAULT '',   -- 整改措施
    deadline      TEXT,                       -- 整改时限, YYYY-MM-DD
    responsible_person TEXT NOT NULL DEFAULT '', -- 责任人
    na_reason     TEXT NOT NULL DEFAULT '',   -- why 不适用
    opted_in      INTEGER CHECK (opted_in IS NULL OR opted_in IN (0, 1)), -- optional (有关部门) items only
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (period_id, item_id)
);

-- Evidence file contents, stored once under evidence/<aa>/<sha256> in the data directory.
CREATE TABLE blobs (
    sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size          INTEGER NOT NULL CHECK (size >= 0),
    stored_at     TEXT NOT NULL
);

-- A document attached in a period: its original name (NFC), type, 形成日期 and description.
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    period_id     INTEGER NOT NULL REFERENCES periods(id) ON DELETE CASCADE,
    sha256        TEXT NOT NULL REFERENCES blobs(sha256),
    original_name TEXT NOT NULL,
    mime_type     TEXT NOT NULL DEFAULT 'application/octet-stream',
    made_date     TEXT,                   -- 形成日期: when the document was made
    description   TEXT NOT NULL DEFAULT '',
    added_at      TEXT NOT NULL,
    UNIQUE (period_id, sha256)
);

-- Which items a document supports: one document may support several items.
CREATE TABLE evidence_items (
    evidence_id   INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    item_id       TEXT NOT NULL,
    linked_at     TEXT NOT NULL,
    PRIMARY KEY (evidence_id, item_id)
);
CREATE INDEX evidence_items_item ON evidence_items(item_id);

-- Every change, chained: hash = sha256(prev_hash + canonical JSON of the row), so an edit is detectable.
CREATE TABLE history (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    period_id     INTEGER,
    item_id       TEXT,
    entity        TEXT NOT NULL,          -- 'assessment', 'evidence', 'profile', 'period', 'package'
    field         TEXT NOT NULL,
    old_value     TEXT,
    new_value     TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX history_at ON history(at);

-- Packages written by this installation: ids and sequence numbers so a resubmission supersedes.
CREATE TABLE packages (
    package_id    TEXT PRIMARY KEY,
    period_id     INTEGER NOT NULL REFERENCES periods(id),
    sequence      INTEGER NOT NULL,
    supersedes    TEXT REFERENCES packages(package_id),
    created_at    TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    UNIQUE (period_id, sequence)
);

-- Small key/value settings; the typed registry with defaults lives in fazhi_desktop/settings.py.
CREATE TABLE settings (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL
);
