package dev.veneer.spark.team;

import static org.junit.jupiter.api.Assertions.fail;

import dev.veneer.spark.testing.SharedClassData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A lakehouse shaped like a team's (conf/team/): state and Hive metastore on the PostgreSQL server of
 * this machine kind, a warehouse folder shared by every process, and child JVMs running the real
 * {@code veneer} command line. One fresh database (metastore) and schema (state) per instance, dropped
 * by {@link #close()}. Skips the test when no server is reachable (fails on CI, where one must be).
 */
final class TeamLakehouse implements AutoCloseable {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=5";
    static final String NOT_REACHABLE = "PostgreSQL not reachable at 127.0.0.1:5432: start it with "
            + "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`";

    final String name;
    final Path root;
    final String stateUrl;
    final String metastoreUrl;

    private TeamLakehouse(Path root, String name) {
        this.root = root;
        this.name = name;
        this.stateUrl = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + name;
        this.metastoreUrl = "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    }

    static TeamLakehouse create(Path root) {
        requireServer();
        String name = "veneer_team_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute(SERVER, "CREATE DATABASE " + name);
        execute(SERVER, "CREATE SCHEMA " + name);
        return new TeamLakehouse(root, name);
    }

    static void requireServer() {
        try (Connection connection = DriverManager.getConnection(SERVER)) {
            connection.isValid(5);
        }
        catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(NOT_REACHABLE + " (" + e.getMessage() + ")", e);
            }
            Assumptions.abort(NOT_REACHABLE);
        }
    }

    /** The team veneer.yaml of conf/team/, pointed at this instance. */
    String veneerYaml(String project) {
        return """
                name: %s
                default_table_format: delta
                iceberg_catalog: lake
                state: %s
                spark:
                  spark.master: "local[1]"
                  spark.sql.shuffle.partitions: "1"
                  spark.default.parallelism: "1"
                  spark.hadoop.javax.jdo.option.ConnectionURL: "%s"
                  spark.hadoop.javax.jdo.option.ConnectionDriverName: org.postgresql.Driver
                  spark.hadoop.javax.jdo.option.ConnectionUserName: postgres
                  spark.hadoop.datanucleus.schema.autoCreateAll: "false"
                  spark.hadoop.datanucleus.connectionPool.maxPoolSize: "2"
                  spark.sql.warehouse.dir: "%s"
                  spark.sql.catalog.lake.warehouse: "%s"
                  spark.sql.catalog.lake.cache-enabled: "false"
                """.formatted(project, stateUrl, metastoreUrl, root.resolve("warehouse"), root.resolve("iceberg"));
    }

    /** A project of five tiny models over inline data (no source tables): a → b → c → e, and the view d over b. */
    Path project(String folder, int variant) {
        return project(folder, variant, 0);
    }

    /**
     * The project with {@code variant} in {@code a} (a breaking change: every model rebuilt) and, if not 0,
     * {@code leafVariant} as a column appended to {@code e} (non-breaking: only e rebuilt).
     */
    Path project(String folder, int variant, int leafVariant) {
        Path dir = root.resolve(folder);
        write(dir.resolve("veneer.yaml"), veneerYaml("team"));
        write(dir.resolve("models/staging/a.sql"), """
                MODEL (name staging.a, kind FULL, table_format delta);
                SELECT id, id * 10 + %d AS amount FROM VALUES (1), (2), (3) AS t(id)
                """.formatted(variant));
        write(dir.resolve("models/staging/b.sql"), """
                MODEL (name staging.b, kind FULL, table_format iceberg);
                SELECT id, amount + 1 AS amount FROM staging.a
                """);
        write(dir.resolve("models/marts/c.sql"), """
                MODEL (name marts.c, kind FULL, table_format delta);
                SELECT sum(amount) AS total FROM staging.b
                """);
        write(dir.resolve("models/marts/d.sql"), """
                MODEL (name marts.d, kind VIEW);
                SELECT * FROM staging.b WHERE id > 1
                """);
        write(dir.resolve("models/reporting/e.sql"), """
                MODEL (name reporting.e, kind FULL, table_format iceberg);
                SELECT total%s FROM marts.c
                """.formatted(leafVariant == 0 ? "" : ", " + leafVariant + " AS variant"));
        return dir;
    }

    /** A child JVM running {@code veneer}; output goes to files named after {@code label}. */
    Child start(String label, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect"))
                .forEach(command::add);
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1"));
        command.add("-Dlog4j2.configurationFile=" + Path.of("..", "conf", "log4j2.properties").toAbsolutePath());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Path out = root.resolve("logs").resolve(label + ".out");
        Path err = root.resolve("logs").resolve(label + ".err");
        try {
            Files.createDirectories(out.getParent());
            Process process = SharedClassData.start(new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()));
            return new Child(label, process, out, err);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code veneer --project DIR args...} in a child JVM. */
    Child veneer(String label, Path project, List<String> jvmOptions, String... args) {
        List<String> all = new ArrayList<>(List.of("--project", project.toString()));
        all.addAll(List.of(args));
        return start(label, jvmOptions, "dev.veneer.spark.cli.VeneerCli", all);
    }

    /** Several veneer commands, separated by {@code ---}, in one child JVM (see {@link CliBatch}). */
    Child batch(String label, List<String> args) {
        return start(label, List.of(), CliBatch.class.getName(), args);
    }

    record Child(String label, Process process, Path out, Path err) {
        /** Waits for the process; returns its exit status. */
        int await() {
            try {
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(label + " did not finish in 10 minutes:\n" + output());
                }
                return process.exitValue();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        String output() {
            return "--- " + label + " stdout\n" + stdout() + "\n--- stderr\n" + stderr();
        }

        /** Waits and checks the exit status; returns stdout. */
        String ok() {
            int exit = await();
            if (exit != 0) {
                throw new AssertionError(label + " exited " + exit + "\n" + output());
            }
            return stdout();
        }
    }

    /** Every table and view of the metastore, {@code schema.name -> type: text}, read over JDBC (no Spark in this JVM). */
    Map<String, String> metastoreObjects() {
        Map<String, String> objects = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(metastoreUrl); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT d.\"NAME\", t.\"TBL_NAME\", t.\"TBL_TYPE\", t.\"VIEW_ORIGINAL_TEXT\""
                        + " FROM \"TBLS\" t JOIN \"DBS\" d ON t.\"DB_ID\" = d.\"DB_ID\"")) {
            while (rows.next()) {
                objects.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3) + ": " + rows.getString(4));
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return objects;
    }

    /** Prod's virtual layer: the views in schemas without {@code __}. */
    Map<String, String> prodViews() {
        Map<String, String> views = new TreeMap<>();
        metastoreObjects().forEach((name, text) -> {
            if (!name.contains("__") && text.startsWith("VIRTUAL_VIEW")) {
                views.put(name, text);
            }
        });
        return views;
    }

    @Override
    public void close() {
        execute(SERVER, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        execute(SERVER, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
