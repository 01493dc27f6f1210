package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.plan.EnvironmentDiff;
import dev.veneer.planner.plan.EnvironmentDiff.ModelDiff;
import dev.veneer.planner.plan.PlanFiles;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "diff", description = "Compare two environments: the models whose pointers differ, with categories.")
final class DiffCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", paramLabel = "ENV_A", description = "The environment to compare from (e.g. prod).")
    String from;

    @Parameters(index = "1", paramLabel = "ENV_B", description = "The environment to compare to (e.g. dev).")
    String to;

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            StateStore state = context.stateForReading();
            EnvironmentRecord a = Environments.require(state, from);
            EnvironmentRecord b = Environments.require(state, to);
            List<ModelDiff> diffs = EnvironmentDiff.between(a, b, state.snapshots(EnvironmentDiff.keysToRead(a, b)), context.planner().parser());
            if (json) {
                ObjectNode document = PlanFiles.mapper().createObjectNode();
                document.put("from", from);
                document.put("to", to);
                ArrayNode models = document.putArray("models");
                for (ModelDiff diff : diffs) {
                    models.addObject()
                            .put("model", diff.model())
                            .put("change", diff.change().name())
                            .put("category", diff.category() == null ? null : diff.category().name())
                            .put("from_table", diff.fromTable())
                            .put("to_table", diff.toTable());
                }
                System.out.println(document.toPrettyString());
                return 0;
            }
            if (diffs.isEmpty()) {
                System.out.println("Environments " + from + " and " + to + " point every model at the same snapshot.");
                return 0;
            }
            System.out.printf("%d models differ between %s and %s:%n", diffs.size(), from, to);
            for (ModelDiff diff : diffs) {
                String detail = switch (diff.change()) {
                    case ADDED -> "only in " + to;
                    case REMOVED -> "only in " + from;
                    case MODIFIED -> diff.category() + (diff.sameTable() ? " (same table)" : "");
                };
                System.out.printf("  %-40s %-9s %s%n", diff.model(), diff.change(), detail);
            }
            return 0;
        }
    }
}
