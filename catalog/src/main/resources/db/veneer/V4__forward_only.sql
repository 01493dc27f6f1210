-- Veneer state, schema version 4: previews of forward-only changes in dev environments.
-- (Independent of version 3's lifecycle columns and of later versions.)
--
-- A forward-only change keeps its predecessor's physical table; a dev environment previews it in a
-- relation of its own that reads that table without copying it: a Delta shallow clone, or a view of
-- an Iceberg branch (or of a table holding only the preview range when the columns change). A row is
-- written before any of those objects is created, so a crash leaves nothing the janitor cannot find;
-- the janitor drops the objects and the row once the environment no longer points at the preview.
--
-- preview: the relation the environment's view reads (spark_catalog.<schema>.<name>)
-- source_table: the physical table it reads (kept by the janitor while the preview lives)
-- table_format: delta or iceberg, which says what the preview is made of
-- preview_branch, preview_rows_table: for Iceberg, the branch of source_table and the table of the
--   preview range one of which the view reads (NULL for Delta)
-- interval_version: the key its own preview intervals are recorded under in veneer_intervals
CREATE TABLE veneer_previews (
    preview TEXT NOT NULL PRIMARY KEY,
    environment TEXT NOT NULL,
    model TEXT NOT NULL,
    source_table TEXT NOT NULL,
    table_format TEXT NOT NULL,
    preview_branch TEXT,
    preview_rows_table TEXT,
    interval_version TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX veneer_previews_source_table ON veneer_previews (source_table);
