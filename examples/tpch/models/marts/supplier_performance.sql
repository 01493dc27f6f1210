MODEL (
  name marts.supplier_performance,
  kind FULL,
  table_format delta,
  owner 'procurement-analytics',
  description 'One row per supplier: volume shipped, lateness, returns, catalogue depth and revenue quartile',
  tags [marts, suppliers],
  cron '@daily',
  grain supplier_key
);

WITH shipped AS (
  SELECT
    supplier_key,
    count(*) AS lines_shipped,
    sum(quantity) AS units_shipped,
    sum(net_revenue) AS net_revenue,
    avg(transit_days) AS avg_transit_days,
    count_if(is_late) AS late_lines,
    count_if(is_returned) AS returned_lines
  FROM staging.lineitems
  GROUP BY supplier_key
),
catalogue AS (
  SELECT
    supplier_key,
    count(*) AS parts_offered,
    sum(available_quantity) AS units_available,
    avg(supply_cost) AS avg_supply_cost
  FROM staging.part_suppliers
  GROUP BY supplier_key
)
SELECT
  s.supplier_key,
  s.supplier_name,
  n.nation_name,
  n.region_name,
  s.has_complaints,
  coalesce(sh.lines_shipped, 0) AS lines_shipped,
  coalesce(sh.units_shipped, 0) AS units_shipped,
  coalesce(sh.net_revenue, 0) AS net_revenue,
  round(sh.avg_transit_days, 1) AS avg_transit_days,
  round(try_divide(sh.late_lines, sh.lines_shipped), 4) AS late_ratio,
  round(try_divide(sh.returned_lines, sh.lines_shipped), 4) AS return_ratio,
  coalesce(ca.parts_offered, 0) AS parts_offered,
  coalesce(ca.units_available, 0) AS units_available,
  CAST(ca.avg_supply_cost AS DECIMAL(12, 2)) AS avg_supply_cost,
  ntile(4) OVER (ORDER BY coalesce(sh.net_revenue, 0) DESC) AS revenue_quartile
FROM staging.suppliers AS s
JOIN staging.nations AS n
  ON n.nation_key = s.nation_key
LEFT JOIN shipped AS sh
  ON sh.supplier_key = s.supplier_key
LEFT JOIN catalogue AS ca
  ON ca.supplier_key = s.supplier_key
