package dev.veneer.planner.plan;

import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanFile.ReusedTable;
import dev.veneer.planner.plan.PlanFile.ViewChange;
import java.util.List;
import java.util.function.Function;

/**
 * The plan as a person reads it, top-down: what changed and why, what will be computed, what is
 * reused, which views change, and a summary line.
 */
public final class PlanPrinter {
    /** Long lists (reused tables, views) are cut after this many lines; --json has them all. */
    static final int LIST_LIMIT = 25;

    private PlanPrinter() {}

    public static String print(PlanFile plan) {
        StringBuilder out = new StringBuilder();
        out.append("Plan for environment ").append(plan.environment());
        if (!plan.baseEnvironment().equals(plan.environment())) {
            out.append(" (base: ").append(plan.baseEnvironment()).append(')');
        }
        out.append(plan.expectedPlanId() == null ? ", a new environment" : "").append('\n');
        out.append("  plan id ").append(plan.planId()).append('\n');
        if (!plan.hasChanges()) {
            out.append("\nNo changes: environment ").append(plan.environment())
                    .append(" already matches the project. Nothing to build, no views to change.\n");
            return out.toString();
        }
        section(out, "Added models", plan.added(), name -> "+ " + name);
        section(out, "Removed models", plan.removed(), name -> "- " + name);
        if (!plan.directlyModified().isEmpty()) {
            out.append("\nDirectly modified (").append(plan.directlyModified().size()).append("):\n");
            for (ModelChange change : plan.directlyModified()) {
                out.append("  ~ ").append(change.model()).append("  ").append(change.category())
                        .append("  ").append(explain(change)).append('\n');
                change.diff().lines().forEach(line -> out.append("      ").append(line).append('\n'));
            }
        }
        section(out, "Indirectly modified", plan.indirectlyModified(),
                change -> "~ " + change.model() + "  " + change.category() + "  " + explain(change));
        section(out, "Metadata updated (no data change)", plan.metadataUpdated(), name -> "~ " + name);
        forwardOnly(out, plan);

        out.append('\n');
        if (plan.builds().isEmpty()) {
            out.append("Nothing to compute: every model uses a table that is already built.\n");
        }
        else {
            out.append("Will compute (").append(plan.builds().size()).append("):\n");
            for (BuildStep step : plan.builds()) {
                out.append("  ").append(step.model()).append("  -> ").append(step.physicalTable())
                        .append("  (").append(describe(step)).append(")").append(audits(step.audits())).append('\n');
            }
        }
        section(out, "Audits to run again on kept tables (their audits changed)", plan.auditChecks(),
                check -> check.model() + "  " + check.audits().stream().map(PlanFile.PlannedAudit::name)
                        .collect(java.util.stream.Collectors.joining(", ")) + "  on " + check.physicalTable());
        section(out, "Notes", plan.notes(), note -> "! " + note);
        limited(out, "Reused from " + plan.baseEnvironment() + ", nothing computed", plan.reused(),
                (ReusedTable table) -> table.model() + "  = " + table.physicalTable() + auditResults(table.audits()));
        limited(out, "View changes", plan.views(), (ViewChange view) -> switch (view.action()) {
            case CREATE_OR_REPLACE -> "create or replace " + view.view() + " -> " + view.physicalTable();
            case DROP -> "drop " + view.view();
        });

        out.append("\nSummary: ")
                .append(count(plan.added().size(), "added")).append(", ")
                .append(count(plan.removed().size(), "removed")).append(", ")
                .append(count(plan.directlyModified().size(), "directly modified")).append(", ")
                .append(count(plan.indirectlyModified().size(), "indirectly modified")).append("; ")
                .append(plan.builds().size()).append(" to compute, ")
                .append(plan.reused().size()).append(" reused, ")
                .append(plan.views().size()).append(" view").append(plan.views().size() == 1 ? "" : "s").append(" to change.\n");
        return out.toString();
    }

    /** What a step computes: its kind and format, and for data its ranges and batches. */
    public static String describe(BuildStep step) {
        if (step.kind().equals("VIEW")) {
            return "view";
        }
        String table = step.tableFormat() + " table, ";
        String verb = step.forwardOnly() != null
                ? (step.forwardOnly().isPreview() ? "forward-only preview of " + step.forwardOnly().sourceTable() + ", "
                        : "forward-only, in place" + (step.intervals().isEmpty() ? "" : ", recompute "))
                : step.restatement() ? "restate " : "";
        dev.veneer.planner.project.ModelKind kind = dev.veneer.planner.project.ModelKind.valueOf(step.kind());
        if (step.skipBackfill()) {
            return table + kind + ": created empty, nothing computed (--skip-backfill)";
        }
        if (step.intervals().isEmpty()) {
            return step.forwardOnly() != null ? table + kind + ": " + verb + (step.forwardOnly().isPreview() ? "no interval"
                    : ": columns only, the new query applies from the next run")
                    : table + kind + ": created empty, no interval is complete yet";
        }
        if (kind == dev.veneer.planner.project.ModelKind.FULL || kind == dev.veneer.planner.project.ModelKind.SEED) {
            return table + (step.restatement() ? "full rebuild" : "full build") + (kind == dev.veneer.planner.project.ModelKind.SEED ? " from seed" : "");
        }
        String ranges = step.intervals().stream().map(PlanPrinter::range).collect(java.util.stream.Collectors.joining(", "));
        if (!kind.timeRanged()) {
            return table + kind + ": " + verb + ranges;
        }
        long batches = step.batches().count();
        return table + kind + ": " + verb + ranges + " in " + batches + " batch" + (batches == 1 ? "" : "es");
    }

