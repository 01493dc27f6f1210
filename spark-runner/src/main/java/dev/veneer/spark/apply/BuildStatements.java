package dev.veneer.spark.apply;

import dev.veneer.planner.plan.PlanFile.BuildStep;

/**
 * The statement an apply runs to materialize one build step, for tools that run it themselves:
 * the benchmark that compares an apply with the same SQL run directly in Spark.
 */
public final class BuildStatements {
    private BuildStatements() {}

    public static String of(BuildStep step) {
        return DdlStatements.build(step);
    }
}
