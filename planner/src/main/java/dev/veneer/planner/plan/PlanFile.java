package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

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
        List<PlannedPointer> environmentSnapshots) {
    public static final int FORMAT_VERSION = 1;

    public PlanFile {
        requireNonNull(planId, "planId is null");
        requireNonNull(project, "project is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(baseEnvironment, "baseEnvironment is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
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
    }

    public boolean hasChanges() {
        return !added.isEmpty() || !removed.isEmpty() || !metadataUpdated.isEmpty()
                || !directlyModified.isEmpty() || !indirectlyModified.isEmpty() || !views.isEmpty() || !builds.isEmpty();
    }

    /**
     * A model whose code or parents changed.
     *
     * @param diff unified diff of the model's query, old to new; empty for indirect changes
     */
    public record ModelChange(String model, Category category, String diff) {
        public ModelChange {
            requireNonNull(model, "model is null");
            requireNonNull(category, "category is null");
            diff = diff == null ? "" : diff;
        }
    }

    /** Data to compute: a model's new physical table and the ranges to fill (empty for a full build). */
    public record Backfill(String model, String physicalTable, List<List<Instant>> intervals) {
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
     * One physical object to create.
     *
     * @param kind {@code FULL} (a table built with CREATE TABLE AS SELECT) or {@code VIEW} (a physical view)
     * @param sql the model's query with every model reference replaced by its physical table
     * @param dependsOn models among this plan's builds that must finish first
     */
    public record BuildStep(
            String model,
            String physicalTable,
            String kind,
            String tableFormat,
            String sql,
            List<String> partitionedBy,
            List<String> dependsOn) {
        public BuildStep {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(tableFormat, "tableFormat is null");
            requireNonNull(sql, "sql is null");
            partitionedBy = List.copyOf(partitionedBy);
            dependsOn = List.copyOf(dependsOn);
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
