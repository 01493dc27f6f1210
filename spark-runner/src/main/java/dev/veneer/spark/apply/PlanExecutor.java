package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.spark.apply.ApplyListener.ModelProgress;
import dev.veneer.spark.apply.ApplyListener.ModelProgress.Outcome;
import dev.veneer.spark.apply.ApplyResult.BuiltModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan (DESIGN.md, "Flow of one plan", step 9): checks the environment is still where the
 * plan left it, stores the snapshots, builds the new physical tables in dependency order, then, only
 * if every build succeeded, moves the environment record with a compare-and-set on the plan id,
 * changes the environment's views, and marks the environment finalized.
 *
 * <p>A failure before the compare-and-set leaves the environment record and its views as they were;
 * re-applying the same plan reuses every table already built. A failure after it (in the views)
 * is finished by applying the same plan again.
 */
public final class PlanExecutor {
    private static final Logger log = LoggerFactory.getLogger(PlanExecutor.class);

    private final SparkSession spark;
    private final StateStore state;
    private final ApplyListener listener;
    private final ApplyOptions options;
    private final PhysicalLayer physicalLayer;
    private final ViewPublisher viewPublisher;

    public PlanExecutor(SparkSession spark, StateStore state, ApplyListener listener) {
        this(spark, state, listener, ApplyOptions.defaults());
    }

