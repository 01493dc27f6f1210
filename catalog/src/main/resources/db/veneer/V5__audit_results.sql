-- Veneer state, schema version 5: the outcome of each audit run, per version of a model (so per
-- physical table) and per range of data it checked. (Version 4 belongs to other work; this script
-- does not depend on it.)
--
-- One row per (model, version, audit, range): running an audit again over the same range replaces its
-- row, so an incremental model keeps one row per batch range however often it ran. start_ms/end_ms are
-- -1 when the audit read the whole table (every kind but INCREMENTAL_BY_TIME_RANGE). sample holds up to
-- 5 offending rows as a JSON array of objects.
CREATE TABLE veneer_audit_results (
    model TEXT NOT NULL,
    version TEXT NOT NULL,
    audit TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    end_ms BIGINT NOT NULL,
    blocking BOOLEAN NOT NULL,
    passed BOOLEAN NOT NULL,
    offending_rows BIGINT NOT NULL,
    sample TEXT NOT NULL,
    environment TEXT NOT NULL,
    ran_at BIGINT NOT NULL,
    PRIMARY KEY (model, version, audit, start_ms, end_ms)
);
