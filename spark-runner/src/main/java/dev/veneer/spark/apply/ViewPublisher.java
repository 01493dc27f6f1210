package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.plan.ViewAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * The virtual layer: creates, repoints or drops exactly the environment views a plan lists.
 * Each statement spends ~50 ms in Spark's analyzer and the metastore, so they run on a small pool.
 */
final class ViewPublisher {
    private final SparkSession spark;
    private final int threads;

    ViewPublisher(SparkSession spark, int threads) {
        this.spark = requireNonNull(spark, "spark is null");
        this.threads = threads;
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
            List<Future<?>> futures = new ArrayList<>();
            for (ViewChange change : changes) {
                futures.add(pool.submit(() -> apply(change)));
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

    private void apply(ViewChange change) {
        SparkSession.setActiveSession(spark);
        List<String> view = PlanValidator.viewName(change.view());
        spark.sql(change.action() == ViewAction.DROP
                ? DdlStatements.dropView(view)
                : DdlStatements.createOrReplaceView(view, change.physicalTable()));
        FaultInjection.reached("after-view:" + change.view());
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "veneer-views-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
