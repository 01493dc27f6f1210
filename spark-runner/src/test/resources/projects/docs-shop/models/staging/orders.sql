MODEL (
  name staging.orders,
  kind FULL,
  owner data_team,
  tags [staging, finance],
  description 'Orders that were not <b>cancelled</b> & "kept"'
);

-- cancelled orders never count
SELECT order_id, customer_id, amount, order_date
FROM raw.orders
WHERE status <> 'cancelled'
