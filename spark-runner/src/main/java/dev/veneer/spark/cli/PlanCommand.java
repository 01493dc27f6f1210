package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanMarkdown;
import dev.veneer.planner.plan.PlanPrinter;
import dev.veneer.planner.plan.PlanRequest;
import java.nio.file.Path;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
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

    @Option(names = "--json", description = "Print the plan as one JSON document on stdout (same as --format json).")
    boolean json;

    /** How the plan is printed on stdout. */
    enum Format { text, json, markdown }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json (the --json document) or markdown (a pull-request comment: counts, "
                    + "changed models, SQL diffs, cost).")
    Format format;

    @Option(names = "--create-from", paramLabel = "ENV", defaultValue = EnvironmentName.PROD,
            description = "Environment a new environment starts from (default: prod).")
    String createFrom;

    @Option(names = "--execution-time", paramLabel = "TIME", converter = TimeConverter.class,
            description = "The time to plan as of (UTC; default: now): which intervals are complete.")
    Instant executionTime;

    @Option(names = "--start", paramLabel = "DATE", converter = TimeConverter.class,
            description = "Limit a dev environment's backfill, or a restatement, to data from this time (UTC).")
    Instant start;

    @Option(names = "--end", paramLabel = "DATE", converter = TimeConverter.class,
            description = "... and before this time (UTC).")
    Instant end;

    @Option(names = "--restate", paramLabel = "MODEL", arity = "1..*",
            description = "Compute these models' data again (their range, or --start/--end), with their downstream models.")
    List<String> restate = List.of();

    @Option(names = "--diff", description = "Show how the data of directly modified models differs from the base environment "
            + "(with --auto-apply: once they are built, before the views change).")
    boolean diff;

    @Override
    public boolean json() {
        return json || format == Format.json;
    }

    private static ModelName modelName(String text) {
        if (!ModelName.isValid(text)) {
            throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, "--restate " + text + ": not a model name; models are named schema.table");
        }
        return ModelName.parse(text);
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (json && format == Format.markdown) {
            throw new ParameterException(spec.commandLine(), "--json and --format markdown ask for two different outputs; give one");
        }
        Instant now = Instant.now();
        PlanRequest request = new PlanRequest(environment, createFrom, now, CommandContext.environmentTtl(root.project),
                executionTime != null ? executionTime : now, Optional.ofNullable(start), Optional.ofNullable(end),
                restate.stream().map(PlanCommand::modelName).toList());
        try (CommandContext context = new CommandContext(root.project)) {
            CompiledProject compiled = context.compiled();
            PlanFile plan = context.planner().plan(compiled, context.state(), request);
            if (out != null) {
                PlanFiles.write(plan, out);
            }
            PlanDiffs diffs = diff ? new PlanDiffs(compiled, plan, context.state().environment(plan.baseEnvironment())
                    .filter(base -> !base.isExpired(now)).orElse(null)) : null;
            StringBuilder diffText = new StringBuilder();
            Runnable afterBuilds = diffs == null ? () -> {} : () -> diffText.append(diffs.compute(context.spark()));
            if (format == Format.markdown && !json) {
                if (autoApply) {
                    PlanApplication.apply(context, plan, context.state(), afterBuilds);
                }
                else if (diffs != null) {
                    afterBuilds.run();
                }
                System.out.print(PlanMarkdown.print(plan));
                System.out.print(diffText);
            }
            else if (json()) {
                if (autoApply) {
                    PlanApplication.apply(context, plan, context.state(), afterBuilds);
                }
                else if (diffs != null) {
                    afterBuilds.run();
                }
                PlanFiles.writeDocument(plan, autoApply, diffs == null ? java.util.Map.of() : java.util.Map.of("table_diffs", diffs.json()),
                        System.out);
            }
            else {
                System.out.print(PlanPrinter.print(plan));
                if (out != null) {
                    System.out.println("\nPlan written to " + out + "; apply it with: veneer apply " + out);
                }
                if (autoApply) {
                    System.out.println();
                    PlanApplication.apply(context, plan, context.state(), () -> {
                        afterBuilds.run();
                        System.out.print(diffText);
                        System.out.flush();
                    });
                    System.out.println("Environment " + plan.environment() + " is up to date.");
                }
                else {
                    if (diffs != null) {
                        afterBuilds.run();
                        System.out.print(diffText);
                    }
                    if (out == null && plan.hasChanges()) {
                        System.out.println("\nApply with: veneer plan " + environment + " --auto-apply" + (diff ? " --diff" : ""));
                    }
                }
            }
            return 0;
        }
    }
}
