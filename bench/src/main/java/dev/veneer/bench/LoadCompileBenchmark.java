package dev.veneer.bench;

import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import java.nio.file.Path;
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
 * {@code Planner.compile}: read {@code veneer.yaml}, {@code external_models.yaml} and every model file,
 * parse headers and queries (in parallel), build the DAG, fingerprint. Warm JVM. {@code cache}:
 * {@code none} parses every query (the floor a cold process cannot beat without a cache);
 * {@code warm} goes through a query cache on disk that already holds every file (what a plan after
 * an edit costs, minus the one file parsed again).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoadCompileBenchmark {
    @Param({"1000"})
    public int models;

    @Param({"none", "warm"})
    public String cache;

    private Planner planner;
    private Path project;

    @Setup
    public void setUp() {
        project = BenchProjects.generate(models);
        planner = cache.equals("warm") ? Planner.withQueryCache() : new Planner();
        planner.compile(project);
    }

    @TearDown
    public void tearDown() {
        BenchProjects.delete(project);
    }

    @Benchmark
    public CompiledProject loadAndCompile() {
        return planner.compile(project);
    }
}
