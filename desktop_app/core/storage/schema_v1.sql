-- Schema version 1.  Never edit a shipped version: add a migration instead.

CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL,
    jurisdiction       TEXT NOT NULL DEFAULT 'CN',
    tz                 TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    status             TEXT NOT NULL DEFAULT 'active',
    platform           TEXT NOT NULL DEFAULT '',
    funder             TEXT NOT NULL DEFAULT '',
    product_type       TEXT NOT NULL DEFAULT '',
    account_numbers    TEXT NOT NULL DEFAULT '',
    principal          TEXT,            -- Decimal as text
    balance            TEXT,
    currency           TEXT NOT NULL DEFAULT 'CNY',
    overdue_since      TEXT,            -- ISO date
    borrower_name      TEXT NOT NULL DEFAULT '',
    borrower_contact   TEXT NOT NULL DEFAULT '',
    borrower_address   TEXT NOT NULL DEFAULT '',
    borrower_id_number TEXT NOT NULL DEFAULT '',
    statement          TEXT NOT NULL DEFAULT '',
    requests           TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    rule_params        TEXT NOT NULL DEFAULT '{}',   -- JSON
    negotiation        TEXT NOT NULL DEFAULT '{}',   -- JSON
    notes              TEXT NOT NULL DEFAULT '',
    is_demo            TEXT,            -- NULL, or the demo's name ('cn', 'us'); makes `demo` idempotent
    next_exhibit       INTEGER NOT NULL DEFAULT 1,   -- exhibit numbers are never reused
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE UNIQUE INDEX cases_demo ON cases(is_demo) WHERE is_demo IS NOT NULL;

