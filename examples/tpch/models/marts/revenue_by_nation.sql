MODEL (
  name marts.revenue_by_nation,
  kind FULL,
  owner 'analytics',
  description 'Net revenue per nation and year, ranked within its region, with the change on the previous year',
  tags [marts, revenue, geography],
  cron '@daily',
  grain [nation_name, order_year]
);

WITH yearly AS (
  SELECT
    n.region_name,
    n.nation_name,
    year(r.order_date) AS order_year,
    count(DISTINCT r.customer_key) AS customers,
    count(*) AS orders,
    sum(r.net_revenue) AS net_revenue
  FROM marts.order_revenue AS r
  JOIN staging.customers AS c
    ON c.customer_key = r.customer_key
  JOIN staging.nations AS n
    ON n.nation_key = c.nation_key
  GROUP BY n.region_name, n.nation_name, year(r.order_date)
)
SELECT
  region_name,
  nation_name,
  order_year,
  customers,
  orders,
  net_revenue,
  rank() OVER (PARTITION BY region_name, order_year ORDER BY net_revenue DESC) AS rank_in_region,
  round(100 * net_revenue / sum(net_revenue) OVER (PARTITION BY region_name, order_year), 2) AS pct_of_region,
  net_revenue - lag(net_revenue) OVER (PARTITION BY nation_name ORDER BY order_year) AS change_on_previous_year
FROM yearly
