package dev.veneer.spark.apply;

import static dev.veneer.spark.sql.SqlIdentifiers.quote;
import static dev.veneer.spark.sql.SqlIdentifiers.quoteParts;

import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The text of every statement an apply runs; pure, so it is tested without Spark. */
final class DdlStatements {
    /** Environment views live in the session catalog, where notebooks and BI tools look. */
    static final String VIEW_CATALOG = "spark_catalog";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Iceberg partition transforms: {@code days(ts)}, {@code bucket(16, id)}, {@code truncate(4, name)}. */
    private static final Pattern TRANSFORM = Pattern.compile(
            "(years|months|days|hours|bucket|truncate)\\s*\\(\\s*(?:(\\d+)\\s*,\\s*)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\)",
            Pattern.CASE_INSENSITIVE);

    private DdlStatements() {}

    /** {@code CREATE SCHEMA IF NOT EXISTS} for the catalog and schema of a 2- or 3-part table name. */
    static String createSchemaOf(String table) {
        return "CREATE SCHEMA IF NOT EXISTS " + quoteParts(schemaOf(table));
    }

    /** The catalog (if named) and schema of a table name, without the table. */
    static List<String> schemaOf(String table) {
        List<String> parts = SqlIdentifiers.split(table);
        if (parts.size() < 2 || parts.size() > 3) {
            throw new IllegalArgumentException("expected [catalog.]schema.table, got '" + table + "'");
        }
        return parts.subList(0, parts.size() - 1);
    }

    /** The statement that materializes one build step, replacing a partial build of the same version. */
    static String build(BuildStep step) {
        String target = SqlIdentifiers.quoteQualified(step.physicalTable());
        return switch (step.kind().toUpperCase(Locale.ROOT)) {
            case "FULL" -> """
                    CREATE OR REPLACE TABLE %s
                    USING %s%s
                    AS
                    %s""".formatted(target, step.tableFormat().toLowerCase(Locale.ROOT), partitioning(step.partitionedBy()), step.sql());
            case "VIEW" -> """
                    CREATE OR REPLACE VIEW %s
                    AS
                    %s""".formatted(target, step.sql());
            default -> throw new IllegalArgumentException("cannot build kind " + step.kind());
        };
    }

    /** {@code spark_catalog.schema__env.m AS SELECT * FROM physical}. */
    static String createOrReplaceView(List<String> view, String physicalTable) {
        return "CREATE OR REPLACE VIEW " + quoteParts(view) + " AS " + viewQuery(physicalTable);
    }

    /** The query of an environment view: what {@link #createOrReplaceView} stores as the view's text. */
    static String viewQuery(String physicalTable) {
        return "SELECT * FROM " + SqlIdentifiers.quoteQualified(physicalTable);
    }

    static String dropView(List<String> view) {
        return "DROP VIEW IF EXISTS " + quoteParts(view);
    }

    static String createSchema(List<String> catalogAndSchema) {
        return "CREATE SCHEMA IF NOT EXISTS " + quoteParts(catalogAndSchema);
    }

    /** Whether a {@code partitioned_by} entry is something {@link #build} can render. */
    static boolean isValidPartitionExpression(String expression) {
        return IDENTIFIER.matcher(expression.trim()).matches() || TRANSFORM.matcher(expression.trim()).matches();
    }

    /** The quoted name of a step's physical table. */
    static String targetName(BuildStep step) {
        return SqlIdentifiers.quoteQualified(step.physicalTable());
    }

    static String partitioning(List<String> columns) {
        if (columns.isEmpty()) {
            return "";
        }
        return "\nPARTITIONED BY (" + columns.stream().map(DdlStatements::partitionExpression).collect(Collectors.joining(", ")) + ")";
    }

    private static String partitionExpression(String expression) {
        String text = expression.trim();
        if (IDENTIFIER.matcher(text).matches()) {
            return quote(text);
        }
        Matcher transform = TRANSFORM.matcher(text);
        if (transform.matches()) {
            String width = transform.group(2) == null ? "" : transform.group(2) + ", ";
            return transform.group(1).toLowerCase(Locale.ROOT) + "(" + width + quote(transform.group(3)) + ")";
        }
        throw new IllegalArgumentException("unsupported partition expression '" + expression + "'");
    }
}
