package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.state.SchemaVersion;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.plan.PlanFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Upgrades the state's schema; plan and apply do the same on their own (with a log line), this does it on purpose. */
@Command(name = "migrate", description = "Upgrade the state store's schema to this Veneer's version.")
final class MigrateCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Option(names = "--state", paramLabel = "JDBC_URL", description = "State store to migrate instead of the project's.")
    String stateUrl;

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            String url = stateUrl != null ? stateUrl : context.config().state();
            SchemaVersion version = StateStores.migrate(url);
            if (json) {
                ObjectNode document = PlanFiles.mapper().createObjectNode();
                document.put("from_version", version.before().orElse(null));
                document.put("to_version", version.after());
                document.put("migrations_applied", version.applied());
                System.out.println(document.toPrettyString());
            }
            else if (version.applied() == 0) {
                System.out.println("State is up to date: schema version " + version.after() + ".");
            }
            else {
                System.out.println("State migrated from schema version " + version.before().orElse("none") + " to " + version.after()
                        + " (" + version.applied() + " migrations).");
            }
            return 0;
        }
    }
}
