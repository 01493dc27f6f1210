package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.spark.diff.TableDiff;
import dev.veneer.spark.diff.TableDiff.ColumnStats;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code plan ENV --diff}: for each directly modified model, how its new table's data differs from the
 * base environment's table, as a short summary (the full view is {@code table-diff}). Needs the new
 * table built: with {@code --auto-apply} it runs once the builds are done, before the views change.
 */
final class PlanDiffs {
    private final CompiledProject compiled;
    private final PlanFile plan;
    private final EnvironmentRecord base;
    private final ArrayNode json = PlanFiles.mapper().createArrayNode();

    PlanDiffs(CompiledProject compiled, PlanFile plan, EnvironmentRecord base) {
        this.compiled = compiled;
        this.plan = plan;
        this.base = base;
    }

    ArrayNode json() {
        return json;
    }

    /** Compares every directly modified model present in the base; returns the text summary. */
    String compute(SparkSession spark) {
        StringBuilder out = new StringBuilder("\nData diff of directly modified models, ").append(plan.baseEnvironment()).append(" -> ")
                .append(plan.environment()).append(":\n");
        if (plan.directlyModified().isEmpty()) {
            return out.append("  no directly modified model\n").toString();
        }
        for (ModelChange change : plan.directlyModified()) {
            ModelName model = ModelName.parse(change.model());
            ObjectNode entry = json.addObject().put("model", change.model());
            String newTable = plan.environmentSnapshots().stream().filter(pointer -> pointer.model().equals(change.model()))
                    .map(pointer -> pointer.preview() != null ? pointer.preview() : pointer.physicalTable()).findFirst().orElseThrow();
            Optional<SnapshotPointer> old = base == null ? Optional.empty() : base.pointer(model);
            if (old.isEmpty()) {
                out.append("  ").append(model).append(": not in ").append(plan.baseEnvironment()).append(", nothing to compare\n");
                entry.put("skipped", "not in " + plan.baseEnvironment());
                continue;
            }
            if (!spark.catalog().tableExists(SqlIdentifiers.quoteQualified(newTable).replace("`", ""))) {
                out.append("  ").append(model).append(": its new table is not built yet; plan with --auto-apply --diff, or run "
                        + "'veneer table-diff ").append(plan.baseEnvironment()).append(':').append(plan.environment()).append(' ')
                        .append(model).append("' after applying\n");
                entry.put("skipped", "not built yet");
                continue;
            }
            List<String> keys = compiled.project().model(model).map(ModelDefinition::grain).orElse(List.of());
            entry.put("source_table", old.get().viewTarget()).put("target_table", newTable);
            if (keys.isEmpty()) {
                long before = spark.table(SqlIdentifiers.quoteQualified(old.get().viewTarget())).count();
                long after = spark.table(SqlIdentifiers.quoteQualified(newTable)).count();
                out.append(String.format("  %s: %,d rows -> %,d rows (no grain: declare one, or use table-diff --on, to compare values)%n",
                        model, before, after));
                entry.putObject("row_counts").put("source", before).put("target", after);
                continue;
            }
            try {
                TableDiff.Result result = new TableDiff(spark).compare(new TableDiff.Request(old.get().viewTarget(), newTable, keys,
                        Optional.empty(), 0));
                out.append("  ").append(summary(model, keys, result)).append('\n');
                ObjectNode report = new TableDiffReport(plan.baseEnvironment(), plan.environment(), model, old.get().viewTarget(),
                        newTable, keys, null, 0, result).json();
                entry.setAll(report);
            }
            catch (VeneerException e) {
                out.append("  ").append(model).append(": ").append(e.getMessage()).append('\n');
                entry.put("skipped", e.getMessage());
            }
        }
        return out.toString();
    }

    private static String summary(ModelName model, List<String> keys, TableDiff.Result result) {
        StringBuilder text = new StringBuilder(model.toString()).append(" (on ").append(String.join(", ", keys)).append("): ");
        text.append(String.format("%,d -> %,d rows", result.rowsA(), result.rowsB()));
        if (result.onlyA() > 0 || result.onlyB() > 0) {
            text.append(String.format(", %,d only before, %,d only after", result.onlyA(), result.onlyB()));
        }
        if (result.duplicatesA().keys() > 0 || result.duplicatesB().keys() > 0) {
            text.append(String.format(", duplicate keys %,d before / %,d after", result.duplicatesA().keys(), result.duplicatesB().keys()));
        }
        List<ColumnStats> differing = result.columns().stream().filter(column -> column.differing() > 0).toList();
        text.append(differing.isEmpty() ? "; values of matched rows identical" : "; differing values: ");
        text.append(String.join(", ", differing.stream()
                .map(column -> String.format("%s %,d (%.1f%%)", column.column(), column.differing(), column.share() * 100)).toList()));
        result.added().forEach(column -> text.append("; + ").append(column.name()));
        result.removed().forEach(column -> text.append("; - ").append(column.name()));
        result.retyped().forEach(column -> text.append("; ").append(column.name()).append(' ').append(column.typeA()).append(" -> ")
                .append(column.typeB()));
        return text.toString();
    }
}
