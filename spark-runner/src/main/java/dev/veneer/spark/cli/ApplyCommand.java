package dev.veneer.spark.cli;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.project.ProjectConfig;
import dev.veneer.planner.project.ProjectConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Executes a plan file: the same code path {@code spark-submit ... apply plan.json} runs on a
 * cluster, where there is no project folder.
 */
@Command(name = "apply", description = "Execute a plan file written by 'plan --out'.")
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan file.")
    Path file;

    @Option(names = "--state", paramLabel = "JDBC_URL",
            description = "State store to use instead of the one the plan names (or VENEER_STATE_URL).")
    String stateUrl;

    @Override
    public Integer call() {
        PlanFile plan = PlanFiles.read(file);
        try (CommandContext context = new CommandContext(root.project)) {
            if (Files.isRegularFile(context.projectDir().resolve(ProjectConfig.FILE_NAME))) {
                ProjectConfig config = ProjectConfigReader.read(context.projectDir());
                if (!config.name().equals(plan.project())) {
                    throw new VeneerException(ErrorCode.PLAN_PROJECT_MISMATCH, "plan file " + file + " was made for project '"
                            + plan.project() + "', but " + context.projectDir() + " is project '" + config.name()
                            + "'; apply it from its own project folder or plan again here");
                }
            }
            String url = stateUrl != null ? stateUrl : System.getenv().getOrDefault("VENEER_STATE_URL", plan.state());
            PlanApplication.apply(context, plan, context.state(url));
            System.out.println("Environment " + plan.environment() + " is up to date (plan " + plan.planId() + ").");
            return 0;
        }
    }
}
