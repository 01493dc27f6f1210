package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veneer docs} and {@code plan --format}: planner-only commands, run in this JVM without Spark.
 * The pages themselves are checked in a browser by the docs module's tests.
 */
class DocsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Path project;
    static CliRunner cli;

    @BeforeAll
    static void copyProject() {
        project = tmp.resolve("shop");
        ShopProject.copyTree(ShopProject.fixture("shop"), project);
        cli = new CliRunner(project);
    }

    private static List<String> files(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (var walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).forEach(file -> names.add(folder.relativize(file).toString()));
        }
        return names;
    }

    @Test
    void generateWritesASiteThatOpensFromDisk() throws IOException {
        Path out = tmp.resolve("site");

        CliRunner.Result result = cli.run("docs", "generate", "--out", out.toString(), "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode written = JSON.readTree(result.stdout());
        assertThat(written.get("index").asText()).isEqualTo(out.resolve("index.html").toString());
        assertThat(files(out)).contains("index.html", "models.html", "dag.html", "environments.html", "lineage.html",
                "models/staging.orders.html", "data/graph.js", "assets/dagre.min.js", "assets/veneer.js", "assets/veneer.css");
        assertThat(written.get("files").asInt()).isEqualTo(files(out).size() - 1);
        assertThat(Files.readString(out.resolve("assets/dagre.min.js"))).contains("dagre");
        assertThat(Files.readString(out.resolve("index.html"))).doesNotContain("http://", "https://");
    }

    @Test
    void anUnknownEnvironmentIsRefusedAndNothingIsWritten() {
        Path out = tmp.resolve("site-unknown-env");

        CliRunner.Result result = cli.run("docs", "generate", "--env", "staging", "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("error: --env staging: no such environment; there are none yet");
        assertThat(out).doesNotExist();
        assertThat(tmp).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith(".site-unknown-env"));
    }

    @Test
    void anOutputThatIsAFileIsRefusedAndLeftAsItIs() throws IOException {
        Path out = Files.writeString(tmp.resolve("site.txt"), "my notes");

        CliRunner.Result result = cli.run("docs", "generate", "--out", out.toString(), "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(result.stdout()).at("/error/code").asText()).isEqualTo("OUTPUT_INVALID");
        assertThat(result.stderr()).contains("site.txt is a file, not a folder");
        assertThat(Files.readString(out)).isEqualTo("my notes");
    }

    @Test
    void aCorruptPlanFileIsRefusedAndNothingIsWritten() throws IOException {
        Path plan = Files.writeString(tmp.resolve("broken.json"), "{\"format_version\": 2, \"plan_id\": ", StandardCharsets.UTF_8);

        CliRunner.Result result = cli.run("docs", "plan", plan.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("plan file " + plan + " is corrupt", "veneer plan ENV --out FILE");
        assertThat(tmp.resolve("broken-docs")).doesNotExist();
    }

    @Test
    void planFileIsDrawnBesideIt() throws IOException {
        Path plan = tmp.resolve("plans/dev.json");
        assertThat(cli.run("plan", "dev", "--out", plan.toString()).exitCode()).isZero();

        CliRunner.Result result = cli.run("docs", "plan", plan.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains(tmp.resolve("plans/dev-docs/index.html").toString());
        assertThat(Files.readString(tmp.resolve("plans/dev-docs/index.html"))).contains("Plan for environment dev", "staging.orders");
    }

    @Test
    void planPrintsMarkdownForAPullRequestAndJsonAsBefore() throws IOException {
        CliRunner.Result markdown = cli.run("plan", "prod", "--format", "markdown");
        assertThat(markdown.exitCode()).isZero();
        assertThat(markdown.stdout()).startsWith("### Veneer plan for `prod`\n").contains("| `staging.orders` | added |");

        JsonNode formatJson = JSON.readTree(cli.run("plan", "prod", "--format", "json").stdout());
        JsonNode json = JSON.readTree(cli.run("plan", "prod", "--json").stdout());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        List<String> formatKeys = new ArrayList<>();
        formatJson.fieldNames().forEachRemaining(formatKeys::add);
        assertThat(formatKeys).isEqualTo(keys).contains("plan_id", "added", "backfills", "applied");
        assertThat(formatJson.get("added")).isEqualTo(json.get("added"));

        CliRunner.Result both = cli.run("plan", "prod", "--json", "--format", "markdown");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr()).contains("--json and --format markdown");
    }

    @Test
    void docsAloneIsBadUsage() {
        CliRunner.Result result = cli.run("docs");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("docs generate, docs serve or docs plan");
    }
}
