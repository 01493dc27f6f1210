package dev.veneer.examples.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.PlannedPointer;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.fingerprint.FingerprintCalculator;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectLoader;
import dev.veneer.planner.sql.QueryCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path changes no plan: on a generated project, after rounds of random edits, a plan made
 * through the warm query cache is the plan made by parsing every file, key for key (plan ids aside),
 * and the cache parsed only the files that changed.
 */
class WarmCachePlanTest {
    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
    private static final int MODELS = 150;
    private static final int ROUNDS = 6;

    @TempDir
    Path tmp;

    @Test
    void warmCachePlansEqualColdPlansAcrossRandomEdits() throws IOException {
        Path project = tmp.resolve("project");
        ProjectGenerator.generate(project, MODELS, 11);
        Random random = new Random(20240601);
        try (StateStore state = StateStores.open("jdbc:sqlite:" + tmp.resolve("state.db"))) {
            Planner cached = Planner.withQueryCache();
            Planner cold = new Planner();
            apply(state, samePlans(cached, cold, project, state, "prod"));

            for (int round = 0; round < ROUNDS; round++) {
                Set<Path> edited = edit(project, random, 1 + random.nextInt(4));
                Set<Path> parsedAgain = edited.stream().filter(Files::exists).collect(Collectors.toSet());

                Counted counted = compileCounting(project);
                int models = counted.compiled().project().models().size();
                assertThat(counted.cache().parsed()).as("round %d parses the %d edited files only", round, parsedAgain.size())
                        .isEqualTo(parsedAgain.size());
                assertThat(counted.cache().hashed()).as("round %d hashes the %d edited files only", round, parsedAgain.size())
                        .isEqualTo(parsedAgain.size());
                assertThat(counted.cache().hits()).isEqualTo(models - parsedAgain.size());

                PlanFile plan = samePlans(cached, cold, project, state, round % 2 == 0 ? "dev" : "prod");
                if (round % 3 == 2) {
                    apply(state, plan);
                }
            }
        }
    }

