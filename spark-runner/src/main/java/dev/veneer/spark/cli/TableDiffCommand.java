package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.spark.diff.TableDiff;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "table-diff", sortOptions = false,
        description = "Compare a model's data in two environments: schema, row counts, rows on one side only, differing values.",
        footer = {"", "Examples:", "  veneer table-diff prod:dev staging.orders                 keys from the model's grain",
            "  veneer table-diff prod:dev marts.revenue --on customer_id --on day --where \"day >= '2024-01-01'\"",
            "", "Exit status: 0 whether or not the data differs; 1 for an unknown environment or model; 2 for bad usage."})
final class TableDiffCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Spec
    CommandSpec spec;

    private String environmentA;
    private String environmentB;

    @Parameters(index = "0", paramLabel = "ENV_A:ENV_B", description = "The environments to compare, e.g. prod:dev.")
    void environments(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1 || value.indexOf(':', colon + 1) >= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'" + value + "' is not ENV_A:ENV_B; name two environments joined by a colon, e.g. prod:dev");
        }
        environmentA = value.substring(0, colon);
        environmentB = value.substring(colon + 1);
    }

    @Parameters(index = "1", paramLabel = "MODEL", description = "schema.table")
    String model;

    @Option(names = "--on", paramLabel = "COL", arity = "1..*", description = "Key columns to match rows on (default: the model's grain).")
    List<String> on = List.of();

    @Option(names = "--where", paramLabel = "SQL", description = "Compare only the rows matching this condition, on both sides.")
    String where;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "5", description = "Sample rows to show of each kind (default: 5).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more, got " + limit);
        }
        ModelName name = Environments.modelName(model);
        try (CommandContext context = new CommandContext(root.project)) {
            StateStore state = context.stateForReading();
            EnvironmentRecord a = Environments.require(state, environmentA);
            EnvironmentRecord b = Environments.require(state, environmentB);
            SnapshotPointer pointerA = Environments.requirePointer(a, name);
            SnapshotPointer pointerB = Environments.requirePointer(b, name);
            TableDiffReport report = new TableDiffReport(environmentA, environmentB, name, pointerA.viewTarget(), pointerB.viewTarget());
            if (pointerA.viewTarget().equals(pointerB.viewTarget())) {
                print(report.sameTable());
                return 0;
            }
            List<String> keys = on.isEmpty() ? grain(context, name) : on;
            TableDiff.Result result = new TableDiff(context.spark()).compare(new TableDiff.Request(
                    pointerA.viewTarget(), pointerB.viewTarget(), keys, Optional.ofNullable(where), limit));
            print(report.with(keys, where, limit, result));
            return 0;
        }
    }

    private void print(TableDiffReport report) {
        if (json) {
            ObjectNode document = report.json();
            System.out.println(document.toPrettyString());
        }
        else {
            System.out.print(report.text());
        }
    }

    private static List<String> grain(CommandContext context, ModelName name) {
        List<String> grain = context.compiled().project().model(name).map(ModelDefinition::grain).orElse(List.of());
        if (grain.isEmpty()) {
            throw new VeneerException(ErrorCode.MODEL_INVALID, "no key to match rows of " + name + " on: give the key columns with --on COL "
                    + "(e.g. --on order_id), or declare them in the model header (grain order_id)");
        }
        return grain;
    }
}
