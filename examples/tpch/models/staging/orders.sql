MODEL (
  name staging.orders,
  kind FULL,
  table_format delta,
  owner 'data-eng',
  description 'Orders, cleaned and typed: readable status and priority',
  tags [staging, orders],
  cron '@daily',
  grain order_key,
  audits (
    not_null(columns := (order_key, customer_key, order_date)),
    unique_values(columns := (order_key)),
    accepted_values(column := order_status, is_in := ('fulfilled', 'open', 'partial')),
    accepted_range(column := priority_rank, min_v := 1, max_v := 5)
  )
);

SELECT
  o_orderkey AS order_key,
  o_custkey AS customer_key,
  CASE o_orderstatus
    WHEN 'F' THEN 'fulfilled'
    WHEN 'O' THEN 'open'
    ELSE 'partial'
  END AS order_status,
  o_totalprice AS total_price,
  o_orderdate AS order_date,
  CAST(substring(o_orderpriority, 1, 1) AS INT) AS priority_rank, -- '1-URGENT' -> 1
  lower(substring(o_orderpriority, 3)) AS order_priority,         -- '1-URGENT' -> 'urgent'
  o_clerk AS clerk,
  o_shippriority AS ship_priority
FROM tpch.orders
