package dev.veneer.planner.unittest;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One unit test of a model, from {@code tests/*.yaml} in SQLMesh's shape: rows for each table the
 * model reads, the rows its query (or one of its CTEs) must return, and the times its macros see.
 *
 * @param inputs upstream model or external table (as written, lower-cased) → its rows
 * @param query the rows the model's query must return, if the test checks them
 * @param ctes CTE name → the rows it must return
 * @param start the start of the range the macros see (empty: the model's start)
 * @param end the exclusive end of that range (empty: the execution time)
 * @param executionTime the execution time the macros see (empty: now)
 */
public record ModelTest(String name, String path, SourceLocation location, ModelName model, SourceLocation modelLocation,
        Optional<String> description, Map<String, TestRows> inputs, Optional<TestRows> query, Map<String, TestRows> ctes,
        Optional<Instant> start, Optional<Instant> end, Optional<Instant> executionTime) {
    public ModelTest {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(location, "location is null");
        requireNonNull(model, "model is null");
        requireNonNull(modelLocation, "modelLocation is null");
        requireNonNull(description, "description is null");
        inputs = new LinkedHashMap<>(inputs);
        requireNonNull(query, "query is null");
        ctes = new LinkedHashMap<>(ctes);
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(executionTime, "executionTime is null");
    }
}
