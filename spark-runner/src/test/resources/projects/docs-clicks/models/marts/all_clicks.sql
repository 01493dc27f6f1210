MODEL (
  name marts.all_clicks,
  kind VIEW
);

SELECT *
FROM staging.clicks
