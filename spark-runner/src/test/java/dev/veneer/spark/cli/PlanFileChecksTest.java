package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan file handed to {@code apply} on another machine is checked before anything runs: its
 * format version, its project, the environment it was planned against. Each refusal says what is
 * wrong and what to do, exits 1, and changes neither the environments in state nor any view.
 * Plan and state locations may be Hadoop file system URIs and {@code spark.veneer.*} settings.
 */
@ExtendWith(SharedSparkSession.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanFileChecksTest {
    @TempDir
    static Path tmp;

    ShopProject shop;
    Path devPlan;
    String envsBefore;
    String viewsBefore;

    @BeforeAll
    void deployAndPlan() {
        shop = ShopProject.create(tmp, SharedSparkSession.spark());
        shop.ok("plan", "prod", "--auto-apply");
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
        devPlan = tmp.resolve("dev-plan.json");
        shop.ok("plan", "dev", "--out", devPlan.toString());
    }

    @BeforeEach
    void rememberState() {
        envsBefore = shop.ok("envs", "--json").stdout();
        viewsBefore = shop.viewDefinitions();
    }

    @Test
    void planFileOfANewerVeneerAsksToUpgradeTheRunnerJar() throws IOException {
        Path future = withJson("future.json", json -> json.put("format_version", PlanFile.FORMAT_VERSION + 1));

        assertRefused(shop.veneer("apply", future.toString()), "future.json", "plan file format " + (PlanFile.FORMAT_VERSION + 1)
                + " is newer than this Veneer (supports " + PlanFile.FORMAT_VERSION + "): upgrade the runner jar");
    }

    @Test
    void planFileOfAnotherProjectIsRefusedByTheState() throws IOException {
        Path other = withJson("other-project.json", json -> json.put("project", "warehouse"));

        assertRefused(CliRunner.runRaw("--project", tmp.resolve("nowhere").toString(), "apply", other.toString(), "--state", shopState()),
                "was made for project 'warehouse'", "belongs to project 'shop'");
    }

    @Test
    void planFileOfAnotherProjectIsRefusedBySparkVeneerProject() {
        String previous = System.setProperty(ClusterSettings.PROJECT, "warehouse");
        try {
            assertRefused(shop.veneer("apply", devPlan.toString()),
                    "was made for project 'shop', but this job is for project 'warehouse' (spark.veneer.project)");
        }
        finally {
            restore(ClusterSettings.PROJECT, previous);
        }
    }

    @Test
    void planOfAnEnvironmentThatMovedOnIsRefusedBeforeSparkRuns() throws IOException {
        Path stale = withJson("stale.json", json -> json.put("plan_id", "fedcba9876543210").put("expected_plan_id", "0123456789abcdef"));

        assertRefused(shop.veneer("apply", stale.toString()), "environment 'dev' changed since this plan was made; plan again",
                "expects plan 0123456789abcdef");
    }

    @Test
    void missingPlanFileOnAHadoopFileSystemSaysSo() {
        assertRefused(shop.veneer("apply", tmp.resolve("absent.json").toUri().toString()), "absent.json does not exist",
                "veneer plan ENV --out FILE");
    }

    @Test
    void sqliteStateOnARemoteFileSystemIsRefusedWithWhatToUseInstead() {
        String previous = System.setProperty(ClusterSettings.STATE, "s3a://bucket/veneer/state.db");
        CliRunner.Result result;
        try {
            result = shop.veneer("apply", devPlan.toString());
        }
        finally {
            restore(ClusterSettings.STATE, previous);
        }
        assertRefused(result, "cannot use state 's3a://bucket/veneer/state.db'", "jdbc:postgresql://");
    }

    @Test
    void planFileAndStateGivenAsFileUrisAndSparkVeneerStateAreApplied() {
        String previous = System.setProperty(ClusterSettings.STATE, Path.of(shopState().substring("jdbc:sqlite:".length())).toUri().toString());
        try {
            CliRunner.Result result = CliRunner.runRaw("--project", tmp.resolve("nowhere").toString(), "apply", devPlan.toUri().toString());

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).contains("Environment dev is up to date");
            assertThat(shop.count("SELECT count(*) FROM staging__dev.customers")).isEqualTo(2);
        }
        finally {
            restore(ClusterSettings.STATE, previous);
        }
    }

    private String shopState() {
        return "jdbc:sqlite:" + shop.dir.resolve(".veneer").resolve("state.db");
    }

    private interface JsonEdit {
        void apply(ObjectNode json);
    }

    private Path withJson(String name, JsonEdit edit) throws IOException {
        ObjectNode json = (ObjectNode) ShopProject.parse(Files.readString(devPlan));
        edit.apply(json);
        Path file = tmp.resolve(name);
        Files.writeString(file, json.toPrettyString());
        return file;
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        }
        else {
            System.setProperty(key, previous);
        }
    }

    private void assertRefused(CliRunner.Result result, String... messageParts) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).as(result.toString()).contains(messageParts);
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(envsBefore);
        assertThat(shop.viewDefinitions()).isEqualTo(viewsBefore);
    }
}
