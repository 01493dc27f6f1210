MODEL (
  name marts.recent_orders,
  kind VIEW
);

SELECT order_id, amount
FROM staging.orders
WHERE order_date >= DATE'2024-01-01'
