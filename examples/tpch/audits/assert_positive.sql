-- Rows of the audited model whose @column is zero or less. Use it from a model's header:
--   audits (assert_positive(column := orders))
AUDIT (
  name assert_positive,
  description 'the column is above zero on every row'
);

SELECT *
FROM @this_model
WHERE @column <= 0
