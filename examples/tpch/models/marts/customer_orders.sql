MODEL (
  name marts.customer_orders,
  kind FULL,
  owner 'analytics',
  description 'One row per customer, with or without orders: order history and lifetime revenue',
  tags [marts, customers, revenue],
  cron '@daily',
  grain customer_key,
  audits (
    unique_values(columns := (customer_key)),
    forall(criteria := (order_count >= open_orders, lifetime_revenue >= 0))
  )
);

WITH orders_per_customer AS (
  SELECT
    customer_key,
    count(*) AS order_count,
    min(order_date) AS first_order_date,
    max(order_date) AS last_order_date,
    sum(net_revenue) AS lifetime_revenue,
    count_if(order_status = 'open') AS open_orders
  FROM marts.order_revenue
  GROUP BY customer_key
)
SELECT
  c.customer_key,
  c.customer_name,
  c.market_segment,
  n.nation_name,
  n.region_name,
  coalesce(o.order_count, 0) AS order_count,
  coalesce(o.open_orders, 0) AS open_orders,
  o.first_order_date,
  o.last_order_date,
  coalesce(o.lifetime_revenue, 0) AS lifetime_revenue,
  CAST(o.lifetime_revenue / o.order_count AS DECIMAL(14, 2)) AS average_order_value
FROM staging.customers AS c
JOIN staging.nations AS n
  ON n.nation_key = c.nation_key
LEFT JOIN orders_per_customer AS o
  ON o.customer_key = c.customer_key
