package dev.veneer.spark.janitor;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.state.PreviewRecord;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The janitor's reach into the lakehouse: existence checks, view texts and listings through the
 * session catalog's metastore (one call each, no table metadata loaded), and drops as SQL built from
 * quoted identifiers. Iceberg tables share the metastore, so they are listed there too and dropped
 * through the Iceberg catalog, with {@code PURGE} so their files go as well.
 */
final class LakehouseObjects {
    static final String SESSION_CATALOG = "spark_catalog";

    private final SparkSession spark;
    private final String icebergCatalog;

    LakehouseObjects(SparkSession spark, String icebergCatalog) {
        this.spark = requireNonNull(spark, "spark is null");
        this.icebergCatalog = requireNonNull(icebergCatalog, "icebergCatalog is null");
    }

    /** What the sweep needs to know of a table in a physical schema. */
    record TableInfo(String schema, String name, Instant createdAt, boolean isView, boolean isIceberg) {
        String key() {
            return schema + "." + name;
        }

        String qualifiedName(String icebergCatalog) {
            return (isIceberg ? icebergCatalog : SESSION_CATALOG) + "." + key();
        }
    }

    boolean exists(String physicalTable) {
        List<String> parts = parts(physicalTable);
        return metastore().tableExists(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
    }

    /** The SQL text of a physical view; empty if it does not exist or is not a view. */
    Optional<String> viewText(String physicalTable) {
        List<String> parts = parts(physicalTable);
        String schema = parts.get(parts.size() - 2);
        String name = parts.get(parts.size() - 1);
        try {
            if (!metastore().tableExists(schema, name)) {
                return Optional.empty();
            }
            CatalogTable table = metastore().getTable(schema, name);
            return table.viewText().isDefined() ? Optional.of(table.viewText().get()) : Optional.empty();
        }
        catch (Exception e) {
            return Optional.empty();
        }
    }

    void dropView(String view) {
        spark.sql("DROP VIEW IF EXISTS " + SqlIdentifiers.quoteParts(withSessionCatalog(view)));
    }

    void createOrReplaceView(String view, String physicalTable) {
        List<String> parts = withSessionCatalog(view);
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + SqlIdentifiers.quoteParts(parts.subList(0, 2)));
        spark.sql("CREATE OR REPLACE VIEW " + SqlIdentifiers.quoteParts(parts) + " AS SELECT * FROM " + SqlIdentifiers.quoteQualified(physicalTable));
    }

    /** Drops a schema only if it is empty; false if it holds anything. */
    boolean dropSchemaIfEmpty(String schema) {
        if (!metastore().databaseExists(schema)) {
            return true;
        }
        if (!metastore().listTables(schema).isEmpty()) {
            return false;
        }
        spark.sql("DROP SCHEMA IF EXISTS " + SqlIdentifiers.quoteParts(List.of(SESSION_CATALOG, schema)));
        return true;
    }

    /**
     * Drops a physical table or view. A name in the Iceberg catalog, or a table whose format is
     * Iceberg, goes with {@code PURGE}; a view in the session catalog with {@code DROP VIEW}.
     */
    void drop(String physicalTable, boolean isView, String tableFormat) {
        List<String> parts = parts(physicalTable);
        String schema = parts.get(parts.size() - 2);
        String name = parts.get(parts.size() - 1);
        boolean iceberg = "iceberg".equalsIgnoreCase(tableFormat)
                || (parts.size() == 3 && parts.get(0).equalsIgnoreCase(icebergCatalog));
        if (!isView && !iceberg && metastore().tableExists(schema, name)) {
            isView = metastore().getTable(schema, name).tableType() == CatalogTableType.VIEW();
        }
        if (isView) {
            spark.sql("DROP VIEW IF EXISTS " + SqlIdentifiers.quoteParts(List.of(SESSION_CATALOG, schema, name)));
        }
        else if (iceberg) {
            spark.sql("DROP TABLE IF EXISTS " + SqlIdentifiers.quoteParts(List.of(icebergCatalog, schema, name)) + " PURGE");
        }
        else {
            spark.sql("DROP TABLE IF EXISTS " + SqlIdentifiers.quoteParts(List.of(SESSION_CATALOG, schema, name)));
        }
    }

    /**
     * Drops the objects of a forward-only preview, whichever were made: a Delta shallow clone (its own
     * files only: the table it reads keeps its own), or an Iceberg preview's view, branch and range
     * table. Idempotent.
     */
    void dropPreview(PreviewRecord preview) {
        if (preview.tableFormat().equalsIgnoreCase("delta")) {
            spark.sql("DROP TABLE IF EXISTS " + SqlIdentifiers.quoteQualified(preview.preview()));
            return;
        }
        List<String> view = parts(preview.preview());
        if (metastore().tableExists(view.get(view.size() - 2), view.get(view.size() - 1))) {
            spark.sql("DROP VIEW IF EXISTS " + SqlIdentifiers.quoteQualified(preview.preview()));
        }
        if (preview.branch() != null && exists(preview.sourceTable())) {
            spark.sql("ALTER TABLE " + SqlIdentifiers.quoteQualified(preview.sourceTable()) + " DROP BRANCH IF EXISTS "
                    + SqlIdentifiers.quote(preview.branch()));
        }
        if (preview.rowsTable() != null) {
            spark.sql("DROP TABLE IF EXISTS " + SqlIdentifiers.quoteQualified(preview.rowsTable()) + " PURGE");
        }
    }

    List<String> schemasLike(String pattern) {
        return CollectionConverters.asJava(metastore().listDatabases(pattern)).stream().map(schema -> schema.toLowerCase(Locale.ROOT)).toList();
    }

    List<TableInfo> tables(String schema) {
        if (!metastore().databaseExists(schema)) {
            return List.of();
        }
        List<TableInfo> tables = new ArrayList<>();
        for (String name : CollectionConverters.asJava(metastore().listTables(schema))) {
            CatalogTable table = metastore().getTable(schema, name);
            String type = table.properties().get("table_type").getOrElse(() -> "");
            tables.add(new TableInfo(schema.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT), Instant.ofEpochMilli(table.createTime()),
                    table.tableType() == CatalogTableType.VIEW(), type.equalsIgnoreCase("ICEBERG")));
        }
        return tables;
    }

    /** {@code [catalog, ]schema, name}, validated: every part a plain identifier. */
    static List<String> parts(String physicalTable) {
        List<String> parts = SqlIdentifiers.split(physicalTable);
        if (parts.size() < 2 || parts.size() > 3) {
            throw new IllegalArgumentException("expected [catalog.]schema.table, got '" + physicalTable + "'");
        }
        return parts;
    }

    /** {@code schema.table}, lower-case, without the catalog. */
    static String key(List<String> parts) {
        return (parts.get(parts.size() - 2) + "." + parts.get(parts.size() - 1)).toLowerCase(Locale.ROOT);
    }

    static String firstLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }

    private static List<String> withSessionCatalog(String view) {
        List<String> parts = SqlIdentifiers.split(view);
        return parts.size() == 2 ? List.of(SESSION_CATALOG, parts.get(0), parts.get(1)) : parts;
    }

    private ExternalCatalog metastore() {
        return spark.sharedState().externalCatalog();
    }
}
