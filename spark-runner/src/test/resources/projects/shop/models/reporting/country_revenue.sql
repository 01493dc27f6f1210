MODEL (
  name reporting.country_revenue,
  kind FULL,
  table_format delta
);

SELECT country, sum(revenue) AS revenue, count(*) AS customers
FROM marts.customer_revenue
GROUP BY country
