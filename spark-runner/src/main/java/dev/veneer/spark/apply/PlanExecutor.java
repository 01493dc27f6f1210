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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final Backfiller backfiller;
    private final ViewPublisher viewPublisher;

    public PlanExecutor(SparkSession spark, StateStore state, ApplyListener listener) {
        this(spark, state, listener, ApplyOptions.defaults());
    }

    public PlanExecutor(SparkSession spark, StateStore state, ApplyListener listener, ApplyOptions options) {
        this.spark = requireNonNull(spark, "spark is null");
        this.state = requireNonNull(state, "state is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.options = requireNonNull(options, "options is null");
        this.backfiller = new Backfiller(new PhysicalLayer(spark), state, listener, options);
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

        Backfiller.Builds builds = Backfiller.Builds.NONE;
        if (alreadyCommitted) {
            log.info("plan {} is already committed to environment '{}': finishing its views", plan.planId(), environment);
        }
        else {
            String actualPlanId = current.map(EnvironmentRecord::planId).orElse(null);
            if (!Objects.equals(actualPlanId, plan.expectedPlanId())) {
                throw ApplyErrors.environmentChanged(environment);
            }
            // a destructive forward-only change not allowed is refused before anything is stored or written
            new ForwardOnlyChanges(spark, state, plan.executionTime()).check(plan.builds());
            state.saveSnapshots(storedSnapshots(plan, now()));
            state.touchSnapshots(pointerKeys(plan), now()); // the janitor leaves them alone while we build
            builds = backfiller.run(plan.builds(), versions(plan), plan.executionTime(), plan.environment(),
                    (step, error) -> ApplyErrors.buildFailed(step.model(), plan.environment(), error),
                    error -> ApplyErrors.schemasFailed(plan.environment(), error));
            runAuditChecks(plan);
            FaultInjection.reached("before-commit");
            state.commitEnvironment(nextRecord(plan, current), plan.expectedPlanId());
            FaultInjection.reached("after-commit");
            listener.environmentCommitted(environment, plan.planId());
        }

        long viewsStart = System.nanoTime();
        List<String> views = publishViews(plan);
        Duration viewTime = Duration.ofNanos(System.nanoTime() - viewsStart);
        listener.viewsPublished(environment, views.size(), viewTime);
        FaultInjection.reached("before-finalize");
        state.markFinalized(environment, plan.planId());

        return new ApplyResult(environment, plan.planId(), alreadyCommitted, builds.built(), builds.reused(), views,
                builds.elapsed(), viewTime, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The changed audits of kept tables, over the ranges each table holds: before the environment moves, like the builds' audits. */
    private void runAuditChecks(PlanFile plan) {
        if (plan.auditChecks().isEmpty()) {
            return;
        }
        AuditRunner audits = new AuditRunner(spark, state, plan.environment(), listener, options.clock());
        for (PlanFile.AuditCheck check : plan.auditChecks()) {
            Optional<dev.veneer.catalog.Interval> span = check.intervals().isEmpty() ? Optional.empty()
                    : Optional.of(new dev.veneer.catalog.Interval(check.intervals().get(0).start(),
                            check.intervals().get(check.intervals().size() - 1).end()));
            audits.run(new AuditRunner.Target(check.model(), check.physicalTable(), check.kind(), check.version(), check.options(), span),
                    plan.executionTime(), check.audits());
        }
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

    private static Map<String, String> versions(PlanFile plan) {
        Map<String, String> versions = new HashMap<>();
        plan.builds().forEach(step -> versions.put(step.model(), step.version().isEmpty() ? versionOf(plan, step) : step.version()));
        return versions;
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

    private static List<SnapshotKey> pointerKeys(PlanFile plan) {
        return plan.environmentSnapshots().stream()
                .map(pointer -> new SnapshotKey(ModelName.parse(pointer.model()), pointer.fingerprint()))
                .toList();
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
                        snapshot.payload().toJson(),
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
                        pointer.version(), pointer.physicalTable(), pointer.kind(), pointer.preview()))
                .toList();
        return new EnvironmentRecord(plan.environment(), plan.planId(), plan.baseEnvironment(), pointers,
                current.map(EnvironmentRecord::createdAt).orElse(now), now, plan.expiresAt(), false);
    }

    private Instant now() {
        return options.clock().instant();
    }
}
