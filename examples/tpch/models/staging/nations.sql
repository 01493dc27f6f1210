MODEL (
  name staging.nations,
  kind FULL,
  owner 'data-eng',
  description 'Nations with their region: the geography every mart rolls up to',
  tags [staging, geography],
  grain nation_key,
  audits (
    unique_values(columns := (nation_key)),
    number_of_rows(threshold := 25)
  )
);

SELECT
  n.n_nationkey AS nation_key,
  initcap(n.n_name) AS nation_name,
  r.r_regionkey AS region_key,
  initcap(r.r_name) AS region_name
FROM tpch.nation AS n
JOIN tpch.region AS r
  ON r.r_regionkey = n.n_regionkey
