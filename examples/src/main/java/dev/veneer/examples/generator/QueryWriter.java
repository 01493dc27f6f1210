package dev.veneer.examples.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Writes the query of one generated model as a chain of CTEs (import CTEs per parent, then a join or
 * a union, an aggregation, a window step) and a final select, tracking the output columns of every
 * step so that each reference names a column that exists, with a type it can be used as.
 */
final class QueryWriter {
    /** What a model's query does; chosen per model by the generator. */
    enum Shape {
        JOIN(true, false, false),
        JOIN_AGGREGATE(true, true, false),
        JOIN_WINDOW(true, false, true),
        JOIN_AGGREGATE_WINDOW(true, true, true),
        AGGREGATE(false, true, false),
        WINDOW(false, false, true),
        UNION(false, true, false);

        final boolean joins;
        final boolean aggregates;
        final boolean windows;

        Shape(boolean joins, boolean aggregates, boolean windows) {
            this.joins = joins;
            this.aggregates = aggregates;
            this.windows = windows;
        }
    }

    /** The query text, its output columns and the column naming its grain. */
    record Query(String sql, List<Column> columns, String grain) {}

    private static final String[] ALIASES = {"a", "b", "c", "d", "e", "f"};
    private static final int MAX_KEYS = 5;

    private final Random random;
    private final Expressions expressions;
    private final List<String> ctes = new ArrayList<>();

    private QueryWriter(Random random) {
        this.random = random;
        this.expressions = new Expressions(random);
    }

    /** A staging model over one external source: clean, deduplicate on its first key, derive a column or two. */
    static Query staging(SourceTable source, Random random) {
        return new QueryWriter(random).writeStaging(source);
    }

    /**
     * A model over {@code parents} (the first is the primary one; for {@link Shape#UNION} all share
     * {@code unionKey}, for joins each later parent shares a key with those before it).
     */
    static Query model(List<SourceTable> parents, Shape shape, String unionKey, Random random) {
        return new QueryWriter(random).writeModel(parents, shape, unionKey);
    }

    private Query writeStaging(SourceTable source) {
        Schema raw = source.schema();
        Column primaryKey = raw.keys().get(0);
        ctes.add(cte("source", List.of("SELECT *", "FROM " + source.name())));

        Schema cleaned = new Schema();
        List<String> items = new ArrayList<>();
        for (Column column : raw.columns()) {
            items.add(expressions.cleaned(column));
            cleaned.add(column);
        }
        String order = raw.temporal(random).map(Column::name).orElse(primaryKey.name());
        items.add("row_number() OVER (PARTITION BY " + primaryKey.name() + " ORDER BY " + order + " DESC) AS dedup_rank");
        List<String> body = new ArrayList<>(select(items, 1));
        body.add("FROM source");
        body.add("WHERE " + primaryKey.name() + " IS NOT NULL");
        ctes.add(cte("cleaned", body));

        Schema output = new Schema();
        List<String> finalItems = new ArrayList<>();
        for (Column column : cleaned.columns()) {
            finalItems.add(column.name());
            output.add(column);
        }
        addDerived(cleaned, output, finalItems, 1 + random.nextInt(2));
        List<String> query = new ArrayList<>(select(finalItems, 1));
        query.add("FROM cleaned");
        query.add("WHERE dedup_rank = 1");
        return new Query(render(query), output.columns(), primaryKey.name());
    }

    private Query writeModel(List<SourceTable> parents, Shape shape, String unionKey) {
        List<String> imports = new ArrayList<>();
        List<Schema> importSchemas = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            SourceTable parent = parents.get(i);
            int nonKeys = i == 0 ? 4 + random.nextInt(6) : 2 + random.nextInt(3);
            Schema schema = importCte(parent, nonKeys, shape == Shape.UNION ? unionKey : null);
            imports.add(parent.table());
            importSchemas.add(schema);
        }

        String current;
        Schema schema;
        if (shape == Shape.UNION) {
            schema = union(imports, importSchemas, parents, unionKey);
            current = "unioned";
        }
        else if (shape.joins && parents.size() > 1) {
            schema = join(imports, importSchemas);
            current = "joined";
        }
        else {
            schema = importSchemas.get(0);
            current = imports.get(0);
        }
        String grain = schema.keys().get(0).name();
        if (shape.aggregates) {
            List<Column> groupKeys = groupKeys(schema, shape == Shape.UNION ? unionKey : null);
            schema = aggregate(current, schema, groupKeys);
            current = "aggregated";
            grain = groupKeys.get(0).name();
        }
        Optional<String> windowFilter = Optional.empty();
        if (shape.windows) {
            String rankName = schema.uniqueName("row_rank");
            schema = window(current, schema, rankName);
            current = "windowed";
            windowFilter = Optional.of(rankName + " <= " + (10 * (1 + random.nextInt(50))));
        }