    /**
     * A model's hashes kept in the cache also depend on what is not in its file: its parents (their
     * data feeds its fingerprint), its audits, the project's default table format. Each of those
     * edited, a warm compile equals a cold one, re-hashes just the models it touches, and parses nothing.
     */
    @Test
    void keptHashesFollowParentsAuditsAndProjectSettings() throws IOException {
        Path project = tmp.resolve("project");
        ProjectGenerator.generate(project, 60, 5);
        Files.createDirectories(project.resolve("audits"));
        Files.writeString(project.resolve("audits/not_empty.sql"), """
                AUDIT (name not_empty);
                SELECT 1 AS missing FROM (SELECT count(*) AS n FROM @this_model) WHERE n = 0
                """);
        // generated tables all name their format: a few take the project's default instead
        try (Stream<Path> walk = Files.walk(project.resolve("models"))) {
            for (Path file : walk.filter(path -> path.toString().endsWith(".sql")).sorted().limit(8).toList()) {
                Files.writeString(file, Files.readString(file).replaceFirst("  table_format [a-z]+,\n", ""));
            }
        }
        CompiledProject first = sameAsCold(project);
        ModelGraph graph = first.graph();
        ModelName parent = graph.topologicalOrder().stream()
                .filter(name -> first.project().models().get(name).query().text().contains("WHERE ")
                        && !graph.children(name).isEmpty())
                .findFirst().orElseThrow();
        ModelName audited = graph.topologicalOrder().get(graph.topologicalOrder().size() - 1);
        Path auditedFile = project.resolve(first.project().models().get(audited).path());
        String header = Files.readString(auditedFile);
        int headerEnd = header.indexOf("\n);\n");
        Files.writeString(auditedFile, header.substring(0, headerEnd) + ",\n  audits (not_empty)" + header.substring(headerEnd));
        CompiledProject withAudit = sameAsCold(project);
        assertThat(withAudit.project().audits(audited)).hasSize(1);

        // a parent's query: its own hashes and, through their parents' hash, its children's fingerprints
        Path parentFile = project.resolve(first.project().models().get(parent).path());
        Files.writeString(parentFile, Files.readString(parentFile).replaceFirst("WHERE ", "WHERE 2 > 1 AND "));
        Counted parentEdited = compileCounting(project);
        assertThat(parentEdited.cache().parsed()).isEqualTo(1);
        assertThat(parentEdited.cache().hashed()).isEqualTo(1);
        assertThat(parentEdited.compiled().fingerprints()).isEqualTo(new Planner().compile(project).fingerprints());
        assertThat(parentEdited.compiled().fingerprints().get(parent).dataHash()).isNotEqualTo(withAudit.fingerprints().get(parent).dataHash());
        for (ModelName child : graph.children(parent)) {
            assertThat(parentEdited.compiled().fingerprints().get(child).parentDataHash())
                    .as("child %s of %s", child, parent).isNotEqualTo(withAudit.fingerprints().get(child).parentDataHash());
        }

        // an audit file: the metadata hash of the model it audits, nothing else
        Files.writeString(project.resolve("audits/not_empty.sql"), Files.readString(project.resolve("audits/not_empty.sql"))
                .replace("WHERE n = 0", "WHERE n < 1"));
        Counted auditEdited = compileCounting(project);
        assertThat(auditEdited.cache().parsed()).isZero();
        assertThat(auditEdited.cache().hashed()).isEqualTo(1);
        assertThat(auditEdited.compiled().fingerprints()).isEqualTo(new Planner().compile(project).fingerprints());
        assertThat(auditEdited.compiled().fingerprints().get(audited).metadataHash())
                .isNotEqualTo(parentEdited.compiled().fingerprints().get(audited).metadataHash());
        assertThat(auditEdited.compiled().fingerprints().get(audited).dataHash())
                .isEqualTo(parentEdited.compiled().fingerprints().get(audited).dataHash());

        // veneer.yaml's default table format: every model stored in a table that does not name its format
        Path settings = project.resolve("veneer.yaml");
        Files.writeString(settings, Files.readString(settings).replace("default_table_format: iceberg", "default_table_format: delta"));
        Counted formatChanged = compileCounting(project);
        List<ModelName> usingDefault = formatChanged.compiled().project().models().values().stream()
                .filter(model -> model.kind() != ModelKind.VIEW && model.tableFormat().isEmpty())
                .map(ModelDefinition::name).toList();
        assertThat(usingDefault).isNotEmpty();
        assertThat(formatChanged.cache().parsed()).isZero();
        assertThat(formatChanged.cache().hashed()).isEqualTo(usingDefault.size());
        assertThat(formatChanged.compiled().fingerprints()).isEqualTo(new Planner().compile(project).fingerprints());
        for (ModelName model : usingDefault) {
            assertThat(formatChanged.compiled().fingerprints().get(model).attributesHash())
                    .isNotEqualTo(auditEdited.compiled().fingerprints().get(model).attributesHash());
        }
        // and nothing is hashed again once the cache holds the new hashes
        assertThat(compileCounting(project).cache().hashed()).isZero();
    }

    private record Counted(CompiledProject compiled, QueryCache cache) {}

    /** What {@link Planner#compile} does with its cache, with the cache at hand to count what it parsed and hashed. */
    private static Counted compileCounting(Path project) {
        QueryCache cache = QueryCache.open(Planner.cacheFolder(project));
        try {
            Project loaded = new ProjectLoader(cache).load(project);
            ModelGraph graph = ModelGraph.build(loaded);
            return new Counted(new CompiledProject(loaded, graph, FingerprintCalculator.fingerprint(loaded, graph, cache)), cache);
        }
        finally {
            cache.save();
        }
    }

    /** Compiles through the cache and without; asserts both agree; returns the cached one. */
    private static CompiledProject sameAsCold(Path project) {
        CompiledProject warm = Planner.withQueryCache().compile(project);
        CompiledProject cold = new Planner().compile(project);
        assertThat(warm.project()).isEqualTo(cold.project());
        assertThat(warm.fingerprints()).isEqualTo(cold.fingerprints());
        return warm;
    }

    /** Plans with both planners; asserts the two plans are the same; returns the cached one. */
    private static PlanFile samePlans(Planner cached, Planner cold, Path project, StateStore state, String environment) {
        PlanRequest request = new PlanRequest(environment, "prod", NOW, Duration.ofDays(7));
        CompiledProject warmCompiled = cached.compile(project);
        CompiledProject coldCompiled = cold.compile(project);
        assertThat(warmCompiled.project()).isEqualTo(coldCompiled.project());
        assertThat(warmCompiled.fingerprints()).isEqualTo(coldCompiled.fingerprints());
        PlanFile warm = cached.plan(warmCompiled, state, request);
        PlanFile plain = cold.plan(coldCompiled, state, request);
        assertThat(comparable(warm)).isEqualTo(comparable(plain));
        return warm;
    }

