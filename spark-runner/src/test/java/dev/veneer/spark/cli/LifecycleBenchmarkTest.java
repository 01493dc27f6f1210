package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.spark.testing.SharedSparkSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of BENCHMARKS.md for issue 5, in a warm JVM (Spark started once):
 * {@code mvn -B -q verify -pl spark-runner -am -Dtest=LifecycleBenchmarkTest -Dveneer.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Skipped unless {@code veneer.bench} is set.
 */
@ExtendWith(SharedSparkSession.class)
class LifecycleBenchmarkTest {
    private static final int RUNS = 3;
    private static final int EXPIRED_ENVIRONMENTS = 100;

    @TempDir
    Path tmp;

    @Test
    void planAndApplyOfAFiveModelDevEnvironmentOnSqliteAndPostgresStateAndJanitorOfAHundredExpiredEnvironments() throws Exception {
        Assumptions.assumeTrue(System.getProperty("veneer.bench") != null, "benchmark: run with -Dveneer.bench=true");
        List<String> report = new ArrayList<>();
        report.add("sqlite state, plan + apply of a 5-model dev environment (4 rebuilt, 5 views), seconds: " + planAndApply(null));
        String schema = "veneer_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("CREATE SCHEMA " + schema);
        try {
            report.add("postgresql state, the same, seconds: "
                    + planAndApply("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + schema));
        }
        finally {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
        report.add(janitorOfExpiredEnvironments());
        report.forEach(System.out::println);
        Files.write(Path.of("target", "bench-lifecycle.txt"), report);
    }

    private List<String> planAndApply(String stateUrl) {
        ShopProject shop = ShopProject.create(tmp.resolve(stateUrl == null ? "sqlite" : "postgres"), SharedSparkSession.spark());
        if (stateUrl != null) {
            shop.write("veneer.yaml", shop.read("veneer.yaml") + "state: \"" + stateUrl + "\"\n");
        }
        shop.ok("plan", "prod", "--auto-apply");
        List<String> seconds = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            shop.edit("models/staging/orders.sql", "amount,", "amount + " + run + " AS amount,");
            long start = System.nanoTime();
            shop.ok("plan", "dev" + run, "--auto-apply");
            double elapsed = (System.nanoTime() - start) / 1e9;
            shop.edit("models/staging/orders.sql", "amount + " + run + " AS amount,", "amount,");
            if (run > 0) {
                seconds.add(String.format(Locale.ROOT, "%.2f", elapsed)); // run 0 warms up
            }
        }
        return seconds;
    }

    private String janitorOfExpiredEnvironments() {
        ShopProject shop = ShopProject.create(tmp.resolve("janitor"), SharedSparkSession.spark());
        shop.ok("plan", "prod", "--auto-apply");
        long setup = System.nanoTime();
        for (int i = 0; i < EXPIRED_ENVIRONMENTS; i++) {
            shop.ok("plan", "env" + i, "--auto-apply");
        }
        double setupSeconds = (System.nanoTime() - setup) / 1e9;
        try (StateStore state = StateStores.open("jdbc:sqlite:" + shop.dir.resolve(".veneer/state.db"))) {
            for (int i = 0; i < EXPIRED_ENVIRONMENTS; i++) {
                state.expireEnvironment("env" + i, Instant.now());
            }
        }
        long start = System.nanoTime();
        CliRunner.Result result = shop.ok("janitor", "--json");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(ShopProject.parse(result.stdout()).get("summary").asText()).startsWith("dropped " + EXPIRED_ENVIRONMENTS + " environments");
        assertThat(shop.views("staging")).hasSize(2);
        return String.format(Locale.ROOT, "janitor of %d expired environments (%d views, %d schemas): %.1f s (creating them took %.1f s)",
                EXPIRED_ENVIRONMENTS, EXPIRED_ENVIRONMENTS * 5, EXPIRED_ENVIRONMENTS * 3, seconds, setupSeconds);
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
