MODEL (
  name marts.big_orders,
  kind VIEW
);

SELECT * FROM staging.orders WHERE amount >= 100
