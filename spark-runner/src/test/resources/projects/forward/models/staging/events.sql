MODEL (
  name staging.events,
  kind INCREMENTAL_BY_TIME_RANGE (time_column event_date, batch_size 5),
  start '2024-01-01',
  cron '@daily'
);

SELECT event_id, user_id, event_date, amount
FROM raw.events
WHERE event_date BETWEEN @start_date AND @end_date
