package dev.veneer.spark.docs;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.Backfill;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanFile.PlannedPointer;
import dev.veneer.planner.plan.PlanFile.PlannedSnapshot;
import dev.veneer.planner.plan.PlanPrinter;
import dev.veneer.planner.plan.SnapshotPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plan file drawn as the DAG of what it touches, each model marked by how it changed (added,
 * breaking, non-breaking, indirect, metadata, removed; grey: unchanged parents) and by what the plan
 * does with it (backfilled or reused), with the intervals to compute and the SQL diffs. Made from the
 * plan file alone: no project or state needed.
 */
final class PlanPage {
    private PlanPage() {}

    /** What the plan does to one model. */
    record Entry(String model, String kind, String change, boolean backfill, String physicalTable, String detail) {
        String mark() {
            return change + (change.equals("removed") ? "" : backfill ? " backfill" : " reused");
        }
    }

    static String render(PlanFile plan, Instant generatedAt) {
        PageLayout layout = new PageLayout(plan.project(), generatedAt, List.of(new PageLayout.NavItem(SitePaths.INDEX, "Plan")));
        String path = SitePaths.INDEX;
        Html html = layout.begin(path, path, "Plan for " + plan.environment());
        html.element("h1", "Plan for environment " + plan.environment());
        html.open("dl", "class", "facts");
        html.element("dt", "base").element("dd", plan.baseEnvironment());
        html.element("dt", "plan id").element("dd", plan.planId());
        html.element("dt", "made").element("dd", Times.minutes(plan.createdAt()) + " UTC, data as of " + Times.minutes(plan.executionTime()));
        html.element("dt", "environment").element("dd", plan.expectedPlanId() == null ? "new" : "exists (last plan " + plan.expectedPlanId() + ")");
        html.element("dt", "expires").element("dd", plan.expiresAt() == null ? "never" : Times.minutes(plan.expiresAt()));
        html.close("dl");

        Map<String, Entry> entries = entries(plan);
        long changed = entries.values().stream().filter(entry -> !entry.change().equals("unchanged")).count();
        html.open("p", "class", "lead", "id", "plan-summary").text(plan.added().size() + " added, " + plan.removed().size() + " removed, "
                + plan.directlyModified().size() + " directly modified, " + plan.indirectlyModified().size() + " indirectly modified, "
                + plan.metadataUpdated().size() + " metadata only; " + plan.builds().size() + " to compute, " + plan.views().size()
                + " view" + (plan.views().size() == 1 ? "" : "s") + " to change.").close("p");
        if (!plan.hasChanges()) {
            html.element("p", "No changes: the environment already matches the project.", "class", "muted");
        }
        if (changed > 0) {
            html.open("section", "aria-labelledby", "graph-h").element("h2", "What the plan touches", "id", "graph-h");
            html.element("p", "Fill: how the model changed. A thick border: its data is computed (backfilled); dashed: it keeps "
                    + "a table that exists (reused). Grey: unchanged parents, read as they are.", "class", "muted");
            EnvironmentPages.graph(html, graph(entries, plan), "plan");
            html.close("section");
        }

        html.open("section", "aria-labelledby", "models-h").element("h2", "Models (" + changed + ")", "id", "models-h");
        html.open("table", "class", "plan-models", "id", "plan-table").open("thead").open("tr");
        for (String heading : List.of("Model", "Change", "Plan", "Physical table", "Detail")) {
            html.element("th", heading, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (Entry entry : entries.values()) {
            if (entry.change().equals("unchanged")) {
                continue;
            }
            html.open("tr", "id", "model-" + entry.model(), "data-model", entry.model(), "data-mark", entry.mark());
            html.open("th", "scope", "row").element("code", entry.model()).close("th");
            html.element("td", entry.change().toUpperCase(Locale.ROOT));
            html.element("td", entry.change().equals("removed") ? "dropped from the environment" : entry.backfill() ? "backfilled" : "reused");
            html.open("td").element("code", entry.physicalTable() == null ? "—" : entry.physicalTable()).close("td");
            html.element("td", entry.detail());
            html.close("tr");
        }
        html.close("tbody").close("table").close("section");

        html.open("section", "aria-labelledby", "intervals-h").element("h2", "Intervals to compute", "id", "intervals-h");
        if (plan.backfills().isEmpty()) {
            html.element("p", "Nothing to compute.", "class", "muted");
        }
        else {
            html.open("table", "class", "backfills", "id", "backfill-table").open("thead").open("tr");
            for (String heading : List.of("Model", "Physical table", "Intervals", "Batches", "Restatement")) {
                html.element("th", heading, "scope", "col");
            }
            html.close("tr").close("thead").open("tbody");
            for (Backfill backfill : plan.backfills()) {
                html.open("tr", "data-model", backfill.model());
                html.open("th", "scope", "row").element("code", backfill.model()).close("th");
                html.open("td").element("code", backfill.physicalTable()).close("td");
                html.element("td", Times.ranges(backfill.intervals()));
                html.element("td", String.valueOf(backfill.batches()));
                html.element("td", backfill.restatement() ? "yes" : "no");
                html.close("tr");
            }
            html.close("tbody").close("table");
        }
        html.close("section");

        List<ModelChange> diffs = plan.directlyModified().stream().filter(change -> !change.diff().isBlank()).toList();
        if (!diffs.isEmpty()) {
            html.open("section", "aria-labelledby", "diffs-h").element("h2", "SQL changes", "id", "diffs-h");
            for (ModelChange change : diffs) {
                html.open("details", "open", "").open("summary").element("code", change.model()).text(" " + change.category()).close("summary");
                html.open("pre", "class", "diff").open("code");
                for (String line : change.diff().split("\n", -1)) {
                    String cssClass = line.startsWith("+") && !line.startsWith("+++") ? "add"
                            : line.startsWith("-") && !line.startsWith("---") ? "del" : line.startsWith("@@") ? "hunk" : null;
                    html.open("span", "class", cssClass).text(line).close("span").text("\n");
                }
                html.close("code").close("pre").close("details");
            }
            html.close("section");
        }
        if (!plan.notes().isEmpty()) {
            html.open("section", "aria-labelledby", "notes-h").element("h2", "Notes", "id", "notes-h").open("ul");
            plan.notes().forEach(note -> html.element("li", note));
            html.close("ul").close("section");
        }
        return layout.end(html, path, GraphPages.GRAPH_SCRIPTS);
    }

    /** Every model the plan touches, and the unchanged parents they read, in the plan's order. */
    static Map<String, Entry> entries(PlanFile plan) {
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<String, String> tables = new LinkedHashMap<>();
        for (PlannedPointer pointer : plan.environmentSnapshots()) {
            kinds.put(pointer.model(), pointer.kind());
            tables.put(pointer.model(), pointer.physicalTable());
        }
        Map<String, BuildStep> builds = new LinkedHashMap<>();
        plan.builds().forEach(step -> builds.putIfAbsent(step.model(), step));
        Map<String, String> changes = new LinkedHashMap<>();
        plan.added().forEach(model -> changes.put(model, "added"));
        plan.directlyModified().forEach(change -> changes.put(change.model(), change.category().name().toLowerCase(Locale.ROOT)));
        plan.indirectlyModified().forEach(change -> changes.put(change.model(), change.category().name().toLowerCase(Locale.ROOT)));
        plan.metadataUpdated().forEach(model -> changes.putIfAbsent(model, "metadata"));
        plan.removed().forEach(model -> changes.put(model, "removed"));
        builds.keySet().forEach(model -> changes.putIfAbsent(model, "restated"));
        Map<String, Entry> entries = new LinkedHashMap<>();
        changes.forEach((model, change) -> {
            BuildStep step = builds.get(model);
            String detail = step != null ? PlanPrinter.describe(step) : change.equals("removed") ? "its view is dropped" : "keeps its table";
            entries.put(model, new Entry(model, kinds.getOrDefault(model, step != null ? step.kind() : "UNKNOWN"), change, step != null,
                    step != null ? step.physicalTable() : tables.get(model), detail));
        });
        for (String parent : parents(plan).values().stream().flatMap(Set::stream).toList()) {
            if (!entries.containsKey(parent)) {
                entries.put(parent, new Entry(parent, kinds.getOrDefault(parent, "UNKNOWN"), "unchanged", false, tables.get(parent),
                        "read as it is"));
            }
        }
        return entries;
    }

    /** Each touched model's parents, from its new snapshot and its build's dependencies. */
    private static Map<String, Set<String>> parents(PlanFile plan) {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (PlannedSnapshot snapshot : plan.snapshots()) {
            parents.computeIfAbsent(snapshot.model(), key -> new TreeSet<>()).addAll(snapshot.payload().parents());
        }
        for (BuildStep step : plan.builds()) {
            parents.computeIfAbsent(step.model(), key -> new TreeSet<>()).addAll(step.dependsOn());
        }
        return parents;
    }

    private static GraphData graph(Map<String, Entry> entries, PlanFile plan) {
        List<GraphData.Node> nodes = new ArrayList<>();
        for (Entry entry : entries.values()) {
            String schema = ModelName.isValid(entry.model()) ? ModelName.parse(entry.model()).schema() : "";
            nodes.add(new GraphData.Node(entry.model(), entry.kind(), schema, entry.mark(),
                    entry.change().equals("unchanged") ? null : "#model-" + entry.model(),
                    entry.change() + (entry.change().equals("removed") ? "" : entry.backfill() ? ", backfilled" : ", reused") + ": " + entry.detail()));
        }
        List<GraphData.Edge> edges = new ArrayList<>();
        parents(plan).forEach((model, ofModel) -> ofModel.forEach(parent -> {
            if (entries.containsKey(parent)) {
                edges.add(new GraphData.Edge(parent, model));
            }
        }));
        return new GraphData(nodes, edges.stream().distinct().toList());
    }
}
