package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.plan.ViewAction;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The virtual layer: creates, repoints or drops exactly the environment views a plan lists.
 *
 * <p>A repoint of an existing view to a table whose columns are those the view records (the usual
 * promotion or rollback) only changes the view's text: it goes through the metastore API in one
 * write ({@link ViewCatalog}), after one batched read of the existing views per schema and one
 * schema lookup per distinct table. Everything else (new views, changed columns, drops, a session
 * holding cached data) runs as SQL, each statement spending ~50 ms in Spark's analyzer and the
 * metastore; both kinds run on a small pool.
 */
final class ViewPublisher {
    /** From this many repoints on, the pool's threads write through metastore clients of their own. */
    static final int OWN_CLIENTS_FROM = 8;

    private final SparkSession spark;
    private final int threads;
    private final ViewCatalog catalog;

    ViewPublisher(SparkSession spark, int threads) {
        this.spark = requireNonNull(spark, "spark is null");
        this.threads = threads;
        this.catalog = new ViewCatalog(spark);
    }

    /**
     * Applies every change; a failing statement does not stop the others.
     *
     * @return the changed views, as {@code schema.view}, in plan order
     * @throws dev.veneer.catalog.VeneerException naming every view that failed
     */
    List<String> publish(String environment, List<ViewChange> changes) throws InterruptedException {
        if (changes.isEmpty()) {
            return List.of();
        }
        createSchemas(environment, changes);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, changes.size()), daemonThreads());
        try {
            Map<ViewChange, ViewCatalog.ExistingView> repointable = repointable(changes, pool);
            // Many repoints: each pool thread writes through a metastore client of its own, side by
            // side; a few: Spark's client, whose lock serializes them (a client per thread costs more to open).
            boolean ownClients = repointable.size() >= OWN_CLIENTS_FROM && catalog.repointsWithOwnClients();
            List<Future<?>> futures = new ArrayList<>();
            for (ViewChange change : changes) {
                ViewCatalog.ExistingView existing = repointable.get(change);
                futures.add(pool.submit(() -> apply(change, existing, ownClients)));
            }
            List<String> failures = new ArrayList<>();
            Throwable firstError = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                }
                catch (ExecutionException e) {
                    failures.add(changes.get(i).view() + ": " + ApplyErrors.firstLine(e.getCause()));
                    firstError = firstError == null ? e.getCause() : firstError;
                }
            }
            if (!failures.isEmpty()) {
                throw ApplyErrors.viewsFailed(environment, failures, firstError);
            }
            return changes.stream().map(ViewChange::view).toList();
        }
        finally {
            pool.shutdownNow();
        }
    }

    private void createSchemas(String environment, List<ViewChange> changes) {
        Set<List<String>> schemas = new LinkedHashSet<>();
        changes.stream()
                .filter(change -> change.action() == ViewAction.CREATE_OR_REPLACE)
                .forEach(change -> schemas.add(PlanValidator.viewName(change.view()).subList(0, 2).stream()
                        .map(part -> part.toLowerCase(Locale.ROOT)).toList()));
        for (List<String> schema : schemas) {
            try {
                spark.sql(DdlStatements.createSchema(schema));
            }
            catch (RuntimeException e) {
                throw ApplyErrors.viewsFailed(environment,
                        List.of("schema " + String.join(".", schema) + ": " + ApplyErrors.firstLine(e)), e);
            }
        }
    }

    /**
     * The changes that can be applied as a text-only repoint, with the view each one changes:
     * CREATE_OR_REPLACE of a view that exists, whose new table has exactly the columns it records.
     * Read with one metastore call per schema and one table lookup per distinct new table (on the
     * pool); anything that cannot be read is left to SQL, which reports it properly.
     */
    private Map<ViewChange, ViewCatalog.ExistingView> repointable(List<ViewChange> changes, ExecutorService pool)
            throws InterruptedException {
        Map<ViewChange, ViewCatalog.ExistingView> repointable = new HashMap<>();
        if (!spark.sharedState().cacheManager().isEmpty()) {
            // CREATE OR REPLACE VIEW also drops the cached data of the view it replaces: let SQL do it.
            return repointable;
        }
        Map<String, List<ViewChange>> bySchema = new LinkedHashMap<>();
        for (ViewChange change : changes) {
            if (change.action() == ViewAction.CREATE_OR_REPLACE) {
                bySchema.computeIfAbsent(PlanValidator.viewName(change.view()).get(1), schema -> new ArrayList<>()).add(change);
            }
        }
        Map<ViewChange, ViewCatalog.ExistingView> existing = new HashMap<>();
        for (Map.Entry<String, List<ViewChange>> schema : bySchema.entrySet()) {
            Map<String, ViewCatalog.ExistingView> views;
            try {
                views = catalog.existingViews(schema.getKey(),
                        schema.getValue().stream().map(change -> PlanValidator.viewName(change.view()).get(2)).toList());
            }
            catch (RuntimeException e) {
                continue;
            }
            for (ViewChange change : schema.getValue()) {
                ViewCatalog.ExistingView view = views.get(PlanValidator.viewName(change.view()).get(2).toLowerCase(Locale.ROOT));
                if (view != null) {
                    existing.put(change, view);
                }
            }
        }
        Map<String, Future<StructType>> schemas = new LinkedHashMap<>();
        for (ViewChange change : existing.keySet()) {
            String table = SqlIdentifiers.quoteQualified(change.physicalTable());
            schemas.computeIfAbsent(table, quoted -> pool.submit(() -> {
                SparkSession.setActiveSession(spark);
                return catalog.schemaOf(quoted);
            }));
        }
        for (Map.Entry<ViewChange, ViewCatalog.ExistingView> entry : existing.entrySet()) {
            try {
                StructType schema = schemas.get(SqlIdentifiers.quoteQualified(entry.getKey().physicalTable())).get();
                if (ViewCatalog.keepsSchema(entry.getValue(), schema)) {
                    repointable.put(entry.getKey(), entry.getValue());
                }
            }
            catch (ExecutionException e) {
                // the table cannot be read: the SQL statement fails with Spark's own message
            }
        }
        return repointable;
    }

    private void apply(ViewChange change, ViewCatalog.ExistingView existing, boolean ownClient) {
        SparkSession.setActiveSession(spark);
        List<String> view = PlanValidator.viewName(change.view());
        if (existing != null && ownClient && existing.stored() != null) {
            catalog.repointWithOwnClient(existing, DdlStatements.viewQuery(change.physicalTable()));
        }
        else if (existing != null) {
            catalog.repoint(existing, DdlStatements.viewQuery(change.physicalTable()));
        }
        else {
            spark.sql(change.action() == ViewAction.DROP
                    ? DdlStatements.dropView(view)
                    : DdlStatements.createOrReplaceView(view, change.physicalTable()));
        }
        FaultInjection.reached("after-view:" + change.view());
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(() -> {
                try {
                    runnable.run();
                }
                finally {
                    ViewCatalog.closeThreadClient();
                }
            }, "veneer-views-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
