package dev.veneer.bench;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.fingerprint.Fingerprint;
import dev.veneer.planner.fingerprint.FingerprintCalculator;
import java.nio.file.Path;
import java.util.Map;
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

/** {@code FingerprintCalculator.fingerprint} over a compiled generated project (parsing excluded). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FingerprintBenchmark {
    @Param({"1000"})
    public int models;

    private Path project;
    private CompiledProject compiled;

    @Setup
    public void setUp() {
        project = BenchProjects.generate(models);
        compiled = new Planner().compile(project);
    }

    @TearDown
    public void tearDown() {
        BenchProjects.delete(project);
    }

    @Benchmark
    public Map<ModelName, Fingerprint> fingerprintProject() {
        return FingerprintCalculator.fingerprint(compiled.project(), compiled.graph());
    }
}
