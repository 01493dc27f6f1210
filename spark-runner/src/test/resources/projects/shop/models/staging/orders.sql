MODEL (
  name staging.orders,
  kind FULL,
  table_format delta,
  owner 'data-eng',
  description 'Orders, renamed and typed'
);

SELECT
  id AS order_id,
  customer_id,
  amount,
  status
FROM raw.orders
