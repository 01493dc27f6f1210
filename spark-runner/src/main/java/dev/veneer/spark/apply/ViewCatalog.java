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
import org.apache.spark.sql.hive.client.HiveClientImpl;
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

    /**
     * An existing view: as stored in the Hive metastore (what a repoint rewrites), or, on another
     * catalog, as Spark reads it; and the columns it records.
     */
    record ExistingView(CatalogTable view, CatalogTable stored, StructType schema) {}

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
     * metastore call. Tables, missing names and (on Hive) views without the schema Spark records
     * for them (made by another tool) are left out.
     */
    Map<String, ExistingView> existingViews(String schema, List<String> names) {
        Map<String, ExistingView> views = new HashMap<>();
        String database = schema.toLowerCase(Locale.ROOT);
        if (names.isEmpty() || !catalog().databaseExists(database)) {
            return views;
        }
        var lowered = CollectionConverters.asScala(names.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().toList()).toSeq();
        HiveClient client = hiveClient();
        if (client != null) {
            for (CatalogTable table : CollectionConverters.asJava(client.getTablesByName(database, lowered))) {
                Option<StructType> recorded = recordedSchema(table);
                if (table.tableType().equals(CatalogTableType$.MODULE$.VIEW()) && recorded.isDefined()) {
                    views.put(table.identifier().table().toLowerCase(Locale.ROOT), new ExistingView(null, table, recorded.get()));
                }
            }
            return views;
        }
        for (CatalogTable table : CollectionConverters.asJava(catalog().getTablesByName(database, lowered))) {
            if (table.tableType().equals(CatalogTableType$.MODULE$.VIEW())) {
                views.put(table.identifier().table().toLowerCase(Locale.ROOT), new ExistingView(table, null, table.schema()));
            }
        }
        return views;
    }

    /**
     * The columns a view stored in the Hive metastore records, read from its table properties as
     * Spark's {@code HiveExternalCatalog} restores them (so the views are read once, not once raw and
     * once restored); none when Spark's schema property is missing.
     */
    private static Option<StructType> recordedSchema(CatalogTable stored) {
        if (stored.properties().contains(HiveExternalCatalog.DATASOURCE_PROVIDER())) {
            return Option.empty();
        }
        Option<String> json = CatalogTable.readLargeTableProp(stored.properties(), HiveExternalCatalog.DATASOURCE_SCHEMA());
        if (json.isEmpty()) {
            return Option.empty();
        }
        return Option.apply(org.apache.spark.sql.catalyst.util.CharVarcharUtils.getRawSchema(
                (StructType) org.apache.spark.sql.types.DataType.fromJson(json.get())));
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
        return view.schema().equals(schema);
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

    /**
     * Whether {@link #repointWithOwnClient} can be used: the session catalog is Spark's Hive
     * catalog (embedded Derby or a team's metastore) with Spark's own client.
     */
    boolean repointsWithOwnClients() {
        return hiveClient() instanceof HiveClientImpl;
    }

    /**
     * {@link #repoint} through the calling thread's own metastore client (Hive's per-thread one),
     * outside the lock Spark's Hive client takes for each of its calls: several threads repoint views
     * side by side, each in its own metastore transaction (an embedded metastore gives each thread
     * its own object store and database connection). The same write as {@link #repoint}: the stored
     * entry with a new text, every property as it was, the catalog's alter events posted. The
     * thread's client is closed by {@link #closeThreadClient()}.
     *
     * <p>When the metastore runs embedded in this JVM with Hive's own object store and no listener
     * configured (the embedded Derby lakehouse, a team's JDBC metastore without hooks), the write
     * goes straight to the thread's object store: the metastore's alter would read the stored table
     * twice more (for its listeners and its checks) before the same write, and with the columns
     * unchanged its checks and column-statistics step have nothing to do. Otherwise it goes through
     * the metastore client's {@code alter_table}, listeners and all.
     */
    void repointWithOwnClient(ExistingView existing, String query) {
        HiveClientImpl client = (HiveClientImpl) hiveClient();
        CatalogTable stored = existing.stored();
        String database = stored.identifier().database().get();
        String name = stored.identifier().table();
        // As Spark's HiveClientImpl.alterTable: the Hive-only properties it hid on reading go back in.
        @SuppressWarnings("unchecked")
        scala.collection.immutable.Map<String, String> properties =
                (scala.collection.immutable.Map<String, String>) (Object) stored.ignoredProperties().$plus$plus(stored.properties());
        org.apache.hadoop.hive.metastore.api.Table table = HiveClientImpl.toHiveTable(withText(stored, query, properties),
                Option.apply(client.userName())).getTTable();
        // As Hive.alterTable: the metastore sets the DDL time of the change itself.
        if (table.getParameters() != null) {
            table.getParameters().remove(org.apache.hadoop.hive.metastore.api.hive_metastoreConstants.DDL_TIME);
        }
        ExternalCatalog catalog = catalog();
        ExternalCatalogWithListener listened = catalog instanceof ExternalCatalogWithListener bus ? bus : null;
        if (listened != null) {
            listened.postToAll(new AlterTablePreEvent(database, name, AlterTableKind$.MODULE$.TABLE()));
        }
        try {
            org.apache.hadoop.hive.conf.HiveConf conf = client.conf();
            if (writesStraightToStore(conf)) {
                // What the metastore's alter adds before writing: the time of the change.
                table.putToParameters(org.apache.hadoop.hive.metastore.api.hive_metastoreConstants.DDL_TIME,
                        Long.toString(System.currentTimeMillis() / 1000));
                org.apache.hadoop.hive.metastore.HiveMetaStore.HMSHandler.getMSForConf(conf).alterTable(database, name, table);
            }
            else {
                org.apache.hadoop.hive.ql.metadata.Hive.getWithoutRegisterFns(conf).getMSC()
                        .alter_table_with_environmentContext(database, name, table, new org.apache.hadoop.hive.metastore.api.EnvironmentContext());
            }
        }
        catch (org.apache.hadoop.hive.ql.metadata.HiveException | org.apache.thrift.TException e) {
            throw new IllegalStateException("cannot repoint view " + database + "." + name + ": " + e.getMessage(), e);
        }
        if (listened != null) {
            listened.postToAll(new AlterTableEvent(database, name, AlterTableKind$.MODULE$.TABLE()));
        }
    }

    /** Closes the calling thread's own metastore client and object store, if {@link #repointWithOwnClient} opened them. */
    static void closeThreadClient() {
        org.apache.hadoop.hive.ql.metadata.Hive.closeCurrent();
        org.apache.hadoop.hive.metastore.RawStore store = org.apache.hadoop.hive.metastore.HiveMetaStore.HMSHandler.getRawStore();
        if (store != null) {
            store.shutdown();
            org.apache.hadoop.hive.metastore.HiveMetaStore.HMSHandler.removeRawStore();
        }
    }

    /** The metastore runs in this JVM with Hive's object store, and nothing listens to its changes. */
    static boolean writesStraightToStore(org.apache.hadoop.hive.conf.HiveConf conf) {
        return conf.get("hive.metastore.uris", "").isBlank()
                && conf.get("hive.metastore.rawstore.impl", "org.apache.hadoop.hive.metastore.ObjectStore")
                        .equals("org.apache.hadoop.hive.metastore.ObjectStore")
                && List.of("hive.metastore.pre.event.listeners", "hive.metastore.event.listeners",
                        "hive.metastore.transactional.event.listeners").stream()
                        .allMatch(listeners -> conf.get(listeners, "").isBlank());
    }

    private static CatalogTable withText(CatalogTable view, String query) {
        return withText(view, query, view.properties());
    }

    private static CatalogTable withText(CatalogTable view, String query, scala.collection.immutable.Map<String, String> properties) {
        Option<String> text = Option.apply(query);
        return view.copy(view.copy$default$1(), view.copy$default$2(), view.copy$default$3(),
                view.copy$default$4(), view.copy$default$5(), view.copy$default$6(), view.copy$default$7(),
                view.copy$default$8(), view.copy$default$9(), view.copy$default$10(), view.copy$default$11(),
                properties, view.copy$default$13(), text, view.copy$default$15(), view.copy$default$16(),
                view.copy$default$17(), view.copy$default$18(), view.copy$default$19(), view.copy$default$20(), text);
    }
}
