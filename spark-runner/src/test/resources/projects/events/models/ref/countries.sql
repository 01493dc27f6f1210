MODEL (
  name ref.countries,
  kind SEED (path 'seeds/countries.csv'),
  columns (code string, name string, population bigint)
);
