-- Veneer state, schema version 2: data intervals per physical table version, and run leases.

-- The time ranges [start_ms, end_ms) of data computed for one version of a model (so for one physical
-- table). Rows of one version never overlap or touch: recording a range merges it with its neighbours.
-- Every snapshot that shares the version shares these rows, so no environment recomputes what another did.
CREATE TABLE veneer_intervals (
    model TEXT NOT NULL,
    version TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    end_ms BIGINT NOT NULL,
    PRIMARY KEY (model, version, start_ms)
);

-- Who is writing a physical table right now: a process holds the lease while it computes batches of
-- that table, renews it with a heartbeat, and loses it when expires_at passes (a crashed process).
CREATE TABLE veneer_leases (
    physical_table TEXT NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    acquired_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
