package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.state.EnvironmentRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "table-name", description = "Print the physical table a model points at in an environment.")
final class TableNameCommand implements Callable<Integer> {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "schema.table")
    String model;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = EnvironmentName.PROD, description = "Environment (default: prod).")
    String environment;

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            EnvironmentRecord record = Environments.require(context.stateForReading(), environment);
            System.out.println(Environments.requirePointer(record, Environments.modelName(model)).viewTarget());
            return 0;
        }
    }
}