        Schema output = new Schema();
        List<String> items = new ArrayList<>();
        for (Column column : schema.columns()) {
            // Keep every key (children join on them); drop an occasional other column.
            if (column.type() == ColumnType.KEY || random.nextInt(8) != 0 || output.size() == 0) {
                items.add(column.name());
                output.add(column);
            }
        }
        addDerived(schema, output, items, 1 + random.nextInt(3));
        List<String> query = new ArrayList<>(select(items, 1));
        query.add("FROM " + current);
        if (windowFilter.isPresent()) {
            query.add("WHERE " + windowFilter.get());
        }
        else if (random.nextBoolean()) {
            Column column = schema.columns().get(random.nextInt(schema.size()));
            expressions.filter(column).ifPresent(filter -> query.add("WHERE " + filter));
        }
        return new Query(render(query), output.columns(), grain);
    }

    /** {@code parent AS (SELECT keys, some columns FROM schema.parent [WHERE ...])}; returns its columns. */
    private Schema importCte(SourceTable parent, int nonKeys, String requiredKey) {
        Schema source = parent.schema();
        Schema schema = new Schema();
        List<Column> keys = source.keys();
        for (Column key : keys) {
            if (schema.keys().size() < MAX_KEYS || key.name().equals(requiredKey)) {
                schema.add(key);
            }
        }
        List<Column> others = new ArrayList<>(source.nonKeys());
        java.util.Collections.shuffle(others, random);
        others.subList(0, Math.min(nonKeys, others.size())).stream()
                .sorted(java.util.Comparator.comparingInt(column -> source.columns().indexOf(column)))
                .forEach(schema::add);
        List<String> body = new ArrayList<>(select(schema.columns().stream().map(Column::name).toList(), 1));
        body.add("FROM " + parent.name());
        if (random.nextInt(3) == 0) {
            Column column = schema.columns().get(random.nextInt(schema.size()));
            expressions.filter(column).ifPresent(filter -> body.add("WHERE " + filter));
        }
        ctes.add(cte(parent.table(), body));
        return schema;
    }

    /** Joins every import on a key it shares with those before it. */
    private Schema join(List<String> imports, List<Schema> schemas) {
        Schema joined = new Schema();
        List<String> items = new ArrayList<>();
        List<String> from = new ArrayList<>();
        from.add("FROM " + imports.get(0) + " AS " + ALIASES[0]);
        for (Column column : schemas.get(0).columns()) {
            joined.add(column);
            items.add(ALIASES[0] + "." + column.name());
        }
        for (int i = 1; i < imports.size(); i++) {
            Schema schema = schemas.get(i);
            String alias = ALIASES[i];
            List<String> conditions = new ArrayList<>();
            for (Column key : schema.keys()) {
                int owner = firstImportWith(schemas, i, key.name());
                if (owner >= 0 && conditions.size() < 2) {
                    conditions.add(alias + "." + key.name() + " = " + ALIASES[owner] + "." + key.name());
                }
            }
            if (conditions.isEmpty()) {
                throw new IllegalStateException("Generator bug: " + imports.get(i) + " shares no key with earlier parents");
            }
            from.add((random.nextInt(4) == 0 ? "JOIN " : "LEFT JOIN ") + imports.get(i) + " AS " + alias);
            from.add("  ON " + String.join("\n      AND ", conditions));
            for (Column column : schema.columns()) {
                if (column.type() == ColumnType.KEY) {
                    if (!joined.has(column.name()) && joined.keys().size() < MAX_KEYS) {
                        joined.add(column);
                        items.add(alias + "." + column.name());
                    }
                    continue;
                }
                String name = joined.addUnique(column.name(), column.type());
                items.add(alias + "." + column.name() + (name.equals(column.name()) ? "" : " AS " + name));
            }
        }
        List<String> body = new ArrayList<>(select(items, 1));
        from.forEach(line -> body.add(line));
        ctes.add(cte("joined", body));
        return joined;
    }

    private static int firstImportWith(List<Schema> schemas, int before, String key) {
        for (int i = 0; i < before; i++) {
            if (schemas.get(i).has(key)) {
                return i;
            }
        }
        return -1;
    }

    /** One row shape for every parent: the shared key, where it came from, a metric and a date. */
    private Schema union(List<String> imports, List<Schema> schemas, List<SourceTable> parents, String key) {
        List<String> body = new ArrayList<>();
        for (int i = 0; i < imports.size(); i++) {
            Schema schema = schemas.get(i);
            String metric = schema.any(ColumnType.NUMBER, random).map(Column::name).orElse("0");
            String date = schema.temporal(random).map(Column::name).orElse("NULL");
            if (i > 0) {
                body.add("UNION ALL");
            }
            body.addAll(select(List.of(
                    key,
                    "'" + parents.get(i).name() + "' AS source_model",
                    "CAST(" + metric + " AS DECIMAL(18, 2)) AS metric_value",
                    "CAST(" + date + " AS DATE) AS activity_date"), 1));
            body.add("FROM " + imports.get(i));
        }
        ctes.add(cte("unioned", body));
        return new Schema(List.of(
                new Column(key, ColumnType.KEY),
                new Column("source_model", ColumnType.STRING),
                new Column("metric_value", ColumnType.NUMBER),
                new Column("activity_date", ColumnType.DATE)));
    }

    private List<Column> groupKeys(Schema schema, String requiredKey) {
        List<Column> keys = new ArrayList<>(schema.keys());
        if (requiredKey != null) {
            return List.of(schema.column(requiredKey).orElseThrow());
        }
        java.util.Collections.shuffle(keys, random);
        return keys.subList(0, Math.min(keys.size(), 1 + random.nextInt(2)));
    }

    private Schema aggregate(String from, Schema input, List<Column> groupKeys) {
        Schema output = new Schema();
        List<String> items = new ArrayList<>();
        for (Column key : groupKeys) {
            output.add(key);
            items.add(key.name());
        }
        items.add("count(*) AS " + output.addUnique("row_count", ColumnType.NUMBER));
        List<Column> others = new ArrayList<>(input.columns());
        others.removeAll(groupKeys);
        java.util.Collections.shuffle(others, random);
        for (Column column : others.subList(0, Math.min(others.size(), 3 + random.nextInt(4)))) {
            items.addAll(expressions.aggregates(column, output));
        }
        List<String> body = new ArrayList<>(select(items, 1));
        body.add("FROM " + from);
        body.add("GROUP BY " + String.join(", ", groupKeys.stream().map(Column::name).toList()));
        ctes.add(cte("aggregated", body));
        return output;
    }

    private Schema window(String from, Schema input, String rankName) {
        Schema output = new Schema(input.columns());
        List<Column> keys = input.keys();
        String partition = keys.get(random.nextInt(keys.size())).name();
        String order = input.temporal(random)
                .or(() -> input.any(ColumnType.NUMBER, random))
                .map(Column::name)
                .orElse(partition);
        String over = "OVER (PARTITION BY " + partition + " ORDER BY " + order + " DESC)";
        List<String> items = new ArrayList<>();
        items.add("*");
        output.add(new Column(rankName, ColumnType.NUMBER));
        items.add("row_number() " + over + " AS " + rankName);
        Optional<Column> metric = input.any(ColumnType.NUMBER, random);
        if (metric.isPresent()) {
            String m = metric.get().name();
            String base = Schema.root(m);
            items.add("sum(" + m + ") OVER (PARTITION BY " + partition + " ORDER BY " + order
                    + " ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS " + output.addUnique(base + "_rolling", ColumnType.NUMBER));
            items.add("lag(" + m + ") " + over + " AS " + output.addUnique(base + "_previous", ColumnType.NUMBER));
            items.add("avg(" + m + ") OVER (PARTITION BY " + partition + ") AS "
                    + output.addUnique(base + "_partition_avg", ColumnType.NUMBER));
        }
        else {
            items.add("dense_rank() " + over + " AS " + output.addUnique("dense_rank", ColumnType.NUMBER));
        }
        List<String> body = new ArrayList<>(select(items, 1));
        body.add("FROM " + from);
        ctes.add(cte("windowed", body));
        return output;
    }

    private void addDerived(Schema input, Schema output, List<String> items, int count) {
        List<Column> candidates = input.columns();
        for (int i = 0; i < count; i++) {
            Column column = candidates.get(random.nextInt(candidates.size()));
            items.add(expressions.derived(column, input, output));
        }
    }

    private static List<String> select(List<String> items, int indent) {
        String pad = "  ".repeat(indent);
        List<String> lines = new ArrayList<>();
        lines.add("SELECT");
        for (int i = 0; i < items.size(); i++) {
            lines.add(pad + items.get(i) + (i + 1 < items.size() ? "," : ""));
        }
        return lines;
    }

    private static String cte(String name, List<String> body) {
        StringBuilder text = new StringBuilder(name).append(" AS (\n");
        for (String line : body) {
            text.append("  ").append(line).append('\n');
        }
        return text.append(")").toString();
    }

    private String render(List<String> query) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ctes.size(); i++) {
            text.append(i == 0 ? "WITH " : "").append(ctes.get(i)).append(i + 1 < ctes.size() ? ",\n" : "\n");
        }
        for (String line : query) {
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
