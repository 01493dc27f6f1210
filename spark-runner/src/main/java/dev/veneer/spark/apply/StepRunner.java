package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.planner.interval.Batches;
import dev.veneer.planner.interval.Intervals;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.project.ModelKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes one build step in Spark: creates its physical object, runs its batches with the strategy
 * of its kind and format, and records each batch's interval in state as it lands, so a failure or
 * a crash costs only the batch that was running. Holds the table's write lease meanwhile. Intervals
 * already recorded are skipped (a re-applied plan resumes), except in a restatement.
 */
final class StepRunner {
    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    /** Told about each batch as it lands, from the thread that ran it. */
    interface BatchEvents {
        void batchFinished(BuildStep step, int index, long total, Interval batch, Duration elapsed);

        void waitingForLease(BuildStep step, String holder);
    }

    private final SparkSession spark;
    private final StateStore state;
    private final Leases leases;
    private final Instant executionTime;
    private final BatchEvents events;
    private final ForwardOnlyChanges forwardOnly;
    private final AuditRunner audits;

    StepRunner(SparkSession spark, StateStore state, Leases leases, Instant executionTime, BatchEvents events, AuditRunner audits) {
        this.audits = requireNonNull(audits, "audits is null");
        this.spark = requireNonNull(spark, "spark is null");
        this.state = requireNonNull(state, "state is null");
        this.leases = requireNonNull(leases, "leases is null");
        this.executionTime = requireNonNull(executionTime, "executionTime is null");
        this.events = requireNonNull(events, "events is null");
        this.forwardOnly = new ForwardOnlyChanges(spark, state, executionTime);
    }

    /** Whether nothing is left to do for {@code step}, given what state holds. */
    static boolean isComplete(BuildStep step, List<Interval> stored, Set<String> built) {
        if (!built.contains(step.physicalTable())) {
            return false;
        }
        if (step.forwardOnly() != null) {
            // idempotent, and its table is built already: its columns and its preview are checked every time
            return false;
        }
        if (step.kind().equals(ModelKind.VIEW.name()) || step.intervals().isEmpty()) {
            return true;
        }
        return !step.restatement() && remaining(step, stored).isEmpty();
    }

    void run(BuildStep step, String version) throws Exception {
        // Delta and Iceberg look up SparkSession.active, which is per thread
        SparkSession.setActiveSession(spark);
        ModelName model = ModelName.parse(step.model());
        ModelKind kind = ModelKind.valueOf(step.kind());
        FaultInjection.buildStarting(spark, step.model());
        if (kind == ModelKind.VIEW) {
            spark.sql(DdlStatements.build(step));
            audit(step, version, java.util.Optional.empty());
            state.recordBuilt(step.physicalTable(), model, version);
            return;
        }
        leases.acquire(step.physicalTable(), holder -> events.waitingForLease(step, holder.owner()));
        try {
            if (step.forwardOnly() != null) {
                forwardOnly(step, new VersionKey(model, version));
                return;
            }
            if (step.skipBackfill()) {
                // the query's columns and no rows; neither built nor done in state, so the next plan or run computes it
                spark.sql(MaterializationStatements.createEmpty(step,
                        MaterializationStatements.query(step, span(step, List.of()), executionTime)));
                return;
            }
            VersionKey key = new VersionKey(model, version);
            // read after taking the lease: what a racing run finished meanwhile is not done again
            List<Interval> stored = state.intervals(List.of(key)).getOrDefault(key, List.of());
            List<Interval> ranges = step.restatement() ? step.intervals() : remaining(step, stored);
            switch (kind) {
                case INCREMENTAL_BY_TIME_RANGE -> timeRanges(step, key, ranges, true);
                case INCREMENTAL_BY_UNIQUE_KEY, SCD_TYPE_2, SCD_TYPE_2_BY_COLUMN -> merged(step, key, ranges, stored.isEmpty());
                default -> {
                    if (!ranges.isEmpty() || stored.isEmpty() || step.restatement()) {
                        whole(step, key, ranges);
                    }
                }
            }
            state.recordBuilt(step.physicalTable(), model, version);
        }
        finally {
            leases.release(step.physicalTable());
        }
    }

    /**
     * A forward-only change: its table's columns changed in place, or its preview made; then its
     * batches, written there. A preview is not recorded as built: state knows it as a preview.
     */
    private void forwardOnly(BuildStep step, VersionKey key) throws Exception {
        ForwardOnlyChanges.Prepared prepared = forwardOnly.prepare(step);
        BuildStep writes = prepared.writes();
        List<Interval> stored = state.intervals(List.of(key)).getOrDefault(key, List.of());
        List<Interval> ranges = step.restatement() ? step.intervals() : remaining(step, stored);
        switch (ModelKind.valueOf(step.kind())) {
            case INCREMENTAL_BY_TIME_RANGE -> timeRanges(writes, key, ranges, prepared.createTable());
            case INCREMENTAL_BY_UNIQUE_KEY, SCD_TYPE_2, SCD_TYPE_2_BY_COLUMN -> {
                if (!ranges.isEmpty()) {
                    merged(writes, key, ranges, prepared.createTable() && stored.isEmpty());
                }
            }
            default -> throw new IllegalArgumentException("a " + step.kind() + " model has no forward-only changes");
        }
        forwardOnly.finish(step, prepared);
        if (!step.forwardOnly().isPreview()) {
            state.recordBuilt(step.physicalTable(), key.model(), key.version());
        }
    }

    private static List<Interval> remaining(BuildStep step, List<Interval> stored) {
        List<Interval> remaining = new ArrayList<>();
        for (Interval range : step.intervals()) {
            remaining.addAll(Intervals.subtract(range, stored));
        }
        return remaining;
    }

