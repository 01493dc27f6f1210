MODEL (
  name staging.customers,
  kind FULL,
  table_format delta,
  owner 'data-eng',
  description 'Customers, renamed and typed; market segment lower-cased',
  tags [staging, customers, pii],
  cron '@daily',
  grain customer_key
);

SELECT
  c_custkey AS customer_key,
  c_name AS customer_name,
  c_nationkey AS nation_key,
  lower(c_mktsegment) AS market_segment,
  c_acctbal AS account_balance,
  c_acctbal < 0 AS is_in_debt,
  c_phone AS phone
FROM tpch.customer
