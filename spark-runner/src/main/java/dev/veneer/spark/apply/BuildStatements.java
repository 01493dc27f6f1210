package dev.veneer.spark.apply;

import dev.veneer.planner.plan.PlanFile.BuildStep;

/**
 * The statement an apply runs to materialize one build step, for tools that run it themselves:
 * the benchmark that compares an apply with the same SQL run directly in Spark.
 */
public final class BuildStatements {
    private BuildStatements() {}

    /**
     * Every statement of a first build of {@code step}, in order: the table or view, then each batch
     * (an incremental model's first load replaces its whole range at once).
     */
    public static java.util.List<String> of(BuildStep step, java.time.Instant executionTime) {
        return MaterializationStatements.firstBuild(step, executionTime);
    }
}