    private static ObjectNode comparable(PlanFile plan) {
        ObjectNode tree = PlanFiles.mapper().valueToTree(plan);
        tree.remove("plan_id");
        return tree;
    }

    /** Edits {@code count} random model files the ways people do; returns the files touched (deleted ones included). */
    private static Set<Path> edit(Path project, Random random, int count) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(project.resolve("models"))) {
            files = walk.filter(path -> path.toString().endsWith(".sql")).sorted().toList();
        }
        Set<Path> touched = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            Path file = files.get(random.nextInt(files.size()));
            if (!Files.exists(file) || touched.contains(file)) {
                continue;
            }
            String content = Files.readString(file);
            String edited = switch (random.nextInt(5)) {
                // a new column in the outermost select: non-breaking
                case 0 -> insertAfterLast(content, "\nSELECT\n", "  " + random.nextInt(1000) + " AS added_" + i + ",\n");
                // a reformatted, re-commented query: same fingerprint
                case 1 -> insertAfterLast(content, ");\n", "-- reviewed in round " + random.nextInt(100) + "\n\n");
                // a changed literal or filter: breaking
                case 2 -> content.contains("WHERE ") ? content.replaceFirst("WHERE ", "WHERE 1 = 1 AND ")
                        : content.stripTrailing() + "\nLIMIT 1000\n";
                // metadata only
                case 3 -> content.replaceFirst("owner '[^']*'", "owner 'team_" + random.nextInt(50) + "'");
                // a brand-new model beside it, reading the same parents
                default -> {
                    String name = file.getFileName().toString().replace(".sql", "");
                    Path copy = file.resolveSibling(name + "_copy" + i + ".sql");
                    Files.writeString(copy, content.replaceFirst("name ([a-z_]+)\\." + name + ",", "name $1." + name + "_copy" + i + ","));
                    touched.add(copy);
                    yield content;
                }
            };
            if (!edited.equals(content)) {
                Files.writeString(file, edited);
                touched.add(file);
            }
        }
        return touched;
    }

    private static String insertAfterLast(String content, String marker, String text) {
        int at = content.lastIndexOf(marker);
        assertThat(at).as("generated file holds %s", marker.strip()).isGreaterThanOrEqualTo(0);
        at += marker.length();
        return content.substring(0, at) + text + content.substring(at);
    }

    /** What the Spark runner's apply does to state, without Spark. */
    private static void apply(StateStore state, PlanFile plan) {
        state.bindProject(plan.project());
        state.saveSnapshots(plan.snapshots().stream()
                .map(snapshot -> new StoredSnapshot(new SnapshotKey(ModelName.parse(snapshot.model()), snapshot.fingerprint()),
                        snapshot.version(), snapshot.physicalTable(), snapshot.kind(), snapshot.tableFormat(),
                        snapshot.dataHash(), snapshot.metadataHash(), snapshot.payload().toJson(), NOW))
                .toList());
        Map<String, String> versions = plan.environmentSnapshots().stream()
                .collect(Collectors.toMap(PlannedPointer::physicalTable, PlannedPointer::version, (a, b) -> a));
        for (BuildStep step : plan.builds()) {
            state.recordBuilt(step.physicalTable(), ModelName.parse(step.model()), versions.get(step.physicalTable()));
        }
        List<SnapshotPointer> pointers = new ArrayList<>();
        for (PlannedPointer pointer : plan.environmentSnapshots()) {
            pointers.add(new SnapshotPointer(ModelName.parse(pointer.model()), pointer.fingerprint(), pointer.version(),
                    pointer.physicalTable(), pointer.kind()));
        }
        Instant createdAt = state.environment(plan.environment()).map(EnvironmentRecord::createdAt).orElse(NOW);
        state.commitEnvironment(new EnvironmentRecord(plan.environment(), plan.planId(), plan.baseEnvironment(), pointers,
                createdAt, NOW, plan.expiresAt(), false), plan.expectedPlanId());
        state.markFinalized(plan.environment(), plan.planId());
    }
}
