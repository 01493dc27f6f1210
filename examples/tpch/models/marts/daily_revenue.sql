MODEL (
  name marts.daily_revenue,
  kind INCREMENTAL_BY_TIME_RANGE (time_column order_date, batch_size 24),
  start '1992-01-01',
  end '1998-09-01',
  cron '@monthly',
  table_format delta,
  owner 'finance',
  description 'Revenue per order day, computed month by month: each batch replaces exactly its months',
  tags [marts, revenue, incremental],
  grain order_date,
  audits (
    assert_positive(column := orders),
    forall(criteria := (net_revenue <= gross_revenue), blocking := false)
  )
);

SELECT
  order_date,
  count(*) AS orders,
  sum(gross_revenue) AS gross_revenue,
  sum(net_revenue) AS net_revenue
FROM marts.order_revenue
WHERE order_date BETWEEN @start_date AND @end_date
GROUP BY order_date
