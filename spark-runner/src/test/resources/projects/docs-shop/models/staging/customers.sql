MODEL (
  name staging.customers,
  kind FULL,
  owner crm_team,
  tags [staging],
  description 'Customers as the CRM knows them',
  columns (customer_id bigint, name string, country string)
);

SELECT customer_id, name, country
FROM raw.customers
