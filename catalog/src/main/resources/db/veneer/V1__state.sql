-- Veneer state, schema version 1.
-- Written in the SQL that SQLite and PostgreSQL both accept (TEXT, BIGINT, BOOLEAN, plain keys) so one
-- script serves both. Timestamps are epoch milliseconds (UTC) in BIGINT columns: exact, comparable in
-- SQL (the janitor asks "expired before now?"), and free of each vendor's timestamp quirks.

-- Exactly one row (id = 1): which project this state belongs to, and the layout of what we store.
CREATE TABLE veneer_project (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    project_name TEXT,
    state_format_version INTEGER NOT NULL
);
INSERT INTO veneer_project (id, project_name, state_format_version) VALUES (1, NULL, 1);

-- Snapshots are immutable: written once, never updated.
CREATE TABLE veneer_snapshots (
    model TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    version TEXT NOT NULL,
    physical_table TEXT NOT NULL,
    kind TEXT NOT NULL,
    table_format TEXT NOT NULL,
    data_hash TEXT NOT NULL,
    metadata_hash TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (model, fingerprint)
);
-- The janitor asks which snapshots still use a physical table.
CREATE INDEX veneer_snapshots_physical_table ON veneer_snapshots (physical_table);

-- plan_id is the compare-and-set token: a plan commits only if the plan it was made against is current.
CREATE TABLE veneer_environments (
    name TEXT NOT NULL PRIMARY KEY,
    plan_id TEXT NOT NULL,
    base_environment TEXT NOT NULL,
    snapshots TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT,
    finalized BOOLEAN NOT NULL
);

-- A physical table is listed here only once its build finished and its data is complete.
CREATE TABLE veneer_built_tables (
    physical_table TEXT NOT NULL PRIMARY KEY,
    model TEXT NOT NULL,
    version TEXT NOT NULL,
    built_at BIGINT NOT NULL
);