    private void whole(BuildStep step, VersionKey key, List<Interval> ranges) {
        Interval span = span(step, ranges);
        long start = System.nanoTime();
        spark.sql(MaterializationStatements.replaceTable(step, MaterializationStatements.query(step, span, executionTime)));
        audit(step, key.version(), java.util.Optional.of(span));
        state.recordInterval(key, span);
        events.batchFinished(step, 1, 1, span, Duration.ofNanos(System.nanoTime() - start));
    }

    private void merged(BuildStep step, VersionKey key, List<Interval> ranges, boolean firstLoad) {
        if (ranges.isEmpty() && !firstLoad) {
            return;
        }
        Interval span = span(step, ranges);
        String query = MaterializationStatements.query(step, span, executionTime);
        long start = System.nanoTime();
        ModelKind kind = ModelKind.valueOf(step.kind());
        if (firstLoad) {
            spark.sql(kind == ModelKind.INCREMENTAL_BY_UNIQUE_KEY
                    ? MaterializationStatements.replaceTable(step, query)
                    : MaterializationStatements.scdFirstLoad(step, query));
        }
        else {
            try (StagedSource source = StagedSource.of(spark, step, query)) {
                spark.sql(kind == ModelKind.INCREMENTAL_BY_UNIQUE_KEY
                        ? MaterializationStatements.mergeByKey(step, source.query())
                        : MaterializationStatements.scdMerge(step, source.query(), modelColumns(step), executionTime));
            }
        }
        audit(step, key.version(), java.util.Optional.of(span));
        state.recordInterval(key, span);
        events.batchFinished(step, 1, 1, span, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The source of a MERGE into an Iceberg table, computed once beforehand: Iceberg's MERGE rewrite
     * cannot read a Delta table in its source with a WHEN MATCHED clause ("Table does not support
     * reads"), and a source computed once is also read consistently by both branches of an SCD merge.
     */
    private record StagedSource(SparkSession spark, String view, String query) implements AutoCloseable {
        static StagedSource of(SparkSession spark, BuildStep step, String query) {
            if (!step.tableFormat().equalsIgnoreCase("iceberg")) {
                return new StagedSource(spark, null, query);
            }
            String view = "__veneer_staged_" + java.util.UUID.randomUUID().toString().replace("-", "");
            spark.sql(query).localCheckpoint(true).createOrReplaceTempView(view);
            return new StagedSource(spark, view, "SELECT * FROM " + dev.veneer.spark.sql.SqlIdentifiers.quote(view));
        }

        @Override
        public void close() {
            if (view != null) {
                spark.catalog().dropTempView(view);
            }
        }
    }

    private void timeRanges(BuildStep step, VersionKey key, List<Interval> ranges, boolean create) throws Exception {
        if (create) {
            Interval first = ranges.isEmpty() ? span(step, List.of()) : ranges.get(0);
            spark.sql(MaterializationStatements.createEmpty(step, MaterializationStatements.query(step, first, executionTime)));
        }
        Batches batches = step.withIntervals(ranges, step.dependsOn()).batches();
        long total = batches.count();
        int concurrency = (int) Math.min(step.schedule().batchConcurrency(), Math.max(1, total));
        if (concurrency <= 1) {
            int index = 0;
            for (Interval batch : batches) {
                replaceBatch(step, key, batch, ++index, total);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "veneer-batch-" + step.model());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            int index = 0;
            for (Interval batch : batches) {
                int position = ++index;
                running.add(pool.submit(() -> {
                    SparkSession.setActiveSession(spark);
                    replaceBatch(step, key, batch, position, total);
                    return null;
                }));
                // a bounded window: a long backfill never queues every batch at once
                if (running.size() >= concurrency * 2) {
                    await(running.remove(0));
                }
            }
            for (Future<?> future : running) {
                await(future);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private void replaceBatch(BuildStep step, VersionKey key, Interval batch, int index, long total) {
        long start = System.nanoTime();
        String statement = MaterializationStatements.replaceRange(step, MaterializationStatements.query(step, batch, executionTime), batch);
        log.debug("{} batch {}/{} {}:\n{}", step.model(), index, total, batch, statement);
        spark.sql(statement);
        // before the interval is recorded: a batch whose blocking audit fails is not done, and the later ones do not start
        audit(step, key.version(), java.util.Optional.of(batch));
        state.recordInterval(key, batch);
        FaultInjection.reached("after-batch:" + step.model() + ":" + index);
        events.batchFinished(step, index, total, batch, Duration.ofNanos(System.nanoTime() - start));
    }

    private void audit(BuildStep step, String version, java.util.Optional<Interval> range) {
        audits.run(new AuditRunner.Target(step.model(), step.physicalTable(), step.kind(), version, step.options(), range), executionTime,
                step.audits());
    }

    /** The table's columns that the model's query makes: every column but the two SCD ones Veneer manages. */
    private List<String> modelColumns(BuildStep step) {
        String validFrom = step.options().validFromName();
        String validTo = step.options().validToName();
        return Arrays.stream(spark.table(DdlStatements.targetName(step)).schema().fieldNames())
                .filter(column -> !column.equalsIgnoreCase(validFrom) && !column.equalsIgnoreCase(validTo))
                .toList();
    }

    /** All the step's ranges as one, or, when it has none, the interval that ended last. */
    private Interval span(BuildStep step, List<Interval> ranges) {
        List<Interval> all = ranges.isEmpty() ? step.intervals() : ranges;
        if (all.isEmpty()) {
            Instant end = step.schedule().intervalUnit().floor(executionTime);
            return new Interval(step.schedule().intervalUnit().plus(end, -1), end);
        }
        return new Interval(all.get(0).start(), all.get(all.size() - 1).end());
    }

    private static void await(Future<?> future) throws Exception {
        try {
            future.get();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
