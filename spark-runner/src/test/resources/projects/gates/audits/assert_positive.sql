-- A user audit: the rows of the model whose @column is not positive.
AUDIT (
  name assert_positive,
  description 'the column is above zero'
);
SELECT * FROM @this_model
WHERE @column <= 0  -- '@column' in this comment and in 'strings' is left alone
