package dev.veneer.bench;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.ModelDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Planner.plan} for a dev environment after editing one model of a project whose prod is applied
 * in a real SQLite state store: diff, categorization of the edit and its descendants, versions, the
 * batched state reads, rendering of the build steps. The project is compiled in the set-up, so this is
 * the plan step alone. {@code edit}: {@code non_breaking} adds a projection to the outermost select,
 * {@code breaking} appends a {@code LIMIT} (children rebuild).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CategorizeBenchmark {
    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    @Param({"1000"})
    public int models;

    @Param({"non_breaking", "breaking"})
    public String edit;

    private final Planner planner = new Planner();
    private Path project;
    private StateStore state;
    private CompiledProject edited;
    private PlanRequest request;

    @Setup
    public void setUp() throws IOException {
        project = BenchProjects.generate(models);
        state = StateStores.open("jdbc:sqlite:" + project.getParent().resolve("state.db"));
        CompiledProject original = planner.compile(project);
        StateApplier.apply(state, planner.plan(original, state, new PlanRequest("prod", "prod", NOW, Duration.ofDays(7))), NOW);

        ModelDefinition target = modelToEdit(original);
        Path file = project.resolve(target.path());
        String content = Files.readString(file);
        Files.writeString(file, edit.equals("breaking") ? content + "LIMIT 1000\n" : addProjection(content));
        edited = planner.compile(project);
        request = new PlanRequest("dev", "prod", NOW, Duration.ofDays(7));
        PlanFile plan = planner.plan(edited, state, request);
        System.out.printf("%nedited %s (%d children): %d directly, %d indirectly modified, %d builds%n", target.path(),
                original.graph().children(target.name()).size(), plan.directlyModified().size(),
                plan.indirectlyModified().size(), plan.builds().size());
    }

    /** The model with the most children in the middle of the DAG: a typical edit with a real blast radius. */
    private static ModelDefinition modelToEdit(CompiledProject compiled) {
        var order = compiled.graph().topologicalOrder();
        var middle = order.subList(order.size() / 3, 2 * order.size() / 3);
        ModelName name = middle.stream()
                .max(Comparator.comparingInt((ModelName model) -> compiled.graph().children(model).size())
                        .thenComparing(ModelName::toString))
                .orElseThrow();
        return compiled.project().models().get(name);
    }

    private static String addProjection(String content) {
        int select = content.lastIndexOf("\nSELECT\n");
        if (select < 0) {
            throw new IllegalStateException("no outermost SELECT on a line of its own");
        }
        int at = select + "\nSELECT\n".length();
        return content.substring(0, at) + "  42 AS bench_added_column,\n" + content.substring(at);
    }

    @TearDown
    public void tearDown() {
        state.close();
        BenchProjects.delete(project);
    }

    @Benchmark
    public PlanFile planAfterOneEdit() {
        return planner.plan(edited, state, request);
    }
}
