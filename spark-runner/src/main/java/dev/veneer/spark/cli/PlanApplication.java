package dev.veneer.spark.cli;

import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.spark.apply.ApplyListener;
import dev.veneer.spark.apply.ApplyResult;
import dev.veneer.spark.apply.PlanExecutor;
import dev.veneer.spark.apply.ConsoleApplyListener;

/** Applies a plan in this JVM's SparkSession, with progress on stderr. */
final class PlanApplication {
    private PlanApplication() {}

    static ApplyResult apply(CommandContext context, PlanFile plan, StateStore state) {
        return apply(context, plan, state, () -> {});
    }

    /** {@link #apply}, running {@code afterBuilds} once every build is done and the environment committed, before the views change. */
    static ApplyResult apply(CommandContext context, PlanFile plan, StateStore state, Runnable afterBuilds) {
        long started = System.nanoTime();
        ApplyResult result;
        ApplyListener listener = new ConsoleApplyListener(System.err, afterBuilds);
        try {
            result = new PlanExecutor(context.spark(), state, listener).apply(plan);
        }
        catch (VeneerException e) {
            throw MissingPhysicalTables.explain(e, plan, context.spark());
        }
        System.err.printf("Applied plan %s to %s in %.1f s%n", plan.planId(), plan.environment(), (System.nanoTime() - started) / 1e9);
        return result;
    }
}
