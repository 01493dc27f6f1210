package dev.veneer.spark.apply;

import static dev.veneer.spark.sql.SqlIdentifiers.quote;

import dev.veneer.catalog.Interval;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.project.KindOptions;
import dev.veneer.planner.sql.MacroVariables;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The statements that put one batch of a model's data into its physical table, per kind and table
 * format. Pure, so they are tested without Spark. Every statement that changes data is one atomic
 * commit on Delta and Iceberg alike (DESIGN.md rule 5): a time range is replaced, never deleted then
 * inserted; keys are matched null-safely ({@code <=>}).
 */
final class MaterializationStatements {
    static final String SOURCE = "__veneer_source";
    static final String TARGET = "__veneer_target";
    private static final String EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private MaterializationStatements() {}

    /** What a first build of {@code step} runs, statement by statement, as the runner would on an empty state. */
    static List<String> firstBuild(BuildStep step, Instant executionTime) {
        dev.veneer.planner.project.ModelKind kind = dev.veneer.planner.project.ModelKind.valueOf(step.kind());
        Interval whole = step.intervals().isEmpty()
                ? new Interval(step.schedule().intervalUnit().plus(step.schedule().intervalUnit().floor(executionTime), -1),
                        step.schedule().intervalUnit().floor(executionTime))
                : new Interval(step.intervals().get(0).start(), step.intervals().get(step.intervals().size() - 1).end());
        return switch (kind) {
            case VIEW -> List.of(DdlStatements.build(step));
            case INCREMENTAL_BY_TIME_RANGE -> {
                List<String> statements = new java.util.ArrayList<>();
                statements.add(createEmpty(step, query(step, whole, executionTime)));
                step.batches().forEach(batch -> statements.add(replaceRange(step, query(step, batch, executionTime), batch)));
                yield statements;
            }
            case SCD_TYPE_2, SCD_TYPE_2_BY_COLUMN -> List.of(scdFirstLoad(step, query(step, whole, executionTime)));
            default -> List.of(replaceTable(step, query(step, whole, executionTime)));
        };
    }

    /** The model's query for one batch: macro variables replaced by the batch's literals. */
    static String query(BuildStep step, Interval batch, Instant executionTime) {
        return step.template().render(MacroVariables.values(batch, executionTime));
    }

    /** FULL and SEED, and the first load of a merged kind: the table replaced whole, in one commit. */
    static String replaceTable(BuildStep step, String query) {
        return """
                CREATE OR REPLACE TABLE %s
                USING %s%s
                AS
                %s""".formatted(target(step), format(step), DdlStatements.partitioning(step.partitionedBy()), query);
    }

    /** A time-ranged model's table before its first batch: the query's columns, no rows. */
    static String createEmpty(BuildStep step, String query) {
        return """
                CREATE TABLE IF NOT EXISTS %s
                USING %s%s
                AS
                SELECT * FROM (
                %s
                ) AS %s
                WHERE false""".formatted(target(step), format(step), DdlStatements.partitioning(step.partitionedBy()), query, SOURCE);
    }

    /**
     * Replaces exactly the rows of {@code batch}, writing only the query's rows inside it. Delta does
     * it natively with {@code REPLACE WHERE}. Iceberg's overwrite-by-filter refuses a data file that
     * holds rows on both sides of the range (it cannot split files), so for Iceberg the same atomic
     * replacement is a MERGE that deletes the target's rows in the range and inserts the batch.
     */
    static String replaceRange(BuildStep step, String query, Interval batch) {
        String column = step.options().timeColumn().orElseThrow(() ->
                new IllegalArgumentException(step.model() + " has no time column"));
        if (step.tableFormat().equalsIgnoreCase("delta")) {
            String inRange = inRange(quote(column), step.options(), batch);
            return """
                    INSERT INTO %s
                    REPLACE WHERE %s
                    SELECT * FROM (
                    %s
                    ) AS %s
                    WHERE %s""".formatted(target(step), inRange, query, SOURCE, inRange);
        }
        return """
                MERGE INTO %s AS %s
                USING (
                  SELECT * FROM (
                %s
                  ) AS %s
                  WHERE %s
                ) AS %s
                ON false
                WHEN NOT MATCHED THEN INSERT *
                WHEN NOT MATCHED BY SOURCE AND %s THEN DELETE""".formatted(target(step), TARGET, query, SOURCE + "_rows",
                inRange(quote(SOURCE + "_rows") + "." + quote(column), step.options(), batch), SOURCE,
                inRange(quote(TARGET) + "." + quote(column), step.options(), batch));
    }

    /**
     * INCREMENTAL_BY_UNIQUE_KEY after its first load: matched keys updated, new keys inserted. The
     * aliases are {@code target} and {@code source}, the names a header's {@code when_matched} uses.
     */
    static String mergeByKey(BuildStep step, String query) {
        String whenMatched = step.options().whenMatched().orElse("WHEN MATCHED THEN UPDATE SET *");
        return """
                MERGE INTO %s AS target
                USING (
                %s
                ) AS source
                ON %s
                %s
                WHEN NOT MATCHED THEN INSERT *""".formatted(target(step), query,
                keysMatch(step.options().uniqueKey(), "target", "source"), whenMatched);
    }

