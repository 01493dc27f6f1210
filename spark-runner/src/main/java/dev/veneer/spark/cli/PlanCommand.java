package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.planner.PhaseTimes;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanMarkdown;
import dev.veneer.planner.plan.PlanPrinter;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.unittest.ModelTest;
import dev.veneer.planner.unittest.ModelTestReader;
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

    @Option(names = "--forward-only", description = "Keep the tables of changed incremental models: in prod the change applies"
            + " from now on (new columns added in place); in a dev environment it is previewed on a shallow clone or branch.")
    boolean forwardOnly;

    @Option(names = "--effective-from", paramLabel = "DATE", converter = TimeConverter.class,
            description = "With --forward-only: recompute from this time (UTC) with the new query.")
    Instant effectiveFrom;

    @Option(names = "--allow-destructive-model", paramLabel = "MODEL",
            description = "Let this forward-only model drop or retype columns (repeatable).")
    List<String> allowDestructive = List.of();

    @Option(names = "--skip-backfill", description = "Create the new tables empty and point the views at them, computing"
            + " nothing; the next plan or run of the environment computes their data (in prod: with a warning).")
    boolean skipBackfill;

    @Option(names = "--include-unmodified", description = "Give the environment a view of every model, unmodified ones reading"
            + " the base environment's tables. Always so in Veneer; accepted for scripts written for SQLMesh.")
    boolean includeUnmodified;

    @Option(names = "--skip-tests", description = "Apply even if unit tests of the changed models fail (they are not run).")
    boolean skipTests;

    @Option(names = "--run-tests", description = "Run the unit tests of the changed models now, even without --auto-apply.")
    boolean runTests;

    @Option(names = "--diff", description = "Show how the data of directly modified models differs from the base environment "
            + "(with --auto-apply: once they are built, before the views change).")
    boolean diff;

    @Override
    public boolean json() {
        return json || format == Format.json;
    }

    private static ModelName modelName(String option, String text) {
        if (!ModelName.isValid(text)) {
            throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, option + " " + text + ": not a model name; models are named schema.table");
        }
        return ModelName.parse(text);
    }

    /**
     * The tests of every model the plan adds or changes, directly or through a parent. Tests need
     * Spark, so a plan that neither applies nor runs them only lists them (and a broken test file
     * does not stop it).
     */
    private static List<ModelTest> affectedTests(CompiledProject compiled, PlanFile plan, boolean willRun) {
        java.util.Set<String> changed = new java.util.HashSet<>(plan.added());
        plan.directlyModified().forEach(change -> changed.add(change.model()));
        plan.indirectlyModified().forEach(change -> changed.add(change.model()));
        if (changed.isEmpty()) {
            return List.of();
        }
        List<ModelTest> all;
        try {
            all = ModelTestReader.read(compiled.project());
        }
        catch (VeneerException e) {
            if (willRun) {
                throw e;
            }
            System.err.println("warning: the unit tests cannot be read, so they would not run before applying: " + e.describe());
            return List.of();
        }
        return all.stream().filter(test -> changed.contains(test.model().toString())).toList();
    }

    /** Runs the tests; any failure stops the command before anything is applied. */
    private List<dev.veneer.spark.unittest.UnitTestRunner.Result> gate(CommandContext context, List<ModelTest> tests, java.io.PrintStream out) {
        long started = System.nanoTime();
        out.println("Running " + tests.size() + " unit test" + (tests.size() == 1 ? "" : "s") + " of the changed models:");
        List<dev.veneer.spark.unittest.UnitTestRunner.Result> results = UnitTests.run(context, tests, out);
        out.println(UnitTests.summary(results, (System.nanoTime() - started) / 1e9));
        long failed = UnitTests.failures(results);
        if (failed > 0) {
            throw new VeneerException(ErrorCode.TEST_FAILED, failed + " of " + tests.size() + " unit tests of the changed models failed"
                    + " (see above), so nothing was applied; fix the models or the tests ('veneer test'), or plan with --skip-tests");
        }
        return results;
    }

    /** The tests that ran and what the reused tables' audits last found, for the Markdown summary. */
    private static List<PlanMarkdown.CheckSummary> checks(PlanFile plan, List<dev.veneer.spark.unittest.UnitTestRunner.Result> tests) {
        List<PlanMarkdown.CheckSummary> checks = new java.util.ArrayList<>();
        tests.forEach(result -> checks.add(new PlanMarkdown.CheckSummary("test", result.test().name(), result.test().model().toString(),
                result.status() == dev.veneer.spark.unittest.UnitTestRunner.Status.PASSED, result.test().location().toString())));
        plan.reused().forEach(reused -> reused.audits().forEach(audit -> checks.add(new PlanMarkdown.CheckSummary("audit", audit.audit(),
                reused.model(), audit.passed(), audit.passed() ? "passed on the reused table"
                        : audit.offendingRows() + " offending rows on the reused table"))));
        return checks;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (json && format == Format.markdown) {
            throw new ParameterException(spec.commandLine(), "--json and --format markdown ask for two different outputs; give one");
        }
        PhaseTimes.mark("start");
        if (json()) {
            PlanFiles.prepareDocumentWriter();
        }
        Instant now = Instant.now();
        PlanRequest request = new PlanRequest(environment, createFrom, now, CommandContext.environmentTtl(root.project),
                executionTime != null ? executionTime : now, Optional.ofNullable(start), Optional.ofNullable(end),
                restate.stream().map(text -> modelName("--restate", text)).toList(), forwardOnly, Optional.ofNullable(effectiveFrom),
                allowDestructive.stream().map(text -> modelName("--allow-destructive-model", text)).toList(), skipBackfill);
        try (CommandContext context = new CommandContext(root.project)) {
            CompiledProject compiled = context.compiled();
            // Only an apply writes state: a plan of a project never applied creates no state database.
            dev.veneer.catalog.state.StateStore state = autoApply ? context.state() : context.stateForReading();
            PlanFile plan = context.planner().plan(compiled, state, request);
            if (out != null) {
                PlanFiles.write(plan, out);
            }
            List<ModelTest> tests = skipTests ? List.of() : affectedTests(compiled, plan, autoApply || runTests);
            PlanDiffs diffs = diff ? new PlanDiffs(compiled, plan, state.environment(plan.baseEnvironment())
                    .filter(base -> !base.isExpired(now)).orElse(null)) : null;
            StringBuilder diffText = new StringBuilder();
            Runnable afterBuilds = diffs == null ? () -> {} : () -> diffText.append(diffs.compute(context.spark()));
            if (format == Format.markdown && !json) {
                List<dev.veneer.spark.unittest.UnitTestRunner.Result> ran = !tests.isEmpty() && (autoApply || runTests)
                        ? gate(context, tests, System.err) : List.of();
                if (autoApply) {
                    PlanApplication.apply(context, plan, state, afterBuilds);
                }
                else if (diffs != null) {
                    afterBuilds.run();
                }
                System.out.print(PlanMarkdown.print(plan, checks(plan, ran)));
                System.out.print(diffText);
            }
            else if (json()) {
                if (!tests.isEmpty() && (autoApply || runTests)) {
                    gate(context, tests, System.err);
                }
                if (autoApply) {
                    PlanApplication.apply(context, plan, state, afterBuilds);
                }
                else if (diffs != null) {
                    afterBuilds.run();
                }
                PlanFiles.writeDocument(plan, autoApply, diffs == null ? java.util.Map.of() : java.util.Map.of("table_diffs", diffs.json()),
                        System.out);
                PhaseTimes.mark("print");
            }
            else {
                System.out.print(PlanPrinter.print(plan));
                if (!tests.isEmpty() && (autoApply || runTests)) {
                    System.out.println();
                    gate(context, tests, System.out);
                }
                else if (!tests.isEmpty()) {
                    System.out.println("\nUnit tests of the changed models: " + tests.size() + " (" + tests.stream().map(ModelTest::name)
                            .collect(java.util.stream.Collectors.joining(", ")) + "); they run before --auto-apply applies,"
                            + " or now with --run-tests");
                }
                if (out != null) {
                    System.out.println("\nPlan written to " + out + "; apply it with: veneer apply " + out);
                }
                if (autoApply) {
                    System.out.println();
                    PlanApplication.apply(context, plan, state, () -> {
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
