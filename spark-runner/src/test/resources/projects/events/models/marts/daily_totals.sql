MODEL (
  name marts.daily_totals,
  kind INCREMENTAL_BY_TIME_RANGE (time_column event_day, format 'yyyy-MM-dd', lookback 2),
  start '2024-01-01'
);

-- event_day is a string: the batch bounds are compared in its format
SELECT date_format(event_date, 'yyyy-MM-dd') AS event_day, count(*) AS events, sum(amount) AS amount
FROM staging.events
WHERE event_date BETWEEN @start_ds AND @end_ds
GROUP BY date_format(event_date, 'yyyy-MM-dd')
