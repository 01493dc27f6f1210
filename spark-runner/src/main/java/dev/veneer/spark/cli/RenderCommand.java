package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.interval.IntervalUnit;
import dev.veneer.planner.interval.Schedule;
import dev.veneer.planner.plan.ModelRenderer;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.sql.MacroVariables;
import dev.veneer.planner.sql.SqlTemplate;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "render", description = "Print a model's SQL as it runs: references resolved to an environment's physical"
        + " tables, time variables (@start_ds, ...) to the literals of one range: --start/--end, else the last complete interval"
        + " of an incremental-by-time model (yesterday, for a daily one), else what a full build covers.")
final class RenderCommand implements Callable<Integer> {
    @ParentCommand
    VeneerCli root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "schema.table")
    String model;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = EnvironmentName.PROD, description = "Environment (default: prod).")
    String environment;

    @Option(names = "--start", paramLabel = "DATE", converter = TimeConverter.class,
            description = "Render the time variables for data from this time (UTC) ...")
    Instant start;

    @Option(names = "--end", paramLabel = "DATE", converter = TimeConverter.class,
            description = "... and before this time (UTC), as plan's --start/--end.")
    Instant end;

    @Option(names = "--execution-time", paramLabel = "TIME", converter = TimeConverter.class,
            description = "The time to render as of (UTC; default: now): @execution_ds and the default range.")
    Instant executionTime;

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            CompiledProject compiled = context.compiled();
            ModelName name = Environments.modelName(model);
            ModelDefinition definition = compiled.project().model(name).orElseThrow(() -> new VeneerException(
                    ErrorCode.MODEL_NOT_FOUND, "no model named " + name + " in " + context.projectDir() + "; list models with 'veneer dag'"));
            Instant execution = executionTime != null ? executionTime : Instant.now();
            Interval range = range(definition, execution);
            EnvironmentRecord record = Environments.require(context.stateForReading(), environment);
            SqlTemplate template = new ModelRenderer(compiled.project(), record.pointers()).renderTemplate(definition);
            System.out.println(template.render(MacroVariables.values(range, execution)).strip());
            return 0;
        }
    }

    /** The range whose literals replace the time variables. */
    private Interval range(ModelDefinition definition, Instant execution) {
        Schedule schedule = definition.schedule();
        IntervalUnit unit = schedule.intervalUnit();
        boolean timeRanged = definition.kind().timeRanged();
        Instant until = end != null ? end : schedule.completeUntil(execution, true);
        Instant from = start != null ? start
                : timeRanged ? unit.plus(until, -1) : schedule.start().map(unit::floor).orElse(Instant.EPOCH);
        if (!from.isBefore(until)) {
            throw new ParameterException(spec.commandLine(), "the range to render is empty: start " + from + " is not before end " + until
                    + "; give --start before --end (the end is exclusive: --start 2024-01-01 --end 2024-01-02 is one day)");
        }
        return new Interval(from, until);
    }
}
