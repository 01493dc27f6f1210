MODEL (
  name staging.orders,
  kind FULL,
  owner data_team,
  description 'Orders that were not cancelled'
);

SELECT order_id, customer_id, amount, order_date
FROM raw.orders
WHERE status <> 'cancelled'
