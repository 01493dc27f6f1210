package dev.veneer.planner.plan;

import dev.veneer.planner.plan.PlanFile.Backfill;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan as a pull-request comment (GitHub-flavoured Markdown): counts, the changed models with their
 * category and whether each is built or reused, the SQL diffs of directly modified models in
 * collapsible blocks, test and audit results when there are any, and the physical cost. Long plans
 * are cut to stay well under a comment's size limit (65,536 characters on GitHub).
 */
public final class PlanMarkdown {
    /** Rows of the changed-models table before the rest is summarized. */
    static final int TABLE_LIMIT = 100;
    /** Characters of SQL diff before the remaining diffs are only named. */
    static final int DIFF_BUDGET = 30_000;

    /**
     * The result of an audit or unit test to report with the plan.
     *
     * @param kind {@code audit} or {@code test}
     * @param passed false: it failed
     */
    public record CheckSummary(String kind, String name, String model, boolean passed, String detail) {}

    private PlanMarkdown() {}

    public static String print(PlanFile plan) {
        return print(plan, List.of());
    }

    public static String print(PlanFile plan, List<CheckSummary> checks) {
        StringBuilder out = new StringBuilder();
        out.append("### Veneer plan for `").append(plan.environment()).append('`');
        if (!plan.baseEnvironment().equals(plan.environment())) {
            out.append(" (base `").append(plan.baseEnvironment()).append("`)");
        }
        out.append("\n\n");
        if (!plan.hasChanges()) {
            out.append("No changes: `").append(plan.environment()).append("` already matches the project. Nothing to compute, no views to change.\n");
            footer(out, plan);
            return out.toString();
        }
        Map<String, Row> rows = rows(plan);
        out.append("**").append(rows.size()).append(rows.size() == 1 ? " model" : " models").append(" changed:** ")
                .append(plan.added().size()).append(" added · ")
                .append(plan.directlyModified().size()).append(" directly modified · ")
                .append(plan.indirectlyModified().size()).append(" indirectly modified · ")
                .append(plan.metadataUpdated().size()).append(" metadata only · ")
                .append(plan.removed().size()).append(" removed\n\n");
        long intervals = plan.backfills().stream().mapToLong(backfill -> backfill.intervals().size()).sum();
        long batches = plan.backfills().stream().mapToLong(Backfill::batches).sum();
        out.append("**Physical cost:** ").append(plan.builds().size()).append(plan.builds().size() == 1 ? " model" : " models")
                .append(" to compute (").append(intervals).append(intervals == 1 ? " interval" : " intervals").append(", ")
                .append(batches).append(batches == 1 ? " batch" : " batches").append(") · ")
                .append(plan.reused().size()).append(" reused from `").append(plan.baseEnvironment()).append("` · ")
                .append(plan.views().size()).append(plan.views().size() == 1 ? " view" : " views").append(" to change\n\n");

        out.append("| Model | Change | Category | Plan |\n|---|---|---|---|\n");
        int shown = 0;
        for (Row row : rows.values()) {
            if (shown++ == TABLE_LIMIT) {
                out.append("| … | ").append(rows.size() - TABLE_LIMIT).append(" more | | see `veneer plan ")
                        .append(plan.environment()).append("` |\n");
                break;
            }
            out.append("| `").append(row.model()).append("` | ").append(row.change()).append(" | ").append(row.category())
                    .append(" | ").append(cell(row.plan())).append(" |\n");
        }

        if (!plan.forwardOnlyChanges().isEmpty()) {
            out.append("\n#### Forward-only changes\n\nEach keeps its table.\n\n| Model | Here | On promotion |\n|---|---|---|\n");
            for (PlanFile.ForwardOnlyChange change : plan.forwardOnlyChanges()) {
                String here = change.howPreviewed() != null ? "previewed in `" + change.preview() + "`: " + change.howPreviewed()
                        : change.onPromotion();
                out.append("| `").append(change.model()).append("` | ").append(cell(here)).append(" | ")
                        .append(cell(change.howPreviewed() != null ? change.onPromotion() : "(this is prod)")).append(" |\n");
            }
        }

        List<ModelChange> diffs = plan.directlyModified().stream().filter(change -> !change.diff().isBlank()).toList();
        if (!diffs.isEmpty()) {
            out.append("\n#### SQL changes\n\n");
            int budget = DIFF_BUDGET;
            List<String> left = new ArrayList<>();
            boolean first = true;
            for (ModelChange change : diffs) {
                if (change.diff().length() > budget) {
                    left.add(change.model());
                    continue;
                }
                budget -= change.diff().length();
                String fence = fence(change.diff());
                out.append(first ? "" : "\n");
                first = false;
                out.append("<details><summary><code>").append(change.model()).append("</code> — ").append(change.category())
                        .append("</summary>\n\n").append(fence).append("diff\n").append(change.diff().strip()).append('\n')
                        .append(fence).append("\n\n</details>\n");
            }
            if (!left.isEmpty()) {
                out.append("\nDiffs not shown (too long for a comment): ").append(String.join(", ", left.stream().map(name -> "`" + name + "`").toList()))
                        .append(". See `veneer plan ").append(plan.environment()).append("`.\n");
            }
        }

        if (!checks.isEmpty()) {
            long failed = checks.stream().filter(check -> !check.passed()).count();
            out.append("\n#### Tests and audits\n\n").append(checks.size() - failed).append(" passed, ").append(failed).append(" failed\n\n");
            out.append("| Result | Kind | Name | Model | Detail |\n|---|---|---|---|---|\n");
            for (CheckSummary check : checks) {
                out.append("| ").append(check.passed() ? "passed" : "**failed**").append(" | ").append(check.kind()).append(" | `")
                        .append(check.name()).append("` | `").append(check.model()).append("` | ").append(cell(check.detail())).append(" |\n");
            }
        }

        if (!plan.backfills().isEmpty()) {
            out.append("\n#### Intervals to compute\n\n| Model | Intervals | Batches |\n|---|---|---|\n");
            Map<String, BuildStep> steps = new LinkedHashMap<>();
            plan.builds().forEach(step -> steps.putIfAbsent(step.model(), step));
            int count = 0;
            for (Backfill backfill : plan.backfills()) {
                if (count++ == TABLE_LIMIT) {
                    out.append("| … | ").append(plan.backfills().size() - TABLE_LIMIT).append(" more | |\n");
                    break;
                }
                BuildStep step = steps.get(backfill.model());
                boolean whole = step != null && !dev.veneer.planner.project.ModelKind.valueOf(step.kind()).timeRanged()
                        && !dev.veneer.planner.project.ModelKind.valueOf(step.kind()).incremental();
                out.append("| `").append(backfill.model()).append("` | ")
                        .append(whole ? "whole table" : String.join(", ", backfill.intervals().stream().map(PlanMarkdown::range).toList()))
                        .append(backfill.restatement() ? " (restatement)" : "").append(" | ").append(backfill.batches()).append(" |\n");
            }
        }
        if (!plan.notes().isEmpty()) {
            out.append("\n#### Notes\n\n");
            plan.notes().forEach(note -> out.append("- ").append(note).append('\n'));
        }
        footer(out, plan);
        return out.toString();
    }

