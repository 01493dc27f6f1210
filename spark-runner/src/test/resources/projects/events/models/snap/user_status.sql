MODEL (
  name snap.user_status,
  kind SCD_TYPE_2_BY_COLUMN (unique_key id, columns [status], invalidate_hard_deletes true),
  table_format delta
);

SELECT id, status FROM raw.user_status