CREATE TABLE parties (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    relationship    TEXT,
    organisation_id INTEGER REFERENCES parties(id) ON DELETE SET NULL,
    badge_no        TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    merged_into     INTEGER REFERENCES parties(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX parties_case ON parties(case_id);

CREATE TABLE contact_points (
    id       INTEGER PRIMARY KEY,
    party_id INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    key      TEXT NOT NULL,
    label    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contact_points_party ON contact_points(party_id);
CREATE INDEX contact_points_key ON contact_points(key);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    start_local     TEXT NOT NULL,   -- ISO 8601 wall time with offset, as the borrower saw it
    start_utc       INTEGER NOT NULL, -- epoch seconds, for ordering and windows
    tz              TEXT NOT NULL,   -- IANA zone
    fold            INTEGER NOT NULL DEFAULT 0, -- which of a repeated DST hour
    end_local       TEXT,
    duration_s      INTEGER,
    direction       TEXT,
    call_outcome    TEXT,
    party_id        INTEGER REFERENCES parties(id) ON DELETE SET NULL,
    contact_value   TEXT NOT NULL DEFAULT '',
    contact_key     TEXT NOT NULL DEFAULT '',
    target          TEXT NOT NULL DEFAULT 'borrower',
    target_party_id INTEGER REFERENCES parties(id) ON DELETE SET NULL,
    summary         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL DEFAULT '',
    quotes          TEXT NOT NULL DEFAULT '',
    conduct         TEXT NOT NULL DEFAULT '[]',  -- JSON list of Conduct values
    details         TEXT NOT NULL DEFAULT '{}',  -- JSON, keys per kind (domain.models.DETAIL_KEYS)
    follow_up       TEXT,            -- ISO date
    follow_up_note  TEXT NOT NULL DEFAULT '',
    follow_up_done  INTEGER NOT NULL DEFAULT 0,
    source          TEXT NOT NULL DEFAULT 'manual',
    source_file     TEXT NOT NULL DEFAULT '',
    source_sha256   TEXT NOT NULL DEFAULT '',
    dedupe_key      TEXT,
    import_id       INTEGER REFERENCES imports(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (duration_s IS NULL OR duration_s >= 0)
);
CREATE INDEX events_case_start ON events(case_id, start_utc);
CREATE INDEX events_party ON events(party_id);
CREATE INDEX events_follow_up ON events(follow_up) WHERE follow_up IS NOT NULL;
CREATE UNIQUE INDEX events_dedupe ON events(case_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    importer    TEXT NOT NULL,
    files       TEXT NOT NULL DEFAULT '[]',  -- JSON list of {name, sha256}
    counts      TEXT NOT NULL DEFAULT '{}'   -- JSON {imported, duplicates, skipped}
);

CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    sha256         TEXT NOT NULL,
    exhibit_no     INTEGER NOT NULL,
    original_name  TEXT NOT NULL,
    mime           TEXT NOT NULL,
    size           INTEGER NOT NULL,
    caption        TEXT NOT NULL DEFAULT '',
    capture_time   TEXT,            -- ISO 8601, with offset when known
    capture_source TEXT,
    duration_s     REAL,
    width          INTEGER,
    height         INTEGER,
    source_path    TEXT NOT NULL DEFAULT '',  -- where the original was when attached (never modified)
    added_at       TEXT NOT NULL,
    deleted_at     TEXT,
    UNIQUE (case_id, exhibit_no),
    UNIQUE (case_id, sha256)
);
CREATE INDEX evidence_sha ON evidence(sha256);

CREATE TABLE event_evidence (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, evidence_id)
);
CREATE INDEX event_evidence_evidence ON event_evidence(evidence_id);

-- Append-only: what changed and when, so a dossier can say when an entry was first recorded
-- and whether it was edited later.  Triggers below forbid UPDATE and DELETE.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    case_id   INTEGER,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    fields    TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Full-text search over summaries, quotes, message bodies, numbers and party names.
-- `event_text` holds one lower-cased row per live (not trashed) event, ordered by case and time;
-- the FTS5 trigram index uses it as external content.  Trigram needs 3+ characters; shorter
-- queries (两字词 such as 律师) scan `event_text` with instr(), in index order, which is fast
-- because the table holds only the text.
CREATE TABLE event_text (
    id        INTEGER PRIMARY KEY,   -- = events.id
    case_id   INTEGER NOT NULL,
    start_utc INTEGER NOT NULL,
    text      TEXT NOT NULL
);
CREATE INDEX event_text_case ON event_text(case_id, start_utc, id);
CREATE VIRTUAL TABLE event_search USING fts5(text, content = 'event_text', content_rowid = 'id',
                                              tokenize = 'trigram');

CREATE TRIGGER events_text_ai AFTER INSERT ON events WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO event_text(id, case_id, start_utc, text) VALUES (
        NEW.id, NEW.case_id, NEW.start_utc,
        lower(NEW.summary || char(10) || NEW.quotes || char(10) || NEW.body || char(10) || NEW.contact_value
              || char(10) || COALESCE((SELECT name FROM parties WHERE id = NEW.party_id), '')));
    INSERT INTO event_search(rowid, text) SELECT id, text FROM event_text WHERE id = NEW.id;
END;
CREATE TRIGGER events_text_au AFTER UPDATE OF summary, quotes, body, contact_value, party_id, start_utc, deleted_at
ON events BEGIN
    INSERT INTO event_search(event_search, rowid, text) SELECT 'delete', id, text FROM event_text WHERE id = OLD.id;
    DELETE FROM event_text WHERE id = OLD.id;
    INSERT INTO event_text(id, case_id, start_utc, text) SELECT
        NEW.id, NEW.case_id, NEW.start_utc,
        lower(NEW.summary || char(10) || NEW.quotes || char(10) || NEW.body || char(10) || NEW.contact_value
              || char(10) || COALESCE((SELECT name FROM parties WHERE id = NEW.party_id), ''))
        WHERE NEW.deleted_at IS NULL;
    INSERT INTO event_search(rowid, text) SELECT id, text FROM event_text WHERE id = NEW.id;
END;
CREATE TRIGGER events_text_ad AFTER DELETE ON events BEGIN
    INSERT INTO event_search(event_search, rowid, text) SELECT 'delete', id, text FROM event_text WHERE id = OLD.id;
    DELETE FROM event_text WHERE id = OLD.id;
END;
CREATE TRIGGER parties_text_au AFTER UPDATE OF name ON parties BEGIN
    UPDATE events SET party_id = party_id WHERE party_id = NEW.id;
END;