    /** The first load of an SCD type 2 model: every row a current version, valid since the beginning of time. */
    static String scdFirstLoad(BuildStep step, String query) {
        KindOptions options = step.options();
        return replaceTable(step, """
                SELECT %s.*, %s AS %s, CAST(NULL AS TIMESTAMP) AS %s FROM (
                %s
                ) AS %s""".formatted(quote(SOURCE), EPOCH, quote(options.validFromName()), quote(options.validToName()), query,
                quote(SOURCE)));
    }

    /**
     * One SCD type 2 step as one MERGE: a changed row closes its current version and opens a new
     * one; a new key opens its first; with {@code invalidate_hard_deletes}, a key gone from the source
     * closes its current version. Each changed row comes twice: once to match (and close) the current
     * version by key, once never matching (to insert the new version). A marker column tells them
     * apart, since a NULL merge key would match NULL keys under {@code <=>}.
     *
     * @param columns the model's own columns (the table's, less the two managed ones)
     */
    static String scdMerge(BuildStep step, String query, List<String> columns, Instant executionTime) {
        KindOptions options = step.options();
        List<String> key = options.uniqueKey();
        String now = "TIMESTAMP " + SqlIdentifiers.literal(MICROS.format(executionTime));
        String validFrom = quote(options.validFromName());
        String validTo = quote(options.validToName());
        String rows = quote(SOURCE + "_rows");
        String current = quote(SOURCE + "_current");
        String source = quote(SOURCE);
        String target = quote(TARGET);
        String insertColumns = columns.stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
        String insertValues = columns.stream().map(column -> source + "." + quote(column)).collect(Collectors.joining(", "));
        String hardDeletes = options.invalidateHardDeletes()
                ? "\nWHEN NOT MATCHED BY SOURCE AND %s.%s IS NULL THEN UPDATE SET %s = %s".formatted(target, validTo, validTo, now)
                : "";
        // The source query is written out in both branches, not in a CTE: Iceberg's MERGE rewrite
        // cannot read a Delta table referenced from a CTE inside its source ("Table does not support reads").
        return """
                MERGE INTO %s AS %s
                USING (
                  SELECT %s.*, true AS __veneer_match FROM (
                %s
                  ) AS %s
                  UNION ALL
                  SELECT %s.*, false AS __veneer_match FROM (
                %s
                  ) AS %s
                  JOIN (SELECT * FROM %s WHERE %s IS NULL) AS %s ON %s
                  WHERE %s
                ) AS %s
                ON %s.__veneer_match AND %s AND %s.%s IS NULL
                WHEN MATCHED AND %s THEN UPDATE SET %s = %s
                WHEN NOT MATCHED THEN INSERT (%s, %s, %s) VALUES (%s, %s, NULL)%s""".formatted(
                target(step), target,
                rows, query, rows,
                rows, query, rows,
                target(step), validTo, current, keysMatch(key, current, rows),
                changed(options, columns, rows, current),
                source,
                source, keysMatch(key, target, source), target, validTo,
                changed(options, columns, source, target), validTo, opensAt(options, source, now),
                insertColumns, validFrom, validTo, insertValues, opensAt(options, source, now),
                hardDeletes);
    }

    /** Whether the row {@code newer} is a new version of {@code older}: a later updated_at, or a compared column differs. */
    private static String changed(KindOptions options, List<String> columns, String newer, String older) {
        if (options.updatedAtColumn().isPresent()) {
            String updatedAt = quote(options.updatedAtColumn().get());
            return "%s.%s > %s.%s".formatted(newer, updatedAt, older, updatedAt);
        }
        return "NOT (" + compared(options, columns, options.uniqueKey()).stream()
                .map(column -> "%s.%s <=> %s.%s".formatted(newer, quote(column), older, quote(column)))
                .collect(Collectors.joining(" AND ")) + ")";
    }

    /** When a new version starts: its updated_at for SCD by time, the execution time by column. */
    private static String opensAt(KindOptions options, String source, String now) {
        return options.updatedAtColumn()
                .map(column -> "CAST(%s.%s AS TIMESTAMP)".formatted(source, quote(column)))
                .orElse(now);
    }

    /** The columns whose change opens a new version: those named, or every column but the key. */
    static List<String> compared(KindOptions options, List<String> columns, List<String> key) {
        if (!options.scdAllColumns()) {
            return options.scdColumns();
        }
        return columns.stream().filter(column -> key.stream().noneMatch(column::equalsIgnoreCase)).toList();
    }

    /** {@code start <= column < end}, in the column's own terms: a formatted string or a timestamp. */
    static String inRange(String column, KindOptions options, Interval batch) {
        if (options.timeFormat().isPresent()) {
            DateTimeFormatter format = DateTimeFormatter.ofPattern(options.timeFormat().get(), Locale.ROOT).withZone(ZoneOffset.UTC);
            return "%s >= %s AND %s < %s".formatted(column, SqlIdentifiers.literal(format.format(batch.start())), column,
                    SqlIdentifiers.literal(format.format(batch.end())));
        }
        return "%s >= TIMESTAMP %s AND %s < TIMESTAMP %s".formatted(column, SqlIdentifiers.literal(MICROS.format(batch.start())),
                column, SqlIdentifiers.literal(MICROS.format(batch.end())));
    }

    private static String keysMatch(List<String> key, String left, String right) {
        return key.stream().map(column -> "%s.%s <=> %s.%s".formatted(left, quote(column), right, quote(column)))
                .collect(Collectors.joining(" AND "));
    }

    private static String target(BuildStep step) {
        return DdlStatements.targetName(step);
    }

    private static String format(BuildStep step) {
        return step.tableFormat().toLowerCase(Locale.ROOT);
    }
}
