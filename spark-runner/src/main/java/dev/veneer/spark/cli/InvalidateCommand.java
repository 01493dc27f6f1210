package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.plan.PlanFiles;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "invalidate", description = "Mark an environment expired now; 'veneer janitor' then removes its views. Never prod.")
final class InvalidateCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment to expire.")
    String environment;

    @Override
    public Integer call() {
        EnvironmentName.validate(environment);
        if (EnvironmentName.isProd(environment)) {
            throw new VeneerException(ErrorCode.ENVIRONMENT_INVALID, "prod cannot be invalidated: it never expires and the janitor never"
                    + " touches it; to remove a model from prod, delete its file and run 'veneer plan prod --auto-apply'");
        }
        try (CommandContext context = new CommandContext(root.project)) {
            Instant now = Instant.now();
            if (!context.state().expireEnvironment(environment, now)) {
                throw new VeneerException(ErrorCode.ENVIRONMENT_NOT_FOUND,
                        "environment '" + environment + "' does not exist; list environments with 'veneer envs'");
            }
            if (json) {
                ObjectNode document = PlanFiles.mapper().createObjectNode();
                document.put("environment", environment);
                document.put("expires_at", now.toString());
                System.out.println(document.toPrettyString());
            }
            else {
                System.out.println("Environment " + environment + " expired at " + now
                        + "; its views stay until 'veneer janitor' removes them (plan it again to revive it).");
            }
            return 0;
        }
    }
}
