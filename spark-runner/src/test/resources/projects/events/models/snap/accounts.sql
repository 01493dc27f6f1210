MODEL (
  name snap.accounts,
  kind SCD_TYPE_2 (unique_key id, updated_at_name updated_at)
);

SELECT id, plan, updated_at FROM raw.accounts
