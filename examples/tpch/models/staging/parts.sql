MODEL (
  name staging.parts,
  kind FULL,
  owner 'data-eng',
  description 'Parts catalogue; material split out of the TPC-H part type',
  tags [staging, products],
  grain part_key
);

SELECT
  p_partkey AS part_key,
  p_name AS part_name,
  lower(p_mfgr) AS manufacturer,
  p_brand AS brand,
  lower(p_type) AS part_type,
  lower(element_at(split(p_type, ' '), -1)) AS material, -- 'STANDARD POLISHED TIN' -> 'tin'
  p_size AS size,
  lower(p_container) AS container,
  p_retailprice AS retail_price
FROM tpch.part
