MODEL (
  name staging.part_suppliers,
  kind FULL,
  owner 'data-eng',
  description 'Which supplier offers which part, at what cost and in what quantity',
  tags [staging, suppliers, products],
  grain [part_key, supplier_key]
);

SELECT
  ps_partkey AS part_key,
  ps_suppkey AS supplier_key,
  ps_availqty AS available_quantity,
  ps_supplycost AS supply_cost
FROM tpch.partsupp
