package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.planner.plan.EnvironmentDiff;
import dev.veneer.planner.plan.PlanFiles;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "envs", description = "List environments.")
final class EnvsCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            List<EnvironmentRecord> environments = context.stateForReading().environments();
            Instant now = Instant.now();
            EnvironmentRecord prod = environments.stream().filter(environment -> EnvironmentName.isProd(environment.name()))
                    .findFirst().orElse(null);
            if (json) {
                ObjectNode document = PlanFiles.mapper().createObjectNode();
                ArrayNode list = document.putArray("environments");
                for (EnvironmentRecord environment : environments) {
                    ObjectNode entry = list.addObject();
                    entry.put("name", environment.name());
                    entry.put("base_environment", environment.baseEnvironment());
                    entry.put("plan_id", environment.planId());
                    entry.put("models", environment.snapshots().size());
                    entry.put("created_at", environment.createdAt().toString());
                    entry.put("updated_at", environment.updatedAt().toString());
                    entry.put("expires_at", environment.expiresAt() == null ? null : environment.expiresAt().toString());
                    entry.put("expired", environment.isExpired(now));
                    entry.put("finalized", environment.finalized());
                    entry.put("last_planned_at", environment.updatedAt().toString());
                    ArrayNode changed = entry.putArray("changed_against_prod");
                    changedAgainstProd(prod, environment).forEach(changed::add);
                    ObjectNode snapshots = entry.putObject("snapshots");
                    environment.snapshots().forEach(pointer -> snapshots.put(pointer.model().toString(), pointer.viewTarget()));
                }
                System.out.println(document.toPrettyString());
                return 0;
            }
            if (environments.isEmpty()) {
                System.out.println("No environments yet. Create prod with: veneer plan prod --auto-apply");
                return 0;
            }
            String format = "%-20s %-10s %7s %8s  %-12s %-17s %-17s %s%n";
            System.out.printf(format, "ENVIRONMENT", "BASE", "MODELS", "CHANGED", "LAST PLAN", "PLANNED", "EXPIRES", "STATUS");
            for (EnvironmentRecord environment : environments) {
                String status = environment.isExpired(now) ? "expired" : environment.finalized() ? "ready" : "applying";
                System.out.printf(format, environment.name(), environment.baseEnvironment(), environment.snapshots().size(),
                        EnvironmentName.isProd(environment.name()) ? "-" : String.valueOf(changedAgainstProd(prod, environment).size()),
                        environment.planId().substring(0, Math.min(12, environment.planId().length())),
                        Times.minutes(environment.updatedAt()), environment.expiresAt() == null ? "never" : Times.minutes(environment.expiresAt()),
                        status);
            }
            return 0;
        }
    }

    /** The models whose pointer differs from prod's: what promoting this environment would change. */
    private static List<String> changedAgainstProd(EnvironmentRecord prod, EnvironmentRecord environment) {
        if (EnvironmentName.isProd(environment.name())) {
            return List.of();
        }
        if (prod == null) {
            return environment.snapshots().stream().map(pointer -> pointer.model().toString()).toList();
        }
        return EnvironmentDiff.changedModels(prod, environment);
    }
}