    /** {@code ; audits: not_null, unique_values (non-blocking)} after a build line. */
    private static String audits(List<PlanFile.PlannedAudit> audits) {
        if (audits.isEmpty()) {
            return "";
        }
        return "; audits: " + audits.stream().map(audit -> audit.name() + (audit.blocking() ? "" : " (non-blocking)"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** What a reused table's audits last found: {@code  [not_null passed, unique_values FAILED 2 rows in 1 of 3 ranges]}. */
    private static String auditResults(List<PlanFile.AuditSummary> audits) {
        if (audits.isEmpty()) {
            return "";
        }
        return audits.stream().map(audit -> audit.passed()
                        ? audit.audit() + " passed"
                        : audit.audit() + " FAILED " + audit.offendingRows() + " row" + (audit.offendingRows() == 1 ? "" : "s")
                                + (audit.ranges() > 1 ? " in " + audit.failedRanges() + " of " + audit.ranges() + " ranges" : "")
                                + (audit.blocking() ? "" : " (non-blocking)"))
                .collect(java.util.stream.Collectors.joining(", ", "  [audits: ", "]"));
    }

    private static String range(dev.veneer.catalog.Interval interval) {
        return "[" + time(interval.start()) + ", " + time(interval.end()) + ")";
    }

    private static String time(java.time.Instant instant) {
        String text = instant.toString();
        return text.endsWith("T00:00:00Z") ? text.substring(0, 10) : text;
    }

    private static String explain(ModelChange change) {
        String reason = change.reason();
        if (reason == null) {
            return explain(change.category());
        }
        return switch (change.category()) {
            case BREAKING -> "(rebuilt; " + reason + "; children reading none of these keep their tables)";
            case INDIRECT_BREAKING -> "(rebuilt: " + reason + ")";
            case INDIRECT_NON_BREAKING -> "(keeps its table: " + reason + ")";
            default -> explain(change.category()) + " " + reason;
        };
    }

    private static String explain(Category category) {
        return switch (category) {
            case BREAKING -> "(rebuilt; its children are rebuilt)";
            case NON_BREAKING -> "(rebuilt; only adds columns, children keep their tables)";
            case INDIRECT_BREAKING -> "(rebuilt: a parent changed in a breaking way)";
            case INDIRECT_NON_BREAKING -> "(keeps its table: parents only added columns or changed forward-only)";
            case METADATA -> "(keeps its table)";
            case FORWARD_ONLY -> "(keeps its table: the change applies from now on, see below)";
        };
    }

    private static void forwardOnly(StringBuilder out, PlanFile plan) {
        if (plan.forwardOnlyChanges().isEmpty()) {
            return;
        }
        out.append("\nForward-only (").append(plan.forwardOnlyChanges().size()).append("): each keeps its table\n");
        for (PlanFile.ForwardOnlyChange change : plan.forwardOnlyChanges()) {
            out.append("  ").append(change.model()).append("  -> ").append(change.physicalTable()).append('\n');
            if (change.howPreviewed() != null) {
                out.append("      preview in ").append(plan.environment()).append(": ").append(change.preview()).append('\n');
                out.append("        ").append(change.howPreviewed()).append('\n');
            }
            out.append("      columns: ").append(change.schemaChanges()).append('\n');
            out.append("      ").append(change.howPreviewed() != null ? "on promotion: " : "in prod: ").append(change.onPromotion()).append('\n');
        }
    }

    private static <T> void section(StringBuilder out, String title, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(" (").append(items.size()).append("):\n");
        items.forEach(item -> out.append("  ").append(line.apply(item)).append('\n'));
    }

    private static <T> void limited(StringBuilder out, String title, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(" (").append(items.size()).append("):\n");
        items.stream().limit(LIST_LIMIT).forEach(item -> out.append("  ").append(line.apply(item)).append('\n'));
        if (items.size() > LIST_LIMIT) {
            out.append("  ... and ").append(items.size() - LIST_LIMIT).append(" more (see --json)\n");
        }
    }

    private static String count(int n, String what) {
        return n + " " + what;
    }
}
