MODEL (
  name marts.top_customers,
  kind VIEW,
  owner 'analytics',
  description 'The ten customers with the highest lifetime revenue in each region; a view, so it costs no storage',
  tags [marts, customers]
);

SELECT
  region_name,
  revenue_rank,
  customer_key,
  customer_name,
  nation_name,
  market_segment,
  order_count,
  lifetime_revenue
FROM (
  SELECT
    *,
    row_number() OVER (PARTITION BY region_name ORDER BY lifetime_revenue DESC, customer_key) AS revenue_rank
  FROM marts.customer_orders
  WHERE order_count > 0
) AS ranked
WHERE revenue_rank <= 10
