package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanPrinter;
import dev.veneer.planner.plan.PlanRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "plan", sortOptions = false,
        description = "Compare the project with an environment, print the plan, optionally apply it.")
final class PlanCommand implements Callable<Integer>, JsonOutput {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", defaultValue = EnvironmentName.PROD,
            description = "Environment to plan for (default: prod). Lower-case letters, digits and '_'.")
    String environment;

    @Option(names = "--auto-apply", description = "Apply the plan right away.")
    boolean autoApply;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the plan file here (for 'apply' or spark-submit).")
    Path out;

    @Option(names = "--json", description = "Print the plan as one JSON document on stdout.")
    boolean json;

    @Option(names = "--create-from", paramLabel = "ENV", defaultValue = EnvironmentName.PROD,
            description = "Environment a new environment starts from (default: prod).")
    String createFrom;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        PlanRequest request = new PlanRequest(environment, createFrom, Instant.now(), PlanRequest.DEFAULT_TTL);
        try (CommandContext context = new CommandContext(root.project)) {
            CompiledProject compiled = context.compiled();
            PlanFile plan = context.planner().plan(compiled, context.state(), request);
            if (out != null) {
                PlanFiles.write(plan, out);
            }
            if (json) {
                if (autoApply) {
                    PlanApplication.apply(context, plan, context.state());
                }
                PlanFiles.writeDocument(plan, autoApply, System.out);
            }
            else {
                System.out.print(PlanPrinter.print(plan));
                if (out != null) {
                    System.out.println("\nPlan written to " + out + "; apply it with: veneer apply " + out);
                }
                if (autoApply) {
                    System.out.println();
                    PlanApplication.apply(context, plan, context.state());
                    System.out.println("Environment " + plan.environment() + " is up to date.");
                }
                else if (out == null && plan.hasChanges()) {
                    System.out.println("\nApply with: veneer plan " + environment + " --auto-apply");
                }
            }
            return 0;
        }
    }
}
