MODEL (
  name marts.customer_orders,
  kind FULL
);

SELECT c.customer_id, c.name, COUNT(*) AS orders, SUM(o.amount) AS revenue
FROM staging.orders o
JOIN staging.customers c ON c.customer_id = o.customer_id
GROUP BY c.customer_id, c.name
