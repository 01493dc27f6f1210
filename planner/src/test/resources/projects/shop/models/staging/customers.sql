MODEL (
  name staging.customers,
  kind FULL
);

SELECT customer_id, name, country
FROM raw.customers
