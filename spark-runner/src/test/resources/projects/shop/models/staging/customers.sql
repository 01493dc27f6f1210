MODEL (
  name staging.customers,
  kind FULL,
  owner 'data-eng'
);

SELECT id AS customer_id, name, country
FROM raw.customers
