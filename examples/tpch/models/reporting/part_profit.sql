MODEL (
  name reporting.part_profit,
  kind FULL,
  table_format delta,
  owner 'finance',
  description 'Profit by material, brand and ship year (after TPC-H Q9): net revenue minus what the supplier charged',
  tags [reporting, products, finance],
  cron '@daily',
  grain [material, brand, ship_year]
);

WITH line_profit AS (
  SELECT
    p.material,
    p.brand,
    year(l.ship_date) AS ship_year,
    l.quantity,
    l.net_revenue,
    l.net_revenue - ps.supply_cost * l.quantity AS profit
  FROM staging.lineitems AS l
  JOIN staging.parts AS p
    ON p.part_key = l.part_key
  JOIN staging.part_suppliers AS ps
    ON ps.part_key = l.part_key
   AND ps.supplier_key = l.supplier_key
)
SELECT
  material,
  brand,
  ship_year,
  count(*) AS lines,
  sum(quantity) AS units,
  sum(net_revenue) AS net_revenue,
  sum(profit) AS profit,
  round(100 * try_divide(sum(profit), sum(net_revenue)), 2) AS margin_pct,
  dense_rank() OVER (PARTITION BY material, ship_year ORDER BY sum(profit) DESC) AS profit_rank_in_material
FROM line_profit
GROUP BY material, brand, ship_year
