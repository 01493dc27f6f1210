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
 * @param auditChecks audits to run on tables the plan keeps but whose audits changed (a metadata change)
 * @param forwardOnly the plan was made with {@code --forward-only}
 * @param effectiveFrom {@code --effective-from}: forward-only changes recompute from here
 * @param allowDestructiveModels {@code --allow-destructive-model}: may drop or retype columns
 * @param forwardOnlyChanges what each forward-only change does here and on promotion, for people
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
        List<String> notes,
        List<AuditCheck> auditChecks,
        boolean forwardOnly,
        Instant effectiveFrom,
        List<String> allowDestructiveModels,
        List<ForwardOnlyChange> forwardOnlyChanges) {
    /**
     * 2: incremental kinds (intervals, macros, kind options, schedules, restatements, execution time).
     * 3: audits (rendered per build step and for kept tables whose audits changed; reused tables' last results);
     *    forward-only changes (a build step's forward_only, a pointer's preview, the forward-only summary).
     * 4: a snapshot's payload is a JSON object, no longer a JSON document in a string.
     * 5: a build step's skip_backfill (a runner that ignored it would compute what the plan skips).
     */
    public static final int FORMAT_VERSION = 5;

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
        allowDestructiveModels = List.copyOf(allowDestructiveModels == null ? List.of() : allowDestructiveModels);
        forwardOnlyChanges = List.copyOf(forwardOnlyChanges == null ? List.of() : forwardOnlyChanges);
        auditChecks = List.copyOf(auditChecks == null ? List.of() : auditChecks);
    }

    /** A plan without audit checks. */
    public PlanFile(int formatVersion, String planId, String project, String environment, String baseEnvironment,
            String expectedPlanId, String state, Instant createdAt, Instant executionTime, Instant expiresAt, List<String> added,
            List<String> removed, List<String> metadataUpdated, List<ModelChange> directlyModified, List<ModelChange> indirectlyModified,
            List<Backfill> backfills, List<ReusedTable> reused, List<ViewChange> views, List<BuildStep> builds,
            List<PlannedSnapshot> snapshots, List<PlannedPointer> environmentSnapshots, List<String> notes) {
        this(formatVersion, planId, project, environment, baseEnvironment, expectedPlanId, state, createdAt, executionTime, expiresAt,
                added, removed, metadataUpdated, directlyModified, indirectlyModified, backfills, reused, views, builds, snapshots,
                environmentSnapshots, notes, List.of(), false, null, List.of(), List.of());
    }

    /** A plan without forward-only changes. */
    public PlanFile(int formatVersion, String planId, String project, String environment, String baseEnvironment,
            String expectedPlanId, String state, Instant createdAt, Instant executionTime, Instant expiresAt, List<String> added,
            List<String> removed, List<String> metadataUpdated, List<ModelChange> directlyModified, List<ModelChange> indirectlyModified,
            List<Backfill> backfills, List<ReusedTable> reused, List<ViewChange> views, List<BuildStep> builds,
            List<PlannedSnapshot> snapshots, List<PlannedPointer> environmentSnapshots, List<String> notes, List<AuditCheck> auditChecks) {
        this(formatVersion, planId, project, environment, baseEnvironment, expectedPlanId, state, createdAt, executionTime, expiresAt,
                added, removed, metadataUpdated, directlyModified, indirectlyModified, backfills, reused, views, builds, snapshots,
                environmentSnapshots, notes, auditChecks, false, null, List.of(), List.of());
    }

    /** A plan without an execution time of its own or notes (format 1's shape): the execution time is its creation. */
    public PlanFile(int formatVersion, String planId, String project, String environment, String baseEnvironment,
            String expectedPlanId, String state, Instant createdAt, Instant expiresAt, List<String> added, List<String> removed,
            List<String> metadataUpdated, List<ModelChange> directlyModified, List<ModelChange> indirectlyModified,
            List<Backfill> backfills, List<ReusedTable> reused, List<ViewChange> views, List<BuildStep> builds,
            List<PlannedSnapshot> snapshots, List<PlannedPointer> environmentSnapshots) {
        this(formatVersion, planId, project, environment, baseEnvironment, expectedPlanId, state, createdAt, createdAt, expiresAt,
                added, removed, metadataUpdated, directlyModified, indirectlyModified, backfills, reused, views, builds, snapshots,
                environmentSnapshots, List.of(), List.of(), false, null, List.of(), List.of());
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

    /**
     * A model the environment takes as it is from its base: nothing is computed for it.
     *
     * @param audits what its audits last found in that table, per audit
     */
    public record ReusedTable(String model, String physicalTable, List<AuditSummary> audits) {
        public ReusedTable {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
            audits = List.copyOf(audits == null ? List.of() : audits);
        }

        public ReusedTable(String model, String physicalTable) {
            this(model, physicalTable, List.of());
        }
    }

    /**
     * What one audit found in a table, over every range it checked, from state.
     *
     * @param ranges how many ranges (batches, or the whole table) it checked
     * @param failedRanges how many of them had offending rows
     * @param offendingRows offending rows over all of them
     * @param lastRun when it last ran on this table
     */
    public record AuditSummary(String audit, boolean blocking, long ranges, long failedRanges, long offendingRows, Instant lastRun) {
        public AuditSummary {
            requireNonNull(audit, "audit is null");
            requireNonNull(lastRun, "lastRun is null");
        }

        public boolean passed() {
            return failedRanges == 0;
        }
    }

    /**
     * An audit of a model as the plan runs it: its query returns the offending rows; model names are
     * resolved to physical tables and its arguments in place; {@code @this_model} and the time
     * variables stay at {@code macros}, bound when it runs (the model's table, or the rows of the
     * batch just written, and that batch's times).
     */
    public record PlannedAudit(String name, boolean blocking, String sql, List<MacroSpan> macros) {
        public PlannedAudit {
            requireNonNull(name, "name is null");
            requireNonNull(sql, "sql is null");
            macros = List.copyOf(macros == null ? List.of() : macros);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public SqlTemplate template() {
            return new SqlTemplate(sql, macros);
        }
    }

    /**
     * Audits to run on a table the plan keeps (nothing is computed for it) because they changed: a
     * changed audit re-runs, it does not rebuild.
     *
     * @param intervals the ranges the table holds (what the audits check); empty for a table without ranges
     */
    public record AuditCheck(String model, String physicalTable, String kind, String version, KindOptions options,
            List<Interval> intervals, List<PlannedAudit> audits) {
        public AuditCheck {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(version, "version is null");
            options = options == null ? KindOptions.NONE : options;
            intervals = List.copyOf(intervals == null ? List.of() : intervals);
            audits = List.copyOf(audits == null ? List.of() : audits);
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
     * @param audits run after the build, and after each batch on the rows it wrote
     * @param forwardOnly for a forward-only change, how it is applied: in place on its table (prod),
     *     or into a preview (a dev environment); {@code null} for every other step
     * @param skipBackfill the table is created with the query's columns and no rows, nothing is
     *     computed or recorded as done ({@code plan --skip-backfill}): a later plan or run fills it
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
            boolean restatement,
            List<PlannedAudit> audits,
            ForwardOnly forwardOnly,
            boolean skipBackfill) {
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
            audits = List.copyOf(audits == null ? List.of() : audits);
        }

        /** A step that computes its data. */
        public BuildStep(String model, String physicalTable, String kind, String tableFormat, String sql, List<String> partitionedBy,
                List<String> dependsOn, String version, List<MacroSpan> macros, KindOptions options, Schedule schedule,
                List<Interval> intervals, boolean restatement, List<PlannedAudit> audits, ForwardOnly forwardOnly) {
            this(model, physicalTable, kind, tableFormat, sql, partitionedBy, dependsOn, version, macros, options, schedule, intervals,
                    restatement, audits, forwardOnly, false);
        }

        /** A step without audits. */
        public BuildStep(String model, String physicalTable, String kind, String tableFormat, String sql, List<String> partitionedBy,
                List<String> dependsOn, String version, List<MacroSpan> macros, KindOptions options, Schedule schedule,
                List<Interval> intervals, boolean restatement) {
            this(model, physicalTable, kind, tableFormat, sql, partitionedBy, dependsOn, version, macros, options, schedule, intervals,
                    restatement, List.of(), null);
        }

        /** A step that is not a forward-only change. */
        public BuildStep(String model, String physicalTable, String kind, String tableFormat, String sql, List<String> partitionedBy,
                List<String> dependsOn, String version, List<MacroSpan> macros, KindOptions options, Schedule schedule,
                List<Interval> intervals, boolean restatement, List<PlannedAudit> audits) {
            this(model, physicalTable, kind, tableFormat, sql, partitionedBy, dependsOn, version, macros, options, schedule, intervals,
                    restatement, audits, null);
        }

        /** A step of a full build with no schedule of its own (tests, simple tools). */
        public BuildStep(String model, String physicalTable, String kind, String tableFormat, String sql,
                List<String> partitionedBy, List<String> dependsOn) {
            this(model, physicalTable, kind, tableFormat, sql, partitionedBy, dependsOn, null, null, null, null, null, false, null, null);
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
                    options, schedule, ranges, restatement, audits, forwardOnly, skipBackfill);
        }

        /** The same step creating its table empty, computing nothing. */
        public BuildStep withoutBackfill() {
            return new BuildStep(model, physicalTable, kind, tableFormat, sql, partitionedBy, dependsOn, version, macros,
                    options, schedule, List.of(), false, audits, forwardOnly, true);
        }
    }

    /**
     * How a forward-only change is applied by its build step.
     *
     * @param mode {@code IN_PLACE}: the step's table is the model's own, its columns are changed by
     *     {@code ALTER TABLE} and the step's intervals (from {@code --effective-from}) recomputed with the
     *     new query; {@code PREVIEW}: the step's table is a preview of {@code sourceTable}, made without
     *     copying data and filled for the step's intervals only
     * @param sourceTable the model's physical table, which a preview reads and never writes
     * @param previewBranch for an Iceberg preview: the branch of {@code sourceTable} it writes
     * @param previewRowsTable for an Iceberg preview whose columns differ from the table's (a branch
     *     shares its table's schema): the table holding the preview range instead
     * @param allowDestructive columns may be dropped or retyped ({@code --allow-destructive-model})
     * @param environment the environment the plan is for, which a preview belongs to
     */
    public record ForwardOnly(Mode mode, String sourceTable, String previewBranch, String previewRowsTable,
            boolean allowDestructive, Instant effectiveFrom, String environment) {
        public enum Mode { IN_PLACE, PREVIEW }

        public ForwardOnly {
            requireNonNull(mode, "mode is null");
            requireNonNull(sourceTable, "sourceTable is null");
            requireNonNull(environment, "environment is null");
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isPreview() {
            return mode == Mode.PREVIEW;
        }
    }

    /**
     * A forward-only change as a person reads it: where it applies, how it is previewed, what
     * promotion does.
     *
     * @param mode {@code PREVIEW} in a dev environment, {@code IN_PLACE} in prod
     * @param preview the relation the environment's view reads (dev only)
     * @param intervals what the plan computes: the preview range, or the range recomputed from the effective date
     * @param howPreviewed how the preview is made, in words (dev only)
     * @param schemaChanges how changed columns are handled
     * @param onPromotion what applying the change to prod does
     */
    public record ForwardOnlyChange(String model, String physicalTable, ForwardOnly.Mode mode, String preview, List<Interval> intervals,
            Instant effectiveFrom, boolean allowDestructive, String howPreviewed, String schemaChanges, String onPromotion) {
        public ForwardOnlyChange {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(mode, "mode is null");
            intervals = List.copyOf(intervals == null ? List.of() : intervals);
        }
    }

    /**
     * A snapshot this plan introduces, stored in state when the plan is applied (its payload as
     * {@link SnapshotPayload#toJson()}: serialized only when it is written, to state or a plan file).
     */
    public record PlannedSnapshot(
            String model,
            String fingerprint,
            String version,
            String physicalTable,
            String kind,
            String tableFormat,
            String dataHash,
            String metadataHash,
            SnapshotPayload payload) {
        public PlannedSnapshot {
            requireNonNull(model, "model is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(version, "version is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(payload, "payload is null");
        }
    }

    /**
     * One pointer of the environment after apply.
     *
     * @param preview the relation the environment's view reads instead of the physical table: the
     *     preview of a forward-only change in a dev environment; {@code null} otherwise
     */
    public record PlannedPointer(String model, String fingerprint, String version, String physicalTable, String kind, String preview) {
        public PlannedPointer(String model, String fingerprint, String version, String physicalTable, String kind) {
            this(model, fingerprint, version, physicalTable, kind, null);
        }

        public PlannedPointer {
            requireNonNull(model, "model is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(version, "version is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(kind, "kind is null");
        }
    }
}
