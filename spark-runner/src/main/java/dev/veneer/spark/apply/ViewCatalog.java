package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.AlterTableEvent;
import org.apache.spark.sql.catalyst.catalog.AlterTableKind$;
import org.apache.spark.sql.catalyst.catalog.AlterTablePreEvent;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType$;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogWithListener;
import org.apache.spark.sql.hive.HiveExternalCatalog;
import org.apache.spark.sql.hive.client.HiveClient;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Environment views read and repointed through the session catalog's metastore API, without SQL:
 * a repoint whose new table has the schema the view already records only needs a new query text,
 * so it skips {@code CREATE OR REPLACE VIEW}'s analysis and its drop-then-create of the metastore
 * entry. Anything else is left to SQL by the caller.
 *
 * <p>On Spark's Hive catalog (the embedded Derby metastore and the team's PostgreSQL one) the views
 * are read in one call per schema with the metastore's own properties kept ("raw", as Spark's
 * {@code HiveExternalCatalog} stores them), so a repoint is exactly one metastore write: the stored
 * entry with a new text, every property as it was, and the catalog's alter events posted as
 * {@code ExternalCatalog.alterTable} would. Other catalogs go through {@code ExternalCatalog.alterTable}.
 */
final class ViewCatalog {
    private final SparkSession spark;

    /** An existing view: as Spark reads it (its schema restored), and as stored (what a repoint rewrites). */
    record ExistingView(CatalogTable view, CatalogTable stored) {}

    ViewCatalog(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    private ExternalCatalog catalog() {
        return spark.sessionState().catalog().externalCatalog();
    }

    private HiveClient hiveClient() {
        ExternalCatalog catalog = catalog();
        ExternalCatalog unwrapped = catalog instanceof ExternalCatalogWithListener listened ? listened.unwrapped() : catalog;
        return unwrapped instanceof HiveExternalCatalog hive ? hive.client() : null;
    }

    /**
     * The views among {@code names} that exist in {@code schema}, keyed by lower-case name: one
     * metastore call (two on Hive). Tables and missing names are left out.
     */
    Map<String, ExistingView> existingViews(String schema, List<String> names) {
        Map<String, ExistingView> views = new HashMap<>();
        String database = schema.toLowerCase(Locale.ROOT);
        if (names.isEmpty() || !catalog().databaseExists(database)) {
            return views;
        }
        var lowered = CollectionConverters.asScala(names.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().toList()).toSeq();
        Map<String, CatalogTable> stored = new HashMap<>();
        HiveClient client = hiveClient();
        if (client != null) {
            for (CatalogTable table : CollectionConverters.asJava(client.getTablesByName(database, lowered))) {
                stored.put(table.identifier().table().toLowerCase(Locale.ROOT), table);
            }
        }
        for (CatalogTable table : CollectionConverters.asJava(catalog().getTablesByName(database, lowered))) {
            String name = table.identifier().table().toLowerCase(Locale.ROOT);
            if (table.tableType().equals(CatalogTableType$.MODULE$.VIEW()) && (client == null || stored.containsKey(name))) {
                views.put(name, new ExistingView(table, client == null ? null : stored.get(name)));
            }
        }
        return views;
    }

    /**
     * The schema a view {@code SELECT * FROM physicalTable} would record: the table's columns as
     * Spark resolves them (loads the table's metadata, runs no job).
     */
    StructType schemaOf(String quotedPhysicalTable) {
        return spark.table(quotedPhysicalTable).schema();
    }

    /**
     * Whether {@code view} can take a new query text reading a table of {@code schema} without
     * re-analysis: the columns it records (names, types, nullability, metadata) are exactly those.
     */
    static boolean keepsSchema(ExistingView view, StructType schema) {
        return view.view().schema().equals(schema);
    }

    /** Writes {@code query} as the view's text; everything else it records (schema, properties, owner) stays. */
    void repoint(ExistingView existing, String query) {
        HiveClient client = existing.stored() == null ? null : hiveClient();
        if (client == null) {
            catalog().alterTable(withText(existing.view(), query));
            return;
        }
        CatalogTable stored = existing.stored();
        String database = stored.identifier().database().get();
        String name = stored.identifier().table();
        ExternalCatalog catalog = catalog();
        ExternalCatalogWithListener listened = catalog instanceof ExternalCatalogWithListener bus ? bus : null;
        if (listened != null) {
            listened.postToAll(new AlterTablePreEvent(database, name, AlterTableKind$.MODULE$.TABLE()));
        }
        client.alterTable(withText(stored, query));
        if (listened != null) {
            listened.postToAll(new AlterTableEvent(database, name, AlterTableKind$.MODULE$.TABLE()));
        }
    }

    private static CatalogTable withText(CatalogTable view, String query) {
        Option<String> text = Option.apply(query);
        return view.copy(view.copy$default$1(), view.copy$default$2(), view.copy$default$3(),
                view.copy$default$4(), view.copy$default$5(), view.copy$default$6(), view.copy$default$7(),
                view.copy$default$8(), view.copy$default$9(), view.copy$default$10(), view.copy$default$11(),
                view.copy$default$12(), view.copy$default$13(), text, view.copy$default$15(), view.copy$default$16(),
                view.copy$default$17(), view.copy$default$18(), view.copy$default$19(), view.copy$default$20(), text);
    }
}
