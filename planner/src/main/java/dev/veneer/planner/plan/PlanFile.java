package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import dev.veneer.planner.interval.Batches;
import dev.veneer.planner.interval.Schedule;
import dev.veneer.planner.project.KindOptions;
import dev.veneer.planner.sql.MacroSpan;
import dev.veneer.planner.sql.SqlTemplate;
import java.time.Instant;
import java.util.List;

/**
 * A plan as written to disk: the contract keys of DESIGN.md plus everything the Spark job needs,
 * so that {@code apply plan.json} needs neither the project folder nor the planner.
 * Serialized with snake_case keys by {@link PlanFiles}.
 *
 * @param expectedPlanId the environment's plan id this plan was made against; {@code null} when the
 *     environment did not exist
 * @param state JDBC URL of the state store the plan was made against
 * @param builds physical objects to create, in dependency order
 * @param environmentSnapshots the complete set of pointers the environment holds after apply
 * @param executionTime the "now" of the data: which intervals count as complete
 * @param notes work the user asked for that the plan leaves out, and why
 */
public record PlanFile(
        int formatVersion,
        String planId,
        String project,
        String environment,
        String baseEnvironment,
        String expectedPlanId,
        String state,
        Instant createdAt,
        Instant executionTime,
        Instant expiresAt,
        List<String> added,
        List<String> removed,
        List<String> metadataUpdated,
        List<ModelChange> directlyModified,
        List<ModelChange> indirectlyModified,
        List<Backfill> backfills,
        List<ReusedTable> reused,
        List<ViewChange> views,
        List<BuildStep> builds,
        List<PlannedSnapshot> snapshots,
        List<PlannedPointer> environmentSnapshots,
        List<String> notes) {
    /** 2: incremental kinds (intervals, macros, kind options, schedules, restatements, execution time). */
    public static final int FORMAT_VERSION = 2;

    public PlanFile {
        requireNonNull(planId, "planId is null");
        requireNonNull(project, "project is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(baseEnvironment, "baseEnvironment is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
        executionTime = executionTime == null ? createdAt : executionTime;
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        metadataUpdated = List.copyOf(metadataUpdated);
        directlyModified = List.copyOf(directlyModified);
        indirectlyModified = List.copyOf(indirectlyModified);
        backfills = List.copyOf(backfills);
        reused = List.copyOf(reused);
        views = List.copyOf(views);
        builds = List.copyOf(builds);
        snapshots = List.copyOf(snapshots);
        environmentSnapshots = List.copyOf(environmentSnapshots);
        notes = List.copyOf(notes == null ? List.of() : notes);
    }

    /** A plan without an execution time of its own or notes (format 1's shape): the execution time is its creation. */
    public PlanFile(int formatVersion, String planId, String project, String environment, String baseEnvironment,
            String expectedPlanId, String state, Instant createdAt, Instant expiresAt, List<String> added, List<String> removed,
            List<String> metadataUpdated, List<ModelChange> directlyModified, List<ModelChange> indirectlyModified,
            List<Backfill> backfills, List<ReusedTable> reused, List<ViewChange> views, List<BuildStep> builds,
            List<PlannedSnapshot> snapshots, List<PlannedPointer> environmentSnapshots) {
        this(formatVersion, planId, project, environment, baseEnvironment, expectedPlanId, state, createdAt, createdAt, expiresAt,
                added, removed, metadataUpdated, directlyModified, indirectlyModified, backfills, reused, views, builds, snapshots,
                environmentSnapshots, List.of());
    }

    public boolean hasChanges() {
        return !added.isEmpty() || !removed.isEmpty() || !metadataUpdated.isEmpty()
                || !directlyModified.isEmpty() || !indirectlyModified.isEmpty() || !views.isEmpty() || !builds.isEmpty();
    }

    /**
     * A model whose code or parents changed.
     *
     * @param diff unified diff of the model's query, old to new; empty for indirect changes
     * @param reason why column-level categorization decided as it did ("reads none of: staging.orders.amount"),
     *     or {@code null} when columns played no part
     */
    public record ModelChange(String model, Category category, String diff,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String reason) {
        public ModelChange {
            requireNonNull(model, "model is null");
            requireNonNull(category, "category is null");
            diff = diff == null ? "" : diff;
        }

        public ModelChange(String model, Category category, String diff) {
            this(model, category, diff, null);
        }
    }

    /**
     * Data to compute: a model's physical table and the ranges to fill, as merged ranges (a full build
     * is the one range it covers).
     *
     * @param batches how many statements compute those ranges
     */
    public record Backfill(String model, String physicalTable, List<Interval> intervals, long batches, boolean restatement) {
        public Backfill {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
            intervals = List.copyOf(intervals);
        }
    }

    /** A model the environment takes as it is from its base: nothing is computed for it. */
    public record ReusedTable(String model, String physicalTable) {
        public ReusedTable {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
        }
    }

    /** A view of the virtual layer to create, repoint or drop. */
    public record ViewChange(String model, String view, String physicalTable, ViewAction action) {
        public ViewChange {
            requireNonNull(model, "model is null");
            requireNonNull(view, "view is null");
            requireNonNull(action, "action is null");
        }
    }

    /**
     * One physical object to create or fill, with everything needed to compute it.
     *
     * @param kind a {@link dev.veneer.planner.project.ModelKind} name
     * @param sql the model's query with every model reference replaced by its physical table; macro
     *     variables left at {@code macros}, rendered per batch
     * @param dependsOn models among this plan's builds that must finish first
     * @param version the version the physical table holds, which data intervals are recorded for
     * @param intervals the ranges to compute, merged; batched by the schedule's batch size when run.
     *     Empty for a VIEW.
     * @param restatement the ranges are computed again even where state says they are done
     */
    public record BuildStep(
            String model,
            String physicalTable,
            String kind,
            String tableFormat,
            String sql,
            List<String> partitionedBy,
            List<String> dependsOn,
            String version,
            List<MacroSpan> macros,
            KindOptions options,
            Schedule schedule,
            List<Interval> intervals,
            boolean restatement) {
        public BuildStep {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(tableFormat, "tableFormat is null");
            requireNonNull(sql, "sql is null");
            partitionedBy = List.copyOf(partitionedBy);
            dependsOn = List.copyOf(dependsOn);
            version = version == null ? "" : version;
            macros = List.copyOf(macros == null ? List.of() : macros);
            options = options == null ? KindOptions.NONE : options;
            schedule = schedule == null ? Schedule.daily() : schedule;
            intervals = List.copyOf(intervals == null ? List.of() : intervals);
        }

        /** A step of a full build with no schedule of its own (tests, simple tools). */
        public BuildStep(String model, String physicalTable, String kind, String tableFormat, String sql,
                List<String> partitionedBy, List<String> dependsOn) {
            this(model, physicalTable, kind, tableFormat, sql, partitionedBy, dependsOn, null, null, null, null, null, false);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public SqlTemplate template() {
            return new SqlTemplate(sql, macros);
        }

        /** The batches the intervals are computed in, made one at a time as they run. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public Batches batches() {
            boolean whole = !dev.veneer.planner.project.ModelKind.valueOf(kind).timeRanged();
            return new Batches(intervals, schedule.intervalUnit(), whole ? java.util.Optional.empty() : schedule.batchSize());
        }

        /** The same step computing other ranges. */
        public BuildStep withIntervals(List<Interval> ranges, List<String> newDependsOn) {
            return new BuildStep(model, physicalTable, kind, tableFormat, sql, partitionedBy, newDependsOn, version, macros,
                    options, schedule, ranges, restatement);
        }
    }

    /** A snapshot this plan introduces, stored in state when the plan is applied. */
    public record PlannedSnapshot(
            String model,
            String fingerprint,
            String version,
            String physicalTable,
            String kind,
            String tableFormat,
            String dataHash,
            String metadataHash,
            String payload) {
        public PlannedSnapshot {
            requireNonNull(model, "model is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(version, "version is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(payload, "payload is null");
        }
    }

    /** One pointer of the environment after apply. */
    public record PlannedPointer(String model, String fingerprint, String version, String physicalTable, String kind) {
        public PlannedPointer {
            requireNonNull(model, "model is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(version, "version is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(kind, "kind is null");
        }
    }
}
