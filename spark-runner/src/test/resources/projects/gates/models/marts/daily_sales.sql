MODEL (
  name marts.daily_sales,
  kind INCREMENTAL_BY_TIME_RANGE (time_column sale_date, batch_size 1),
  start '2024-01-01',
  audits (forall(criteria := (amount >= 0)))
);

SELECT sale_date, sum(amount) AS amount, count(*) AS sales
FROM raw.sales
WHERE sale_date BETWEEN @start_date AND @end_date
GROUP BY sale_date
