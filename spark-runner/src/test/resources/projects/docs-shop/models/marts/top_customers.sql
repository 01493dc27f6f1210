MODEL (
  name marts.top_customers,
  kind FULL
);

SELECT customer_id, name, revenue
FROM marts.customer_orders
WHERE revenue > 1000
