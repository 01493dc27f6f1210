MODEL (
  name staging.lineitems,
  kind FULL,
  table_format iceberg,
  owner 'data-eng',
  description 'Order lines with net revenue, transit time and lateness derived once for every mart',
  tags [staging, orders],
  cron '@daily',
  grain [order_key, line_number]
);

SELECT
  l_orderkey AS order_key,
  l_linenumber AS line_number,
  l_partkey AS part_key,
  l_suppkey AS supplier_key,
  l_quantity AS quantity,
  l_extendedprice AS extended_price,
  l_discount AS discount,
  l_tax AS tax,
  CAST(l_extendedprice * (1 - l_discount) AS DECIMAL(14, 2)) AS net_revenue,
  CAST(l_extendedprice * (1 - l_discount) * (1 + l_tax) AS DECIMAL(14, 2)) AS charged_amount,
  l_returnflag AS return_flag,
  l_returnflag = 'R' AS is_returned,
  l_linestatus AS line_status,
  l_shipdate AS ship_date,
  l_commitdate AS commit_date,
  l_receiptdate AS receipt_date,
  datediff(l_receiptdate, l_shipdate) AS transit_days,
  l_receiptdate > l_commitdate AS is_late,
  lower(l_shipmode) AS ship_mode,
  lower(l_shipinstruct) AS ship_instructions
FROM tpch.lineitem
