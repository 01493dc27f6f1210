package dev.veneer.bench;

import dev.veneer.planner.Planner;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.SqlParser;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code SqlParser.parseQuery} of one generated model's query (warm: ANTLR's DFA cache filled by the
 * warm-up). {@code size} picks the model at that percentile of query length in a 1,000-model project.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmark {
    @Param({"50", "90"})
    public int percentile;

    private final SqlParser parser = new SqlParser();
    private String sql;
    private String path;
    private int lines;

    @Setup
    public void setUp() {
        Path project = BenchProjects.generate(1000);
        try {
            List<ModelDefinition> models = new Planner().compile(project).project().models().values().stream()
                    .sorted(Comparator.comparingInt((ModelDefinition model) -> model.query().text().length())
                            .thenComparing(ModelDefinition::path))
                    .toList();
            ModelDefinition model = models.get(Math.min(models.size() - 1, models.size() * percentile / 100));
            sql = model.query().text();
            path = model.path();
            lines = (int) sql.lines().count();
            System.out.printf("%nparsing %s: %d lines, %d characters of SQL%n", path, lines, sql.length());
        }
        finally {
            BenchProjects.delete(project);
        }
    }

    @Benchmark
    public ParsedQuery parseQuery() {
        return parser.parseQuery(sql, path, 1, 1);
    }
}
