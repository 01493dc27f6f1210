package dev.veneer.planner.plan;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ForwardOnly;
import dev.veneer.planner.plan.PlanFile.ForwardOnlyChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Says, per forward-only change, what the plan does with it and what promoting it will do, in words. */
final class ForwardOnlySummary {
    private ForwardOnlySummary() {}

    static List<ForwardOnlyChange> describe(String environment, List<BuildStep> builds, Map<ModelName, ForwardOnlyModel> changes) {
        List<ForwardOnlyChange> described = new ArrayList<>();
        changes.keySet().stream().sorted().forEach(model -> {
            ForwardOnlyModel change = changes.get(model);
            BuildStep step = builds.stream().filter(build -> build.model().equals(model.toString())).findFirst().orElse(null);
            ForwardOnly how = step == null ? null : step.forwardOnly();
            String table = change.pointer().physicalTable();
            boolean preview = change.pointer().isPreview();
            List<Interval> intervals = step == null ? List.of() : step.intervals();
            Instant effectiveFrom = how == null ? change.effectiveFrom().orElse(null) : how.effectiveFrom();
            String format = step == null ? "" : step.tableFormat();
            described.add(new ForwardOnlyChange(
                    model.toString(),
                    table,
                    preview ? ForwardOnly.Mode.PREVIEW : ForwardOnly.Mode.IN_PLACE,
                    change.pointer().preview(),
                    intervals,
                    effectiveFrom,
                    change.allowDestructive(),
                    preview ? howPreviewed(format, table, how, intervals) : null,
                    schemaChanges(model, table, change.allowDestructive()),
                    onPromotion(environment, table, effectiveFrom, preview)));
        });
        return described;
    }

    private static String howPreviewed(String format, String table, ForwardOnly how, List<Interval> intervals) {
        String range = intervals.isEmpty() ? "no interval" : ranges(intervals);
        if (format.equalsIgnoreCase("delta")) {
            return "a Delta shallow clone of " + table + " (no data copied; the table is never written), with " + range
                    + " computed by the new query";
        }
        return "branch " + (how == null ? "" : how.previewBranch()) + " of " + table + " (no data copied; the table's current"
                + " snapshot never moves), with " + range + " computed by the new query; if the columns change, a table of that"
                + " range only (" + (how == null ? "" : how.previewRowsTable()) + "), since a branch shares its table's columns";
    }

    private static String schemaChanges(ModelName model, String table, boolean allowDestructive) {
        return "compared with " + table + " when applied: new columns are added (ALTER TABLE ... ADD COLUMNS), old rows keep"
                + " theirs; a dropped or retyped column "
                + (allowDestructive
                        ? "is dropped, or dropped and added with its new type (old rows lose it): allowed by --allow-destructive-model"
                        : "is refused unless --allow-destructive-model " + model);
    }

    private static String onPromotion(String environment, String table, Instant effectiveFrom, boolean preview) {
        String inPlace = table + " is kept and its columns changed in place; the new query applies from the next run"
                + (effectiveFrom == null ? "" : ", and recomputes the intervals from " + effectiveFrom);
        if (!preview) {
            return inPlace;
        }
        return "the preview is never promoted: promoting " + environment + " to prod computes nothing now; " + inPlace
                + ". The janitor drops the preview when " + environment + " expires";
    }

    private static String ranges(List<Interval> intervals) {
        return intervals.stream().map(interval -> "[" + time(interval.start()) + ", " + time(interval.end()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String time(Instant instant) {
        String text = instant.toString();
        return text.endsWith("T00:00:00Z") ? text.substring(0, 10) : text;
    }
}
