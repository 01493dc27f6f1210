MODEL (
  name staging.orders_iceberg,
  kind FULL,
  table_format iceberg,
  audits (
    not_null(columns := (id, customer_id)),
    unique_values(columns := (id)),
    unique_combination_of_columns(columns := (customer_id, code)),
    accepted_values(column := status, is_in := ('open', 'shipped')),
    accepted_range(column := amount, min_v := 0, max_v := 100),
    number_of_rows(threshold := 3),
    forall(criteria := (amount >= 0, qty > 0)),
    not_constant(column := status),
    at_least_one(column := name),
    not_empty_string(column := code),
    assert_positive(column := qty, blocking := false)
  )
);

SELECT id, customer_id, amount, status, qty, code, name
FROM raw.orders
