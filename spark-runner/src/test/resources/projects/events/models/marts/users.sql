MODEL (
  name marts.users,
  kind INCREMENTAL_BY_UNIQUE_KEY (unique_key user_id),
  table_format delta
);

SELECT user_id, max(event_date) AS last_seen, sum(amount) AS amount
FROM staging.events
WHERE event_date BETWEEN @start_date AND @end_date
GROUP BY user_id
