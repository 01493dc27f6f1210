package dev.veneer.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.ProjectFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFilesTest {
    private static final String GOLDEN = "/golden/shop_dev_breaking_change.json";
    /** Keys whose values change from run to run (ids, clocks) or with any hash input: replaced by placeholders. */
    private static final Set<String> VOLATILE_KEYS = Set.of(
            "plan_id", "expected_plan_id", "created_at", "expires_at", "state",
            "fingerprint", "version", "data_hash", "metadata_hash");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHORT_VERSION = Pattern.compile("__[0-9a-f]{10}\\b");

    @TempDir
    Path dir;

    private ProjectFixture project;
    private StateFixture state;

    @BeforeEach
    void setUp() {
        project = ProjectFixture.copyOf("shop", dir.resolve("project"));
        state = new StateFixture(dir);
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    /** prod applied, then dev with a breaking edit of staging.orders: every section of a plan has entries. */
    private PlanFile devPlanWithABreakingChange() {
        state.planAndApply(project, "prod");
        project.replace("models/staging/orders.sql", "'cancelled'", "'void'");
        return state.plan(project, "dev");
    }

    private static JsonNode tree(PlanFile plan) throws IOException {
        return PlanFiles.mapper().readTree(PlanFiles.toJson(plan));
    }

    @Test
    void printedDocumentIsThePlanWithoutTheRunnersSqlAndPayloads() throws IOException {
        PlanFile plan = devPlanWithABreakingChange();
        JsonNode file = tree(plan);
        for (boolean applied : new boolean[] {false, true}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            PlanFiles.writeDocument(plan, applied, out);

            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).endsWith("}\n");
            JsonNode document = PlanFiles.mapper().readTree(printed);
            assertThat(document.get("applied").asBoolean()).isEqualTo(applied);
            // DESIGN.md's contract keys, and the other summaries, as the plan file has them
            for (String key : List.of("environment", "base_environment", "plan_id", "added", "removed", "metadata_updated",
                    "directly_modified", "indirectly_modified", "backfills", "views", "reused", "notes", "expected_plan_id",
                    "state", "created_at", "execution_time", "expires_at", "project")) {
                assertThat(document.get(key)).as(key).isEqualTo(file.get(key));
            }
            // what only the runner needs is left to the plan file
            assertThat(document.has("snapshots")).isFalse();
            assertThat(document.has("environment_snapshots")).isFalse();
            assertThat(document.has("format_version")).isFalse();
            assertThat(document.get("builds")).hasSize(file.get("builds").size());
            for (int i = 0; i < file.get("builds").size(); i++) {
                JsonNode build = document.get("builds").get(i);
                JsonNode step = file.get("builds").get(i);
                assertThat(build.has("sql")).isFalse();
                for (String key : List.of("model", "physical_table", "kind", "table_format", "version", "depends_on", "intervals",
                        "restatement")) {
                    assertThat(build.get(key)).as("builds[%d].%s", i, key).isEqualTo(step.get(key));
                }
            }
            assertThat(printed).doesNotContain(plan.builds().get(0).sql());
        }
    }

    @Test
    void thePrintedSummaryIsRefusedAsAPlanFileWithTheWayToWriteOne() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PlanFiles.writeDocument(devPlanWithABreakingChange(), false, out);

        VeneerException error = catchThrowableOfType(VeneerException.class,
                () -> PlanFiles.parse(out.toString(StandardCharsets.UTF_8), "summary.json"));

        assertThat(error.code()).isEqualTo(ErrorCode.PLAN_FILE_INVALID);
        assertThat(error.getMessage()).contains("plan --json", "--out FILE");
    }

    @Test
    void writtenPlanReadsBackEqual() {
        PlanFile plan = devPlanWithABreakingChange();
        Path file = dir.resolve("plans/dev.json");

        PlanFiles.write(plan, file);

        assertThat(PlanFiles.read(file)).isEqualTo(plan);
    }

    @Test
    void prodPlanWithNullsReadsBackEqual() {
        PlanFile plan = state.plan(project, "prod");
        assertThat(plan.expectedPlanId()).isNull();
        assertThat(plan.expiresAt()).isNull();

        assertThat(PlanFiles.parse(PlanFiles.toJson(plan), "prod.json")).isEqualTo(plan);
    }

    @Test
    void everyNestedRecordRoundTrips() throws IOException {
        PlanFile plan = devPlanWithABreakingChange();
        assertThat(plan.directlyModified()).isNotEmpty();
        assertThat(plan.indirectlyModified()).isNotEmpty();
        assertThat(plan.backfills()).isNotEmpty();
        assertThat(plan.reused()).isNotEmpty();
        assertThat(plan.views()).isNotEmpty();
        assertThat(plan.builds()).isNotEmpty();
        assertThat(plan.snapshots()).isNotEmpty();

        PlanFile read = PlanFiles.parse(PlanFiles.toJson(plan), "dev.json");

        assertThat(read.directlyModified()).isEqualTo(plan.directlyModified());
        assertThat(read.indirectlyModified()).isEqualTo(plan.indirectlyModified());
        assertThat(read.backfills()).isEqualTo(plan.backfills());
        assertThat(read.reused()).isEqualTo(plan.reused());
        assertThat(read.views()).isEqualTo(plan.views());
        assertThat(read.builds()).isEqualTo(plan.builds());
        assertThat(read.snapshots()).isEqualTo(plan.snapshots());
        assertThat(read.environmentSnapshots()).isEqualTo(plan.environmentSnapshots());
        // what apply stores in state is what the planner made, byte for byte
        assertThat(read.snapshots().get(0).payload().toJson()).isEqualTo(plan.snapshots().get(0).payload().toJson());
        assertThat(SnapshotPayload.fromJson(read.snapshots().get(0).payload().toJson())).isEqualTo(plan.snapshots().get(0).payload());
        // the payload is an object in the file (format 4), not a JSON document in a string
        assertThat(PlanFiles.mapper().readTree(PlanFiles.toJson(plan)).at("/snapshots/0/payload").isObject()).isTrue();
    }

    @Test
    void backfillIntervalsRoundTripAsIsoInstants() throws IOException {
        PlanFile plan = devPlanWithABreakingChange();
        PlanFile.Backfill withInterval = new PlanFile.Backfill("db.m", "lake.veneer__db.db__m__0123456789",
                List.of(new dev.veneer.catalog.Interval(StateFixture.NOW, StateFixture.NOW.plusSeconds(86_400))), 1, false);
        PlanFile changed = new PlanFile(plan.formatVersion(), plan.planId(), plan.project(), plan.environment(),
                plan.baseEnvironment(), plan.expectedPlanId(), plan.state(), plan.createdAt(), plan.executionTime(), plan.expiresAt(),
                plan.added(), plan.removed(), plan.metadataUpdated(), plan.directlyModified(), plan.indirectlyModified(),
                List.of(withInterval), plan.reused(), plan.views(), plan.builds(), plan.snapshots(), plan.environmentSnapshots(),
                plan.notes(), plan.auditChecks(), plan.forwardOnly(), plan.effectiveFrom(), plan.allowDestructiveModels(),
                plan.forwardOnlyChanges());

        JsonNode intervals = tree(changed).get("backfills").get(0).get("intervals");

        assertThat(intervals.toString()).isEqualTo("[[\"2024-06-01T00:00:00Z\",\"2024-06-02T00:00:00Z\"]]");
        assertThat(PlanFiles.parse(PlanFiles.toJson(changed), "x.json")).isEqualTo(changed);
    }

    @Test
    void planJsonHasTheContractKeys() throws IOException {
        JsonNode json = tree(devPlanWithABreakingChange());

        assertThat(fieldNames(json)).contains("format_version", "environment", "base_environment", "plan_id",
                "added", "removed", "metadata_updated", "directly_modified", "indirectly_modified", "backfills", "views");
        assertThat(json.get("format_version").asInt()).isEqualTo(PlanFile.FORMAT_VERSION);
        assertThat(json.get("environment").asText()).isEqualTo("dev");
        assertThat(json.get("base_environment").asText()).isEqualTo("prod");
        assertThat(json.get("plan_id").asText()).isNotBlank();
        assertThat(json.get("added").isArray()).isTrue();
        assertThat(json.get("removed").isArray()).isTrue();
        assertThat(json.get("metadata_updated").isArray()).isTrue();
        assertThat(fieldNames(json.get("directly_modified").get(0))).contains("model", "category");
        assertThat(json.get("directly_modified").get(0).get("category").asText()).isEqualTo("BREAKING");
        assertThat(fieldNames(json.get("indirectly_modified").get(0))).contains("model", "category");
        assertThat(fieldNames(json.get("backfills").get(0))).contains("model", "physical_table", "intervals");
        assertThat(json.get("backfills").get(0).get("intervals").isArray()).isTrue();
        assertThat(fieldNames(json.get("views").get(0))).contains("model", "view", "physical_table", "action");
        assertThat(json.get("views").get(0).get("action").asText()).isEqualTo("CREATE_OR_REPLACE");
        assertThat(json.get("created_at").asText()).isEqualTo("2024-06-01T00:00:00Z");
    }

    @Test
    void planJsonMatchesTheGoldenFile() throws IOException {
        JsonNode actual = normalize(tree(devPlanWithABreakingChange()));
        if (Boolean.getBoolean("veneer.updateGolden")) {
            // mvn test -Dtest=PlanFilesTest -Dveneer.updateGolden=true, then review the diff
            Files.writeString(Path.of("src/test/resources" + GOLDEN), PlanFiles.mapper().writeValueAsString(actual) + "\n");
        }
        Path golden = ProjectFixture.resource(GOLDEN);

        JsonNode expected = PlanFiles.mapper().readTree(Files.readString(golden, StandardCharsets.UTF_8));

        assertThat(PlanFiles.mapper().writeValueAsString(actual))
                .as("plan JSON changed shape; if intended, update src/test/resources%s and bump format_version if a reader would break", GOLDEN)
                .isEqualTo(PlanFiles.mapper().writeValueAsString(expected));
    }

    @Test
    void corruptFileIsRejectedAsCorrupt() throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{\"format_version\": 1, \"plan_id\": ");

        VeneerException error = catchThrowableOfType(VeneerException.class, () -> PlanFiles.read(file));

        assertThat(error.code()).isEqualTo(ErrorCode.PLAN_FILE_INVALID);
        assertThat(error.getMessage()).contains(file.toString(), "is corrupt", "veneer plan");
    }

    @Test
    void planWithAMissingRequiredFieldIsCorrupt() throws IOException {
        ObjectNode json = (ObjectNode) tree(devPlanWithABreakingChange());
        json.remove("environment");

        VeneerException error = catchThrowableOfType(VeneerException.class,
                () -> PlanFiles.parse(json.toString(), "plan.json"));

        assertThat(error.code()).isEqualTo(ErrorCode.PLAN_FILE_INVALID);
        assertThat(error.getMessage()).contains("plan.json", "is corrupt");
    }

    @Test
    void nonObjectAndVersionlessFilesAreCorrupt() {
        assertThat(catchThrowableOfType(VeneerException.class, () -> PlanFiles.parse("[1, 2]", "a.json")).getMessage())
                .contains("is corrupt", "not a JSON object");
        assertThat(catchThrowableOfType(VeneerException.class, () -> PlanFiles.parse("{}", "b.json")).getMessage())
                .contains("is corrupt", "format_version");
    }

    @Test
    void newerFormatVersionAsksForANewerRunnerJar() throws IOException {
        ObjectNode json = (ObjectNode) tree(devPlanWithABreakingChange());
        json.put("format_version", 99);

        VeneerException error = catchThrowableOfType(VeneerException.class,
                () -> PlanFiles.parse(json.toString(), "future.json"));

        assertThat(error.code()).isEqualTo(ErrorCode.PLAN_FILE_INVALID);
        assertThat(error.getMessage()).contains("future.json",
                "plan file format 99 is newer than this Veneer (supports " + PlanFile.FORMAT_VERSION + "): upgrade the runner jar");
    }

    @Test
    void olderFormatVersionAsksToPlanAgain() throws IOException {
        ObjectNode json = (ObjectNode) tree(devPlanWithABreakingChange());
        json.put("format_version", 0);

        VeneerException error = catchThrowableOfType(VeneerException.class,
                () -> PlanFiles.parse(json.toString(), "old.json"));

        assertThat(error.code()).isEqualTo(ErrorCode.PLAN_FILE_INVALID);
        assertThat(error.getMessage()).contains("old.json",
                "plan file format 0 is older than this Veneer (supports " + PlanFile.FORMAT_VERSION + "): plan again");
    }

    @Test
    void missingFileSaysSoAndHowToWriteOne() {
        Path file = dir.resolve("nowhere/plan.json");

        VeneerException error = catchThrowableOfType(VeneerException.class, () -> PlanFiles.read(file));

        assertThat(error.code()).isEqualTo(ErrorCode.PLAN_FILE_INVALID);
        assertThat(error.getMessage()).contains(file.toString(), "does not exist", "--out");
    }

    @Test
    void unknownKeysFromANewerMinorVersionAreIgnored() throws IOException {
        PlanFile plan = devPlanWithABreakingChange();
        ObjectNode json = (ObjectNode) tree(plan);
        json.put("comment", "added by a later Veneer");

        assertThat(PlanFiles.parse(json.toString(), "plan.json")).isEqualTo(plan);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Replaces what differs between runs by placeholders, keeping every key and the order of everything. */
    static JsonNode normalize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> field : fields) {
                if (VOLATILE_KEYS.contains(field.getKey()) && !field.getValue().isNull()) {
                    object.put(field.getKey(), "<" + field.getKey() + ">");
                }
                else {
                    object.set(field.getKey(), normalize(field.getValue()));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalize(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            String text = SHA256.matcher(node.asText()).replaceAll("<sha256>");
            return new TextNode(SHORT_VERSION.matcher(text).replaceAll("__<version>"));
        }
        return node;
    }
}
