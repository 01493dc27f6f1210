MODEL (
  name marts.monthly_revenue,
  kind FULL,
  owner 'finance',
  description 'Revenue per month with a year-to-date running total and month-on-month growth',
  tags [marts, revenue, finance],
  cron '@daily',
  grain order_month,
  partitioned_by (order_year)
);

WITH monthly AS (
  SELECT
    year(order_date) AS order_year,
    trunc(order_date, 'MM') AS order_month,
    count(*) AS orders,
    count(DISTINCT customer_key) AS customers,
    sum(gross_revenue) AS gross_revenue,
    sum(net_revenue) AS net_revenue,
    sum(returned_revenue) AS returned_revenue
  FROM marts.order_revenue
  GROUP BY year(order_date), trunc(order_date, 'MM')
)
SELECT
  order_year,
  order_month,
  orders,
  customers,
  gross_revenue,
  net_revenue,
  returned_revenue,
  sum(net_revenue) OVER (
    PARTITION BY order_year
    ORDER BY order_month
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  ) AS year_to_date_revenue,
  round(100 * try_divide(
    net_revenue - lag(net_revenue) OVER (ORDER BY order_month),
    lag(net_revenue) OVER (ORDER BY order_month)), 2) AS growth_pct
FROM monthly
