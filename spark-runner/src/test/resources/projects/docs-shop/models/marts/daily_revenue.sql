MODEL (
  name marts.daily_revenue,
  kind INCREMENTAL_BY_TIME_RANGE (time_column order_date),
  start '2024-01-01',
  cron '@daily',
  owner finance_team,
  tags [finance]
);

SELECT order_date, SUM(amount) AS revenue
FROM staging.orders
WHERE order_date BETWEEN @start_ds AND @end_ds
GROUP BY order_date
