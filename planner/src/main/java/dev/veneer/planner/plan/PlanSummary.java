package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import dev.veneer.planner.plan.PlanFile.Backfill;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanFile.ReusedTable;
import dev.veneer.planner.plan.PlanFile.ViewChange;
import java.time.Instant;
import java.util.List;

/**
 * What {@code plan --json} prints: every key of the plan a script reads (DESIGN.md's contract and
 * the other summaries), without what only the Spark job needs: no rendered SQL, no snapshot
 * payloads, not the environment's whole pointer set. The plan file ({@code plan --out}) has those;
 * for a 10,000-model project this is a few megabytes where the plan file is tens.
 *
 * @param builds what the plan computes, in dependency order, without the SQL
 * @param auditChecks audits re-run on kept tables, without their SQL
 * @param applied whether the command applied the plan ({@code --auto-apply})
 */
public record PlanSummary(
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
        List<BuildSummary> builds,
        List<String> notes,
        List<AuditCheckSummary> auditChecks,
        boolean forwardOnly,
        Instant effectiveFrom,
        List<String> allowDestructiveModels,
        List<PlanFile.ForwardOnlyChange> forwardOnlyChanges,
        boolean applied) {
    public PlanSummary {
        requireNonNull(planId, "planId is null");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        metadataUpdated = List.copyOf(metadataUpdated);
        directlyModified = List.copyOf(directlyModified);
        indirectlyModified = List.copyOf(indirectlyModified);
        backfills = List.copyOf(backfills);
        reused = List.copyOf(reused);
        views = List.copyOf(views);
        builds = List.copyOf(builds);
        notes = List.copyOf(notes);
        auditChecks = List.copyOf(auditChecks);
        allowDestructiveModels = List.copyOf(allowDestructiveModels);
        forwardOnlyChanges = List.copyOf(forwardOnlyChanges);
    }

    public static PlanSummary of(PlanFile plan, boolean applied) {
        return new PlanSummary(plan.planId(), plan.project(), plan.environment(), plan.baseEnvironment(), plan.expectedPlanId(),
                plan.state(), plan.createdAt(), plan.executionTime(), plan.expiresAt(), plan.added(), plan.removed(),
                plan.metadataUpdated(), plan.directlyModified(), plan.indirectlyModified(), plan.backfills(), plan.reused(),
                plan.views(), plan.builds().stream().map(BuildSummary::of).toList(), plan.notes(),
                plan.auditChecks().stream().map(AuditCheckSummary::of).toList(), plan.forwardOnly(), plan.effectiveFrom(),
                plan.allowDestructiveModels(), plan.forwardOnlyChanges(), applied);
    }

    /**
     * One physical object the plan creates or fills.
     *
     * @param dependsOn models among the plan's builds that finish first
     * @param audits the names of the audits run after it
     * @param forwardOnly how a forward-only change is applied; {@code null} for every other step
     */
    public record BuildSummary(String model, String physicalTable, String kind, String tableFormat, String version,
            List<String> dependsOn, List<Interval> intervals, boolean restatement, List<String> audits,
            PlanFile.ForwardOnly forwardOnly, boolean skipBackfill) {
        public BuildSummary {
            dependsOn = List.copyOf(dependsOn);
            intervals = List.copyOf(intervals);
            audits = List.copyOf(audits);
        }

        static BuildSummary of(PlanFile.BuildStep step) {
            return new BuildSummary(step.model(), step.physicalTable(), step.kind(), step.tableFormat(), step.version(),
                    step.dependsOn(), step.intervals(), step.restatement(),
                    step.audits().stream().map(PlanFile.PlannedAudit::name).toList(), step.forwardOnly(), step.skipBackfill());
        }
    }

    /** Audits re-run on a table the plan keeps (because they changed), by name. */
    public record AuditCheckSummary(String model, String physicalTable, String version, List<Interval> intervals, List<String> audits) {
        public AuditCheckSummary {
            intervals = List.copyOf(intervals);
            audits = List.copyOf(audits);
        }

        static AuditCheckSummary of(PlanFile.AuditCheck check) {
            return new AuditCheckSummary(check.model(), check.physicalTable(), check.version(), check.intervals(),
                    check.audits().stream().map(PlanFile.PlannedAudit::name).toList());
        }
    }
}
