MODEL (
  name marts.customer_revenue,
  kind FULL,
  grain customer_id
);

WITH paid AS (
  SELECT customer_id, amount FROM staging.orders WHERE status = 'paid'
)
SELECT c.customer_id, c.name, c.country, sum(p.amount) AS revenue
FROM staging.customers AS c
JOIN paid AS p ON p.customer_id = c.customer_id
GROUP BY c.customer_id, c.name, c.country
