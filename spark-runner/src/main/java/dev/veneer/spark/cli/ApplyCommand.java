package dev.veneer.spark.cli;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.project.ProjectConfig;
import dev.veneer.planner.project.ProjectConfigReader;
import java.nio.file.Files;
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

    @Parameters(index = "0", paramLabel = "FILE",
            description = "The plan file: a local path or a Hadoop file system URI (file:/..., s3a://..., abfss://...).")
    String file;

    @Option(names = "--state", paramLabel = "JDBC_URL",
            description = "State store to use instead of the one the plan names (or --conf spark.veneer.state, VENEER_STATE_URL).")
    String stateUrl;

    @Override
    public Integer call() {
        PlanFile plan = PlanFileReader.read(file);
        ClusterSettings.project().ifPresent(expected -> checkProject(plan, expected));
        try (CommandContext context = new CommandContext(root.project)) {
            if (Files.isRegularFile(context.projectDir().resolve(ProjectConfig.FILE_NAME))) {
                ProjectConfig config = ProjectConfigReader.read(context.projectDir());
                if (!config.name().equals(plan.project())) {
                    throw new VeneerException(ErrorCode.PLAN_PROJECT_MISMATCH, "plan file " + file + " was made for project '"
                            + plan.project() + "', but " + context.projectDir() + " is project '" + config.name()
                            + "'; apply it from its own project folder or plan again here");
                }
            }
            String url = stateUrl != null ? stateUrl
                    : ClusterSettings.state().orElseGet(() -> System.getenv().getOrDefault("VENEER_STATE_URL", plan.state()));
            String jdbcUrl = StateLocation.toJdbcUrl(url);
            PlanPreflight.check(plan, context.state(jdbcUrl), jdbcUrl);
            PlanApplication.apply(context, plan, context.state(jdbcUrl));
            System.out.println("Environment " + plan.environment() + " is up to date (plan " + plan.planId() + ").");
            return 0;
        }
    }

    private void checkProject(PlanFile plan, String expected) {
        if (!expected.equals(plan.project())) {
            throw new VeneerException(ErrorCode.PLAN_PROJECT_MISMATCH, "plan file " + file + " was made for project '"
                    + plan.project() + "', but this job is for project '" + expected + "' (" + ClusterSettings.PROJECT
                    + "); hand the job its own project's plan, or change " + ClusterSettings.PROJECT);
        }
    }
}
