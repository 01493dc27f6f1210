package dev.veneer.examples;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.project.ProjectConfig;
import dev.veneer.spark.cli.VeneerCli;
import dev.veneer.spark.session.EmbeddedSparkSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The end-to-end walkthrough on the TPC-H example: prod deploy, a breaking change in dev, a
 * non-breaking change, promotion with no backfill, rollback by repointing views.
 */
@Command(name = "demo", description = "Walk through prod, dev, promotion and rollback on the TPC-H example project.")
public final class DemoCommand implements Callable<Integer> {
    static final String ORDERS = "models/staging/orders.sql";
    static final String CUSTOMERS = "models/staging/customers.sql";

    @Option(names = "--dir", paramLabel = "DIR", description = "Scratch folder for the demo project (default: a new temporary folder).")
    Path dir;

    @Option(names = "--scale", paramLabel = "SF", defaultValue = "0.01", description = "TPC-H scale factor (default 0.01).")
    double scale;

    private final Map<String, Double> stepSeconds = new LinkedHashMap<>();
    private SparkSession spark;
    private Path project;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        project = (dir != null ? dir : Files.createTempDirectory("veneer-demo-")).toAbsolutePath().normalize();
        copyProject(exampleProject(), project);
        say("Veneer demo in " + project);
        say("The TPC-H example: staging -> marts -> reporting models over the raw tpch.* tables, Delta and Iceberg tables, one VIEW model.");

        step("Load TPC-H data (scale " + scale + ") as external tables tpch.*", () -> {
            // A session already running in this JVM (tests, a notebook) is used as it is.
            spark = SparkSession.getDefaultSession().isDefined()
                    ? SparkSession.getDefaultSession().get()
                    : EmbeddedSparkSession.create(ProjectConfig.stateFolder(project), "lake", Map.of());
            TpchLoader.load(spark, scale);
        });
        String originalOrders = read(ORDERS);
        String originalCustomers = read(CUSTOMERS);

        step("1. First deploy to prod: every model is built", () -> {
            veneer("plan", "prod", "--auto-apply");
            counts("prod");
        });
        step("2. A breaking change in dev: staging.orders drops partially shipped orders", () -> {
            write(ORDERS, originalOrders.replace("FROM tpch.orders", "FROM tpch.orders\nWHERE o_orderstatus <> 'P'"));
            veneer("plan", "dev");
            veneer("plan", "dev", "--auto-apply");
            say("Unchanged models share prod's tables: staging.suppliers in prod and in dev is");
            veneer("table-name", "staging.suppliers");
            veneer("table-name", "staging.suppliers", "--env", "dev");
            say("while staging.orders got a table of its own in dev:");
            veneer("table-name", "staging.orders", "--env", "dev");
            counts("prod");
            counts("dev");
        });
        step("3. A non-breaking change in dev: staging.customers gains a column; children keep their tables", () -> {
            write(CUSTOMERS, originalCustomers.replace("  c_phone AS phone\n", "  c_phone AS phone,\n  c_address AS address\n"));
            veneer("plan", "dev", "--auto-apply");
            veneer("query", "--env", "dev", "SELECT customer_name, address FROM staging.customers ORDER BY customer_key LIMIT 3");
        });
        step("4. Promote dev to prod: nothing is computed, prod's views are repointed", () -> {
            veneer("plan", "prod", "--auto-apply");
            counts("prod");
        });
        step("5. Roll back: the original code points prod at its original tables again", () -> {
            write(ORDERS, originalOrders);
            write(CUSTOMERS, originalCustomers);
            veneer("plan", "prod", "--auto-apply");
            counts("prod");
            veneer("envs");
        });

        say("");
        say("Timings:");
        stepSeconds.forEach((name, seconds) -> System.out.printf("  %6.1f s  %s%n", seconds, name));
        System.out.printf("  %6.1f s  total%n", (System.nanoTime() - started) / 1e9);
        say("Explore it yourself: bin/veneer --project " + project + " envs");
        return 0;
    }

    private void counts(String environment) {
        String suffix = environment.equals("prod") ? "" : "__" + environment;
        say("Row counts in " + environment + ":");
        for (String model : List.of("staging.orders", "marts.customer_orders", "marts.monthly_revenue", "marts.top_customers")) {
            String[] parts = model.split("\\.");
            long rows = spark.sql("SELECT count(*) FROM `" + parts[0] + suffix + "`.`" + parts[1] + "`").first().getLong(0);
            System.out.printf("    %-28s %,10d%n", model, rows);
        }
    }

    private void veneer(String... args) {
        List<String> all = new ArrayList<>(List.of("--project", project.toString()));
        all.addAll(List.of(args));
        System.out.println();
        System.out.println("$ veneer " + String.join(" ", args));
        int status = VeneerCli.run(all.toArray(String[]::new));
        if (status != 0) {
            throw new VeneerException(ErrorCode.BUILD_FAILED, "demo step 'veneer " + String.join(" ", args) + "' failed with exit status " + status);
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private void step(String title, Step body) throws IOException {
        say("");
        say("=== " + title);
        long started = System.nanoTime();
        body.run();
        stepSeconds.put(title, (System.nanoTime() - started) / 1e9);
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private String read(String relative) {
        try {
            return Files.readString(project.resolve(relative), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String relative, String content) {
        try {
            Files.writeString(project.resolve(relative), content, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        say("(edited " + relative + ")");
    }

    /** The example project: under the Veneer installation (bin/veneer sets veneer.home), or found from here. */
    static Path exampleProject() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("veneer.home");
        if (home != null) {
            candidates.add(Path.of(home, "examples", "tpch"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("examples").resolve("tpch"));
            candidates.add(dir.resolve("tpch"));
        }
        return candidates.stream()
                .filter(path -> Files.isRegularFile(path.resolve(ProjectConfig.FILE_NAME)))
                .findFirst()
                .orElseThrow(() -> new VeneerException(ErrorCode.PROJECT_INVALID,
                        "cannot find the example project examples/tpch; run the demo with bin/veneer from a Veneer checkout"));
    }

    static void copyProject(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith(ProjectConfig.STATE_FOLDER)) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
