MODEL (
  name staging.clicks,
  kind FULL
);

SELECT *, 1 AS counted
FROM raw.clicks
