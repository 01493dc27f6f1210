package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where users run Veneer, each in a JVM of its own over one "cluster" folder (metastore and
 * warehouses), one after another: a laptop plans; {@code spark-submit} applies prod, then dev, with
 * only the plan file, the runner jar, {@code --conf spark.veneer.*} settings, and older Jackson and
 * ANTLR jars on the application classpath (first, then beside the runner jar); a notebook JVM with
 * {@code VeneerExtensions} reads dev under production names beside a prod session; commands that
 * need only the state run without a project folder; bad plan files are refused before Spark starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ClusterJobsTest {
    static final String EXTENSIONS = "io.delta.sql.DeltaSparkSessionExtension,"
            + "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,dev.veneer.spark.VeneerExtensions";

    @TempDir
    static Path tmp;

    Path project;
    Path cluster;
    Path clusterState;
    String clusterStateUrl;
    Planner planner = new Planner();

    @BeforeAll
    void laptopProject() throws IOException {
        project = tmp.resolve("laptop/project");
        cluster = tmp.resolve("cluster");
        clusterState = cluster.resolve("veneer/state.db");
        clusterStateUrl = "jdbc:sqlite:" + clusterState;
        // the plan names the laptop's state, which the cluster never sees: the job's --conf spark.veneer.state wins
        write(project.resolve("veneer.yaml"), "name: submitted\nstate: jdbc:sqlite:" + tmp.resolve("laptop/state.db") + "\n");
        write(project.resolve("models/staging/numbers.sql"), """
                MODEL (name staging.numbers, kind FULL, table_format iceberg);
                SELECT id, id * 2 AS doubled FROM VALUES (1), (2), (3) AS t(id)
                """);
        write(project.resolve("models/marts/total.sql"), """
                MODEL (name marts.total, kind FULL, table_format delta);
                SELECT sum(doubled) AS total FROM staging.numbers
                """);
        write(project.resolve("models/marts/numbers_view.sql"), """
                MODEL (name marts.numbers_view, kind VIEW);
                SELECT id FROM staging.numbers WHERE id > 1
                """);
    }

    @Test
    @Order(0)
    void runnerJarShipsItsJacksonRelocatedAndNoAntlr() throws IOException {
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(ChildJvm.runnerJar().toFile())) {
            List<String> entries = jar.stream().map(java.util.zip.ZipEntry::getName).filter(name -> name.endsWith(".class")).toList();

            assertThat(entries).contains("dev/veneer/shaded/com/fasterxml/jackson/databind/ObjectMapper.class",
                    "dev/veneer/shaded/org/yaml/snakeyaml/Yaml.class", "dev/veneer/spark/VeneerExtensions.class");
            assertThat(entries).filteredOn(name -> name.replaceFirst("^META-INF/versions/\\d+/", "")
                    .matches("(com/fasterxml|org/yaml|org/antlr|org/apache/spark|scala)/.*")).isEmpty();
        }
    }

    /**
     * {@code spark.driver.userClassPathFirst=true} puts the job's jars before Spark's, so Veneer's own
     * classes meet Jackson 2.12 first. A runner jar whose Jackson is not relocated fails here
     * ({@code VerifyError} in jackson-datatype-jsr310 2.20 over jackson-databind 2.12; tried with the
     * walking skeleton's shade configuration).
     */
    @Test
    @Order(1)
    void applyThroughSparkSubmitWithOlderJacksonAndAntlrFirstOnTheApplicationClasspath() throws IOException {
        Path plan = plan("prod");

        ChildJvm.Result result = ChildJvm.sparkSubmit(cluster, jobConf(Map.of("spark.driver.userClassPathFirst", "true")),
                List.of("--jars", conflictingJars()),
                "--project", tmp.resolve("nowhere").toString(), "apply", plan.toUri().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).contains("[3/3]").contains("Environment prod is up to date");
        assertThat(Files.exists(tmp.resolve("laptop/state.db"))).as("the plan's own state is never opened").isFalse();
        try (StateStore state = StateStores.open(clusterStateUrl)) {
            assertThat(state.environment("prod").orElseThrow().finalized()).isTrue();
        }
    }

    @Test
    @Order(2)
    void applyDevThroughSparkSubmitWithOlderJacksonAndAntlrBesideTheRunnerJar() throws IOException {
        Files.writeString(project.resolve("models/staging/numbers.sql"), """
                MODEL (name staging.numbers, kind FULL, table_format iceberg);
                SELECT id, id * 2 AS doubled FROM VALUES (1), (2), (3), (4) AS t(id)
                """);
        Path plan = plan("dev");

        ChildJvm.Result result = ChildJvm.sparkSubmit(cluster, jobConf(Map.of()), List.of("--jars", conflictingJars()),
                "apply", plan.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        try (StateStore state = StateStores.open(clusterStateUrl)) {
            EnvironmentRecord dev = state.environment("dev").orElseThrow();
            assertThat(dev.finalized()).isTrue();
            assertThat(dev.pointer(ModelName.parse("marts.total")).orElseThrow().physicalTable())
                    .isNotEqualTo(state.environment("prod").orElseThrow().pointer(ModelName.parse("marts.total")).orElseThrow().physicalTable());
        }
    }

    @Test
    @Order(3)
    void notebookJvmReadsDevUnderProductionNamesBesideAProdSession() {
        Map<String, String> notebookConf = ChildJvm.sparkConf(cluster, Map.of(
                "spark.master", "local[2]",
                "spark.app.name", "notebook",
                "spark.sql.extensions", EXTENSIONS,
                "spark.veneer.environment", "dev"));

        ChildJvm.Result result = ChildJvm.java(cluster, notebookConf, List.of(testClasses()), NotebookProbe.class,
                "nb|SELECT count(*) FROM staging.numbers",
                "prod|SET spark.veneer.environment=prod",
                "prod|SELECT count(*) FROM staging.numbers",
                "nb|SELECT total FROM marts.total",
                "prod|SELECT total FROM marts.total",
                "nb|SELECT count(*) FROM marts.numbers_view",
                "prod|SELECT count(*) FROM marts.numbers_view",
                "nb|SELECT veneer_environment()",
                "prod|SELECT veneer_environment()",
                "nb|SET spark.veneer.environment=nope",
                "nb|SELECT count(*) FROM staging.numbers",
                "nb|SET spark.veneer.environment=prod",
                "nb|SELECT count(*) FROM staging.numbers",
                "py|use:dev",
                "py|SELECT count(*) FROM staging.numbers");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output().lines().filter(line -> line.contains(" => ")).toList()).containsExactly(
                "nb|SELECT count(*) FROM staging.numbers => 4",
                "prod|SET spark.veneer.environment=prod => spark.veneer.environment",
                "prod|SELECT count(*) FROM staging.numbers => 3",
                "nb|SELECT total FROM marts.total => 20",
                "prod|SELECT total FROM marts.total => 12",
                "nb|SELECT count(*) FROM marts.numbers_view => 3",
                "prod|SELECT count(*) FROM marts.numbers_view => 2",
                "nb|SELECT veneer_environment() => dev",
                "prod|SELECT veneer_environment() => prod",
                "nb|SET spark.veneer.environment=nope => spark.veneer.environment",
                "nb|SELECT count(*) FROM staging.numbers => ERROR environment 'nope' (spark.veneer.environment) does not exist"
                        + " in this metastore: no schema <schema>__nope holds its views; environments here: dev. Create it with"
                        + " 'veneer plan nope --auto-apply', SET spark.veneer.environment to one that exists, or RESET it to read prod",
                "nb|SET spark.veneer.environment=prod => spark.veneer.environment",
                "nb|SELECT count(*) FROM staging.numbers => 3",
                "py|use:dev => ok",
                "py|SELECT count(*) FROM staging.numbers => 4");
        assertThat(result.output()).contains("environment 'dev' answered: staging.numbers -> staging__dev.numbers");
    }

    @Test
    @Order(4)
    void commandsThatNeedOnlyTheStateRunThroughSparkSubmitWithoutAProjectFolder() {
        ChildJvm.Result result = ChildJvm.sparkSubmit(cluster, jobConf(Map.of()), List.of(),
                "--project", tmp.resolve("nowhere").toString(), "envs", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).contains("\"prod\"").contains("\"dev\"");
    }

    /** A scheduled {@code run prod} job: from the state alone, a day after prod was built, every daily model is due. */
    @Test
    @Order(5)
    void runProdThroughSparkSubmitFromTheStateAlone() {
        String tomorrow = java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString();

        ChildJvm.Result result = ChildJvm.sparkSubmit(cluster, jobConf(Map.of()), List.of(),
                "--project", tmp.resolve("nowhere").toString(), "run", "prod", "--execution-time", tomorrow, "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).contains("\"model\" : \"staging.numbers\"", "\"model\" : \"marts.total\"", "\"next_run\"");
        try (StateStore state = StateStores.open(clusterStateUrl)) {
            assertThat(state.environment("prod").orElseThrow().finalized()).isTrue();
        }
    }

    @Test
    @Order(6)
    void badPlanFilesAreRefusedBeforeSparkStartsAndChangeNothing() throws IOException {
        Path plan = plan("dev");
        Path future = tmp.resolve("future.json");
        Files.writeString(future, Files.readString(plan).replaceFirst("\"format_version\" : \\d+",
                "\"format_version\" : " + (PlanFile.FORMAT_VERSION + 1)));
        String before = environments();

        ChildJvm.Result newer = ChildJvm.sparkSubmit(cluster, jobConf(Map.of()), List.of(), "apply", future.toString());
        ChildJvm.Result otherProject = ChildJvm.sparkSubmit(cluster, jobConf(Map.of("spark.veneer.project", "warehouse")), List.of(),
                "apply", plan.toString());

        assertThat(newer.exitCode()).as(newer.toString()).isEqualTo(1);
        assertThat(newer.output()).contains("plan file format " + (PlanFile.FORMAT_VERSION + 1) + " is newer than this Veneer (supports "
                + PlanFile.FORMAT_VERSION + "): upgrade the runner jar");
        assertThat(otherProject.exitCode()).as(otherProject.toString()).isEqualTo(1);
        assertThat(otherProject.output()).contains("was made for project 'submitted', but this job is for project 'warehouse'");
        assertThat(environments()).isEqualTo(before);
    }

    /** The job's settings: the cluster's Spark conf, the state through --conf, as a file: URI. */
    private Map<String, String> jobConf(Map<String, String> extra) {
        Map<String, String> conf = new java.util.TreeMap<>(Map.of("spark.veneer.state", clusterState.toUri().toString()));
        conf.putAll(extra);
        return ChildJvm.sparkConf(cluster, conf);
    }

    private Path plan(String environment) {
        Path file = tmp.resolve("plans").resolve(environment + ".json");
        try (StateStore state = StateStores.open(clusterStateUrl)) {
            PlanFiles.write(planner.plan(planner.compile(project), state, PlanRequest.of(environment)), file);
        }
        return file;
    }

    private String environments() {
        try (StateStore state = StateStores.open(clusterStateUrl)) {
            return state.environments().toString();
        }
    }

    /** Jackson 2.12 and ANTLR 4.7 (Spark 4.1 has 2.20 and 4.13), copied by the build into target/conflicting-jars. */
    private static String conflictingJars() throws IOException {
        Path dir = Path.of(System.getProperty("veneer.conflicting.jars"));
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> all = new ArrayList<>(jars.filter(path -> path.toString().endsWith(".jar")).sorted().toList());
            assertThat(all).extracting(path -> path.getFileName().toString())
                    .contains("jackson-databind-2.12.7.jar", "jackson-core-2.12.7.jar", "antlr4-runtime-4.7.2.jar");
            return all.stream().map(Path::toString).collect(Collectors.joining(","));
        }
    }

    private static Path testClasses() {
        return Path.of("target", "test-classes").toAbsolutePath();
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
