package dev.veneer.spark.cli;

import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.project.WorkingDirectory;
import dev.veneer.spark.cli.daemon.DaemonCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code veneer} command line. Exit status: 0 success, 1 user-facing error, 2 bad usage. */
@Command(
        name = "veneer",
        mixinStandardHelpOptions = true,
        version = "veneer 0.1.0",
        sortOptions = false,
        description = "Isolated, production-faithful environments of a Spark lakehouse, without copying data.",
        footer = {
            "",
            "Examples:",
            "  veneer plan prod --auto-apply          first deploy: build every model",
            "  veneer plan dev                         what would change in a dev environment",
            "  veneer plan dev --auto-apply            build only what changed; share the rest with prod",
            "  veneer query --env dev \"SELECT count(*) FROM staging.orders\"",
            "  veneer plan dev --out plan.json         then: spark-submit ... apply plan.json",
            "  veneer run                              compute the intervals whose cron has elapsed, in prod",
            "  veneer test                             run the unit tests of tests/*.yaml",
            "  veneer audit --env dev                  run the audits of dev's models on its tables",
            "  veneer lineage marts.revenue.total      what feeds a column and what it feeds",
            "  veneer table-diff prod:dev staging.orders   how a model's data differs between environments",
            "  veneer janitor --dry-run                what cleaning up expired environments would drop",
            "  veneer docs generate --out site         a browsable site of models, DAG and environments",
            "",
            "Exit status: 0 success, 1 error (bad project, conflict, failed build), 2 bad usage."
        })
public final class VeneerCli {
    /** The commands, in the order {@code veneer --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            PlanCommand.class,
            ApplyCommand.class,
            RunCommand.class,
            AuditCommand.class,
            TestCommand.class,
            CreateTestCommand.class,
            QueryCommand.class,
            RenderCommand.class,
            TableNameCommand.class,
            EnvsCommand.class,
            DagCommand.class,
            LineageCommand.class,
            TableDiffCommand.class,
            InvalidateCommand.class,
            JanitorCommand.class,
            DiffCommand.class,
            MigrateCommand.class,
            DocsCommand.class,
            DaemonCommand.class);

    public static final int USER_ERROR = 1;

    @Option(names = "--project", paramLabel = "DIR", scope = ScopeType.INHERIT, defaultValue = ".",
            description = "Project folder holding veneer.yaml (default: the current folder).")
    Path project;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        int status = run(args);
        if (System.getenv("DATABRICKS_RUNTIME_VERSION") != null) {
            // a Databricks jar task must return, not exit; a failure is an exception with the status
            if (status != 0) {
                throw new IllegalStateException("veneer " + String.join(" ", args) + " exited with status " + status + " (see the error above)");
            }
            return;
        }
        // Spark's non-daemon threads would keep the JVM alive after the work is done.
        System.exit(status);
    }

    /** Runs one command in this JVM; reusable (the demo and the tests call it repeatedly). */
    public static int run(String... args) {
        return commandLine(invokedCommand(args)).execute(args);
    }

    /**
     * Runs one command as if started in {@code workingDirectory} (absolute): relative paths in its
     * options and in the project's settings resolve there. The planner daemon serves clients in any folder.
     */
    public static int run(Path workingDirectory, String... args) {
        CommandLine commandLine = commandLine(invokedCommand(args));
        commandLine.registerConverter(Path.class, text -> workingDirectory.resolve(text).normalize());
        return WorkingDirectory.within(workingDirectory, () -> commandLine.execute(args));
    }

    /** The command word of a command line: its first argument that is not a root option or its value. */
    private static Optional<String> invokedCommand(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--project")) {
                i++;
            }
            else if (!arg.startsWith("--project=") && !arg.equals("--verbose")) {
                return arg.startsWith("-") ? Optional.empty() : Optional.of(arg);
            }
        }
        return Optional.empty();
    }

    private static String commandName(Object command) {
        Class<?> type = command instanceof Class<?> c ? c : command.getClass();
        return type.getAnnotation(Command.class).name();
    }

    /** {@code veneer plan --help} and the like, on every command below the root (which has it with --version). */
    private static void addHelpOption(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.optionsMap().containsKey("--help")) {
            return;
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        command.getSubcommands().values().forEach(VeneerCli::addHelpOption);
    }

    /** The whole command line, every command in it. */
    static CommandLine commandLine() {
        return commandLine(Optional.empty());
    }

    /**
     * Building picocli's model of a command reflects over its class; building all of them is a tenth
     * of a second of every start. A command line that names its command gets that one only; anything
     * else (no command, an unknown one, a root option like --help) gets them all.
     */
    private static CommandLine commandLine(Optional<String> invoked) {
        CommandLine commandLine = new CommandLine(new VeneerCli());
        List<Object> commands = new ArrayList<>(COMMANDS);
        ServiceLoader.load(CliPlugin.class).forEach(plugin -> commands.add(plugin.command()));
        List<Object> selected = commands.stream().filter(command -> invoked.map(commandName(command)::equals).orElse(true)).toList();
        for (Object command : selected.isEmpty() ? commands : selected) {
            commandLine.addSubcommand(command);
        }
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        commandLine.getSubcommands().values().forEach(VeneerCli::addHelpOption);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            CommandContext.printError(exception, cmd, ((VeneerCli) cmd.getCommandSpec().root().userObject()).verbose);
            return exception instanceof VeneerException ? USER_ERROR : USER_ERROR;
        });
        commandLine.setErr(new PrintWriter(System.err, true));
        return commandLine;
    }
}
