package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.RunPlanner;
import dev.veneer.planner.plan.RunPlanner.RunPlan;
import dev.veneer.spark.apply.ApplyListener;
import dev.veneer.spark.apply.ApplyOptions;
import dev.veneer.spark.apply.Backfiller;
import dev.veneer.spark.apply.RunExecutor;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Processes the intervals whose cron has elapsed for the models an environment points at, from state
 * alone: what a scheduler calls every few minutes, locally or through spark-submit.
 */
@Command(name = "run", sortOptions = false,
        description = "Compute the intervals whose cron has elapsed for the models stored in an environment.")
final class RunCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", defaultValue = EnvironmentName.PROD,
            description = "Environment to run (default: prod).")
    String environment;

    @Option(names = "--select", paramLabel = "MODEL", arity = "1..*", description = "Run only these models.")
    List<String> select = List.of();

    @Option(names = "--ignore-cron", description = "Compute every complete interval, whether its cron has fired since or not.")
    boolean ignoreCron;

    @Option(names = "--execution-time", paramLabel = "TIME", converter = TimeConverter.class,
            description = "The time to run as of (UTC; default: now), e.g. to re-run a day.")
    Instant executionTime;

    @Option(names = "--state", paramLabel = "JDBC_URL", description = "State store (default: veneer.yaml's, or VENEER_STATE_URL).")
    String stateUrl;

    @Override
    public Integer call() {
        EnvironmentName.validate(environment);
        Instant asOf = executionTime != null ? executionTime : Instant.now();
        Set<ModelName> models = new LinkedHashSet<>();
        select.forEach(name -> models.add(ModelName.parse(name)));
        try (CommandContext context = new CommandContext(root.project)) {
            String url = stateUrl != null ? stateUrl : System.getenv("VENEER_STATE_URL");
            StateStore state = url != null ? context.state(url) : context.state();
            RunPlan plan = RunPlanner.plan(state, environment, asOf, models, ignoreCron);
            if (plan.steps().isEmpty()) {
                report(plan, null);
                return 0;
            }
            if (!json) {
                System.out.println("Running " + plan.steps().size() + " model" + (plan.steps().size() == 1 ? "" : "s")
                        + " of " + environment + " as of " + asOf + ":");
                plan.steps().forEach(step -> System.out.println("  " + step.model() + "  "
                        + dev.veneer.planner.plan.PlanPrinter.describe(step)));
            }
            long started = System.nanoTime();
            Backfiller.Builds builds = new RunExecutor(context.spark(), state, ApplyListener.stderr(), ApplyOptions.defaults()).run(plan);
            System.err.printf("Ran %d model%s of %s in %.1f s%n", builds.built().size(), builds.built().size() == 1 ? "" : "s",
                    environment, (System.nanoTime() - started) / 1e9);
            report(plan, builds);
            return 0;
        }
    }

    private void report(RunPlan plan, Backfiller.Builds builds) {
        if (json) {
            ObjectNode document = PlanFiles.mapper().createObjectNode();
            document.put("environment", plan.environment());
            document.put("execution_time", plan.executionTime().toString());
            ArrayNode ran = document.putArray("ran");
            for (BuildStep step : plan.steps()) {
                ObjectNode entry = ran.addObject();
                entry.put("model", step.model());
                entry.put("physical_table", step.physicalTable());
                entry.set("intervals", PlanFiles.mapper().valueToTree(step.intervals()));
                entry.put("batches", step.batches().count());
                entry.put("skipped", builds != null && builds.reused().contains(step.model()));
            }
            document.put("next_run", plan.nextRun().map(Instant::toString).orElse(null));
            System.out.println(document.toPrettyString());
        }
        else if (plan.steps().isEmpty()) {
            System.out.println("Nothing due in " + plan.environment() + " as of " + plan.executionTime()
                    + plan.nextRun().map(next -> "; next at " + next).orElse("") + ".");
        }
        else {
            System.out.println("Environment " + plan.environment() + " is up to date as of " + plan.executionTime() + ".");
        }
    }
}
