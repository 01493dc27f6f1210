package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veneer plan} without applying: planner-only, run in this JVM without Spark. */
class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path project;
    private CliRunner cli;

    @BeforeEach
    void copyShop() {
        project = tmp.resolve("shop");
        ShopProject.copyTree(ShopProject.fixture("shop"), project);
        cli = new CliRunner(project);
    }

    @Test
    void aPlanOfAProjectNeverAppliedCreatesNoStateDatabase() throws IOException {
        CliRunner.Result json = cli.run("plan", "prod", "--json");
        CliRunner.Result text = cli.run("plan", "dev");
        CliRunner.Result out = cli.run("plan", "dev", "--out", tmp.resolve("dev.json").toString());

        assertThat(List.of(json, text, out)).allSatisfy(result -> assertThat(result.exitCode()).as(result.toString()).isZero());
        assertThat(JSON.readTree(json.stdout()).get("added")).hasSize(5);
        assertThat(JSON.readTree(json.stdout()).get("expected_plan_id").isNull()).isTrue();
        assertThat(text.stdout()).contains("staging.orders");
        assertThat(project.resolve(".veneer/state.db")).doesNotExist();
        assertThat(tmp.resolve("dev.json")).exists();
    }

    @Test
    void theJsonIsTheSummaryAScriptReadsAndThePlanFileHasWhatTheRunnerNeeds() throws IOException {
        Path file = tmp.resolve("prod.json");

        CliRunner.Result result = cli.run("plan", "prod", "--json", "--out", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode printed = JSON.readTree(result.stdout());
        JsonNode plan = JSON.readTree(file.toFile());
        assertThat(printed.get("plan_id")).isEqualTo(plan.get("plan_id"));
        for (String key : List.of("environment", "base_environment", "added", "removed", "metadata_updated", "directly_modified",
                "indirectly_modified", "backfills", "views", "reused", "notes", "audit_checks")) {
            assertThat(printed.has(key)).as(key).isTrue();
        }
        assertThat(printed.get("backfills")).isEqualTo(plan.get("backfills"));
        assertThat(printed.get("views")).isEqualTo(plan.get("views"));
        assertThat(printed.has("snapshots")).isFalse();
        assertThat(printed.get("builds").findValues("sql")).isEmpty();
        assertThat(printed.get("builds").findValuesAsText("model")).isEqualTo(plan.get("builds").findValuesAsText("model"));
        assertThat(plan.get("builds").findValues("sql")).isNotEmpty();
        assertThat(plan.get("snapshots")).hasSize(5);
    }

    @Test
    void everyCommandPrintsItsHelpWithDashDashHelpOrTheHelpCommand() {
        for (String command : VeneerCli.commandLine().getSubcommands().keySet()) {
            CliRunner.Result help = CliRunner.runRaw(command, "--help");

            assertThat(help.exitCode()).as(help.toString()).isZero();
            assertThat(help.stdout()).as(command).contains("Usage: veneer " + command);
        }
        CliRunner.Result plan = CliRunner.runRaw("help", "plan");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.stdout()).contains("Usage: veneer plan", "--auto-apply", "--help");
        assertThat(CliRunner.runRaw("docs", "generate", "-h").stdout()).contains("Usage: veneer docs generate");
    }

    @Test
    void commandsThatOnlyReadStateCreateNoStateDatabaseInAFreshProject() {
        CliRunner.Result envs = cli.run("envs");
        CliRunner.Result render = cli.run("render", "staging.orders");
        CliRunner.Result tableName = cli.run("table-name", "staging.orders");
        CliRunner.Result diff = cli.run("diff", "prod", "dev");
        CliRunner.Result lineage = cli.run("lineage", "staging.orders.amount");

        assertThat(envs.exitCode()).as(envs.toString()).isZero();
        assertThat(envs.stdout()).contains("No environments yet");
        for (CliRunner.Result missing : List.of(render, tableName, diff)) {
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
            assertThat(missing.stderr()).contains("environment 'prod' does not exist; create it with 'veneer plan prod --auto-apply'");
        }
        assertThat(lineage.exitCode()).as(lineage.toString()).isZero();
        assertThat(project.resolve(".veneer/state.db")).doesNotExist();
    }
}
