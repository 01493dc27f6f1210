package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.project.LifecycleConfig;
import dev.veneer.planner.project.ProjectConfig;
import dev.veneer.planner.project.ProjectConfigReader;
import dev.veneer.planner.project.ProjectErrors;
import dev.veneer.spark.session.EmbeddedSparkSession;
import dev.veneer.spark.session.MetastoreSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * What a command works with, each opened on first use: the project, the state store, the
 * SparkSession. Planner-only commands never load a Spark class.
 */
final class CommandContext implements AutoCloseable {
    private final Path projectDir;
    private final Planner planner = Planner.withQueryCache();
    private ProjectConfig config;
    private CompiledProject compiled;
    private StateStore state;
    private boolean stateForReadingOnly;
    private LifecycleConfig lifecycle;

    CommandContext(Path projectDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    Path projectDir() {
        return projectDir;
    }

    Planner planner() {
        return planner;
    }

    ProjectConfig config() {
        if (config == null) {
            config = compiled != null ? compiled.project().config() : ProjectConfigReader.read(projectDir);
        }
        return config;
    }

    CompiledProject compiled() {
        if (compiled == null) {
            compiled = planner.compile(projectDir);
            config = compiled.project().config();
        }
        return compiled;
    }

    LifecycleConfig lifecycle() {
        if (lifecycle == null) {
            config();
            lifecycle = LifecycleConfig.read(projectDir);
        }
        return lifecycle;
    }

    /** How long a planned environment lives: {@code environment_ttl}, or the default outside a project. */
    static java.time.Duration environmentTtl(Path projectDir) {
        return Files.isRegularFile(projectDir.resolve(ProjectConfig.FILE_NAME))
                ? LifecycleConfig.read(projectDir).environmentTtl()
                : LifecycleConfig.DEFAULT_TTL;
    }

    StateStore state() {
        if (state != null && stateForReadingOnly) {
            state.close();
            state = null;
        }
        if (state == null) {
            state = StateStores.open(stateUrl());
            stateForReadingOnly = false;
        }
        return state;
    }

    /**
     * The state for a command that only reads it: a project's SQLite state file that does not exist
     * yet reads as empty, and is not created ({@link StateStores#openForReading}).
     */
    StateStore stateForReading() {
        if (state == null) {
            state = StateStores.openForReading(stateUrl());
            stateForReadingOnly = true;
        }
        return state;
    }

    private String stateUrl() {
        return ClusterSettings.state().map(StateLocation::toJdbcUrl).orElseGet(() -> config().state());
    }

    /** Opens the state store at an explicit URL (a plan file's), instead of the project's. */
    StateStore state(String url) {
        if (state == null) {
            state = StateStores.open(url);
        }
        return state;
    }

    /**
     * The JVM's SparkSession if one runs already (a notebook, tests), the one spark-submit configured, otherwise an
     * embedded local one whose metastore and warehouse live in the project's {@code .veneer/} folder.
     */
    SparkSession spark() {
        var existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            return existing.get();
        }
        if (System.getProperty("spark.master") != null) {
            // Started by spark-submit (or a Databricks/EMR job): the cluster's settings make the session.
            Map<String, String> submitted = new TreeMap<>();
            System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("spark."))
                    .forEach(key -> submitted.put(key, System.getProperty(key)));
            MetastoreSchema.ensure(submitted);
            return SparkSession.builder().getOrCreate();
        }
        ProjectConfig settings = config();
        return EmbeddedSparkSession.create(ProjectConfig.stateFolder(projectDir), settings.icebergCatalog(), settings.spark());
    }

    @Override
    public void close() {
        if (state != null) {
            state.close();
        }
    }

    static void printError(Exception exception, CommandLine command, boolean verbose) {
        Object userObject = command.getCommandSpec().userObject();
        if (userObject instanceof JsonOutput json && json.json()) {
            ObjectNode error = PlanFiles.mapper().createObjectNode();
            ObjectNode body = error.putObject("error");
            if (exception instanceof VeneerException veneer) {
                body.put("code", veneer.code().name());
                body.put("message", veneer.getMessage());
                veneer.location().ifPresent(location -> body.put("location", location.toString()));
                if (veneer instanceof ProjectErrors errors && errors.problems().size() > 1) {
                    var problems = body.putArray("problems");
                    errors.problems().forEach(problem -> problems.addObject()
                            .put("code", problem.code().name())
                            .put("message", problem.getMessage())
                            .put("location", problem.location().map(Object::toString).orElse(null)));
                }
            }
            else {
                body.put("code", "INTERNAL");
                body.put("message", String.valueOf(exception.getMessage()));
            }
            System.out.println(error.toPrettyString());
        }
        if (exception instanceof VeneerException veneer) {
            System.err.println("error: " + veneer.describe());
        }
        else {
            System.err.println("error: unexpected failure: " + exception
                    + (verbose ? "" : "\n(run with --verbose for the stack trace)"));
        }
        if (verbose) {
            exception.printStackTrace(System.err);
        }
    }

    static VeneerException notFound(ErrorCode code, String message) {
        return new VeneerException(code, message);
    }
}