    public PlanExecutor(SparkSession spark, StateStore state, ApplyListener listener, ApplyOptions options) {
        this.spark = requireNonNull(spark, "spark is null");
        this.state = requireNonNull(state, "state is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.options = requireNonNull(options, "options is null");
        this.physicalLayer = new PhysicalLayer(spark);
        this.viewPublisher = new ViewPublisher(spark, options.viewThreads());
    }

    /**
     * Applies {@code plan} to its environment.
     *
     * @throws VeneerException {@code PLAN_FILE_INVALID} for a plan that cannot be applied (nothing is touched),
     *     {@code ENVIRONMENT_CHANGED} when another plan moved the environment first, {@code BUILD_FAILED} when a
     *     model fails to build (the environment is unchanged) or a view cannot be changed (apply again to finish)
     */
    public ApplyResult apply(PlanFile plan) {
        long start = System.nanoTime();
        PlanValidator.validate(plan);
        String environment = plan.environment();
        state.bindProject(plan.project());
        Optional<EnvironmentRecord> current = state.environment(environment);
        boolean alreadyCommitted = current.map(record -> record.planId().equals(plan.planId())).orElse(false);

        Builds builds = Builds.NONE;
        if (alreadyCommitted) {
            log.info("plan {} is already committed to environment '{}': finishing its views", plan.planId(), environment);
        }
        else {
            String actualPlanId = current.map(EnvironmentRecord::planId).orElse(null);
            if (!Objects.equals(actualPlanId, plan.expectedPlanId())) {
                throw ApplyErrors.environmentChanged(environment);
            }
            state.saveSnapshots(storedSnapshots(plan, now()));
            builds = build(plan);
            state.commitEnvironment(nextRecord(plan, current), plan.expectedPlanId());
            listener.environmentCommitted(environment, plan.planId());
        }

        long viewsStart = System.nanoTime();
        List<String> views = publishViews(plan);
        Duration viewTime = Duration.ofNanos(System.nanoTime() - viewsStart);
        listener.viewsPublished(environment, views.size(), viewTime);
        state.markFinalized(environment, plan.planId());

        return new ApplyResult(environment, plan.planId(), alreadyCommitted, builds.built(), builds.reused(), views,
                builds.elapsed(), viewTime, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Builds(List<BuiltModel> built, List<String> reused, Duration elapsed) {
        static final Builds NONE = new Builds(List.of(), List.of(), Duration.ZERO);
    }

    private Builds build(PlanFile plan) {
        long start = System.nanoTime();
        BuildGraph graph = BuildGraph.of(plan.builds(), cycle -> ApplyErrors.invalidPlan(plan.planId(), "cycle: " + cycle));
        Set<String> builtTables = state.builtTables(plan.builds().stream().map(BuildStep::physicalTable).toList());
        Map<String, String> versions = new HashMap<>();
        plan.builds().forEach(step -> versions.put(step.model(), versionOf(plan, step)));
        int total = plan.builds().size();
        Progress progress = new Progress(total);

        Set<String> done = new HashSet<>();
        List<String> reused = new ArrayList<>();
        List<BuildStep> toBuild = new ArrayList<>();
        for (BuildStep step : plan.builds()) {
            if (builtTables.contains(step.physicalTable())) {
                done.add(step.model());
                reused.add(step.model());
                listener.modelFinished(progress.next(step, Outcome.REUSED, Duration.ZERO));
            }
            else {
                toBuild.add(step);
            }
        }
        if (toBuild.isEmpty()) {
            return new Builds(List.of(), reused, Duration.ofNanos(System.nanoTime() - start));
        }
        try {
            physicalLayer.createSchemas(toBuild);
        }
        catch (RuntimeException e) {
            throw ApplyErrors.schemasFailed(plan.environment(), e);
        }

        List<BuiltModel> built = new ArrayList<>();
        Optional<BuildScheduler.Failure> failure;
        try {
            failure = new BuildScheduler(options.buildThreads()).run(graph, done,
                    step -> SparkJobCounter.tagged(spark, step.model(), () -> physicalLayer.build(step)), new BuildScheduler.Events() {
                @Override
                public void started(BuildStep step) {
                    listener.modelStarted(step.model(), step.physicalTable());
                }

                @Override
                public void succeeded(BuildStep step, Duration elapsed) {
                    // recorded at once: a later failure or crash must not cost this table its rebuild
                    state.recordBuilt(step.physicalTable(), ModelName.parse(step.model()), versions.get(step.model()));
                    built.add(new BuiltModel(step.model(), step.physicalTable(), elapsed));
                    listener.modelFinished(progress.next(step, Outcome.BUILT, elapsed));
                }

                @Override
                public void failed(BuildStep step, Throwable error, Duration elapsed) {
                    log.debug("model {} failed to build", step.model(), error);
                    listener.modelFinished(progress.next(step, Outcome.FAILED, elapsed));
                }
            });
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplyErrors.buildFailed(toBuild.get(0).model(), plan.environment(), e);
        }
        if (failure.isPresent()) {
            throw ApplyErrors.buildFailed(failure.get().step().model(), plan.environment(), failure.get().error());
        }
        return new Builds(built, reused, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<String> publishViews(PlanFile plan) {
        try {
            return viewPublisher.publish(plan.environment(), plan.views());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplyErrors.viewsFailed(plan.environment(), List.of("interrupted"), e);
        }
    }

    /** Counts models as they finish, for "[3/7]" progress lines. Used on the applying thread only. */
    private static final class Progress {
        private final int total;
        private int position;

        Progress(int total) {
            this.total = total;
        }

        ModelProgress next(BuildStep step, Outcome outcome, Duration elapsed) {
            position++;
            return new ModelProgress(position, total, step.model(), step.physicalTable(), outcome, elapsed);
        }
    }

    /** The version a build step materializes: that of the plan's snapshot of the same physical table. */
    static String versionOf(PlanFile plan, BuildStep step) {
        return plan.snapshots().stream()
                .filter(snapshot -> snapshot.physicalTable().equals(step.physicalTable()))
                .map(PlanFile.PlannedSnapshot::version)
                .findFirst()
                .or(() -> plan.environmentSnapshots().stream()
                        .filter(pointer -> pointer.physicalTable().equals(step.physicalTable()))
                        .map(PlanFile.PlannedPointer::version)
                        .findFirst())
                .orElseThrow(() -> ApplyErrors.invalidPlan(plan.planId(),
                        "no snapshot of the plan names the physical table " + step.physicalTable() + " of model " + step.model()));
    }

    private static List<StoredSnapshot> storedSnapshots(PlanFile plan, Instant now) {
        return plan.snapshots().stream()
                .map(snapshot -> new StoredSnapshot(
                        new SnapshotKey(ModelName.parse(snapshot.model()), snapshot.fingerprint()),
                        snapshot.version(),
                        snapshot.physicalTable(),
                        orEmpty(snapshot.kind()),
                        orEmpty(snapshot.tableFormat()),
                        orEmpty(snapshot.dataHash()),
                        orEmpty(snapshot.metadataHash()),
                        snapshot.payload(),
                        now))
                .toList();
    }

    /** A plan may leave attributes empty that do not apply to a snapshot (a VIEW has no table format). */
    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private EnvironmentRecord nextRecord(PlanFile plan, Optional<EnvironmentRecord> current) {
        Instant now = now();
        List<SnapshotPointer> pointers = plan.environmentSnapshots().stream()
                .map(pointer -> new SnapshotPointer(ModelName.parse(pointer.model()), pointer.fingerprint(),
                        pointer.version(), pointer.physicalTable(), pointer.kind()))
                .toList();
        return new EnvironmentRecord(plan.environment(), plan.planId(), plan.baseEnvironment(), pointers,
                current.map(EnvironmentRecord::createdAt).orElse(now), now, plan.expiresAt(), false);
    }

    private Instant now() {
        return options.clock().instant();
    }
}
