MODEL (
  name staging.suppliers,
  kind FULL,
  table_format delta,
  owner 'data-eng',
  description 'Suppliers, flagged when customers have complained about them',
  tags [staging, suppliers],
  grain supplier_key
);

SELECT
  s_suppkey AS supplier_key,
  s_name AS supplier_name,
  s_nationkey AS nation_key,
  s_acctbal AS account_balance,
  s_phone AS phone,
  s_comment LIKE '%Customer%Complaints%' AS has_complaints
FROM tpch.supplier
