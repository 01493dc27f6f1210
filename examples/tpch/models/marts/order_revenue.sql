MODEL (
  name marts.order_revenue,
  kind FULL,
  table_format delta,
  owner 'analytics',
  description 'One row per order: its lines rolled up into gross, net and returned revenue, and lateness',
  tags [marts, orders, revenue],
  cron '@daily',
  grain order_key
);

WITH line_totals AS (
  SELECT
    order_key,
    count(*) AS line_count,
    sum(quantity) AS total_quantity,
    sum(extended_price) AS gross_revenue,
    sum(net_revenue) AS net_revenue,
    sum(CASE WHEN is_returned THEN net_revenue ELSE 0 END) AS returned_revenue,
    count_if(is_late) AS late_lines,
    max(receipt_date) AS last_receipt_date
  FROM staging.lineitems
  GROUP BY order_key
)
SELECT
  o.order_key,
  o.customer_key,
  o.order_date,
  o.order_status,
  o.order_priority,
  t.line_count,
  t.total_quantity,
  t.gross_revenue,
  t.net_revenue,
  t.returned_revenue,
  t.gross_revenue - t.net_revenue AS discount_amount,
  t.late_lines,
  t.late_lines > 0 AS has_late_lines,
  datediff(t.last_receipt_date, o.order_date) AS days_to_last_receipt
FROM staging.orders AS o
JOIN line_totals AS t
  ON t.order_key = o.order_key