    private record Row(String model, String change, String category, String plan) {}

    private static Map<String, Row> rows(PlanFile plan) {
        Map<String, BuildStep> builds = new LinkedHashMap<>();
        plan.builds().forEach(step -> builds.putIfAbsent(step.model(), step));
        Map<String, Row> rows = new LinkedHashMap<>();
        plan.added().forEach(model -> rows.put(model, new Row(model, "added", "", action(builds.get(model)))));
        plan.directlyModified().forEach(change -> rows.put(change.model(),
                new Row(change.model(), "directly modified", change.category().name(), action(builds.get(change.model())))));
        plan.indirectlyModified().forEach(change -> rows.put(change.model(),
                new Row(change.model(), "indirectly modified", change.category().name(), action(builds.get(change.model())))));
        plan.metadataUpdated().forEach(model -> rows.putIfAbsent(model,
                new Row(model, "metadata only", Category.METADATA.name(), action(builds.get(model)))));
        plan.removed().forEach(model -> rows.put(model, new Row(model, "removed", "", "view dropped")));
        builds.forEach((model, step) -> rows.putIfAbsent(model, new Row(model, step.restatement() ? "restated" : "recomputed", "", action(step))));
        return rows;
    }

    private static String action(BuildStep step) {
        if (step == null) {
            return "reuses its table, nothing computed";
        }
        return "builds `" + step.physicalTable() + "` (" + PlanPrinter.describe(step) + ")";
    }

    private static void footer(StringBuilder out, PlanFile plan) {
        out.append("\n<sub>Plan `").append(plan.planId()).append("` made ").append(range(plan.createdAt())).append('.');
        if (plan.hasChanges()) {
            out.append(" Apply with `veneer plan ").append(plan.environment()).append(" --auto-apply`.");
        }
        out.append("</sub>\n");
    }

    private static String range(dev.veneer.catalog.Interval interval) {
        return "[" + time(interval.start()) + ", " + time(interval.end()) + ")";
    }

    private static String range(java.time.Instant instant) {
        return instant.toString();
    }

    private static String time(java.time.Instant instant) {
        String text = instant.toString();
        return text.endsWith("T00:00:00Z") ? text.substring(0, 10) : text;
    }

    /** A table cell: pipes escaped, one line. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    private static final Pattern BACKTICKS = Pattern.compile("`{3,}");

    /** A code fence longer than any run of backticks in the text, so the text cannot close it. */
    private static String fence(String text) {
        int longest = 2;
        Matcher matcher = BACKTICKS.matcher(text);
        while (matcher.find()) {
            longest = Math.max(longest, matcher.group().length());
        }
        return "`".repeat(longest + 1);
    }
}
