package dev.veneer.examples.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectGeneratorTest {
    private static final int MODELS = 200;

    @TempDir
    static Path tmp;

    private static Path project;
    private static CompiledProject compiled;

    @BeforeAll
    static void generateAndCompile() {
        project = tmp.resolve("p200");
        ProjectGenerator.generate(project, MODELS, 7);
        compiled = new Planner().compile(project);
    }

    @Test
    void generatedProjectCompilesWithThePlanner() {
        assertThat(compiled.project().models()).hasSize(MODELS);
        assertThat(compiled.project().config().name()).isEqualTo("synthetic_200");
        assertThat(compiled.fingerprints()).hasSize(MODELS);
        // Every root reads a declared external source: unknown references would have failed compile.
        assertThat(compiled.project().externals()).isNotEmpty();
    }

    @Test
    void sameSeedWritesIdenticalFiles() throws IOException {
        Path again = tmp.resolve("again");
        ProjectGenerator.generate(again, MODELS, 7);
        assertThat(contents(again)).isEqualTo(contents(project));
    }

    @Test
    void otherSeedWritesAnotherProject() throws IOException {
        Path other = tmp.resolve("other");
        ProjectGenerator.generate(other, MODELS, 8);
        assertThat(contents(other)).isNotEqualTo(contents(project));
    }

    @Test
    void dagIsLayeredWithDepthTenToTwentyAndFanInAndFanOut() {
        ModelGraph graph = compiled.graph();
        Map<ModelName, Integer> depth = new HashMap<>();
        int maxFanIn = 0;
        int maxFanOut = 0;
        int joinsOfFourOrMore = 0;
        for (ModelName name : graph.topologicalOrder()) {
            int parents = graph.parents(name).size();
            int level = 1 + graph.parents(name).stream().mapToInt(depth::get).max().orElse(0);
            depth.put(name, level);
            maxFanIn = Math.max(maxFanIn, parents);
            maxFanOut = Math.max(maxFanOut, graph.children(name).size());
            if (parents >= 4) {
                joinsOfFourOrMore++;
            }
            if (parents == 0) {
                assertThat(graph.externalParents(name)).as("root %s reads an external source", name).hasSize(1);
            }
        }
        assertThat(depth.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isBetween(10, 20);
        assertThat(maxFanIn).isEqualTo(5);
        assertThat(joinsOfFourOrMore).isGreaterThan(5);
        assertThat(maxFanOut).isGreaterThanOrEqualTo(5);
    }

    @Test
    void modelsMixKindsFormatsAndSqlFeatures() {
        List<ModelDefinition> models = List.copyOf(compiled.project().models().values());
        long views = models.stream().filter(model -> model.kind() == ModelKind.VIEW).count();
        assertThat(views).isBetween(5L, MODELS / 3L);
        assertThat(models.stream().filter(model -> model.kind() == ModelKind.FULL)
                .map(model -> compiled.project().tableFormat(model)).distinct()).hasSize(2);
        String all = String.join("\n", models.stream().map(model -> model.query().text()).toList());
        assertThat(all).contains("WITH ", "LEFT JOIN", "GROUP BY", "OVER (PARTITION BY", "UNION ALL", "count(DISTINCT");
        for (ModelDefinition model : models) {
            long lines = model.query().text().lines().count() + 9;
            assertThat(lines).as("lines of %s", model.path()).isBetween(20L, 200L);
        }
    }

    @Test
    void refusesToOverwriteAProject() {
        assertThatThrownBy(() -> ProjectGenerator.generate(project, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists already");
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
