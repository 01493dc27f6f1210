MODEL (
  name marts.page_clicks,
  kind FULL
);

SELECT p.url, p.title, SUM(c.counted) AS clicks
FROM staging.clicks c
JOIN raw.pages p ON p.url = c.url
GROUP BY p.url, p.title
