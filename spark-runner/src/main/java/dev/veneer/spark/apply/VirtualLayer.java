package dev.veneer.spark.apply;

import dev.veneer.planner.plan.PlanFile.ViewChange;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The virtual layer's DDL on its own, outside an apply: what benchmarks of view changes and tools
 * that repair views call. The same code path as {@link PlanExecutor}'s last step.
 */
public final class VirtualLayer {
    private VirtualLayer() {}

    /**
     * Creates, repoints or drops {@code changes} on a pool of {@code threads} (see {@link ViewPublisher}).
     *
     * @return the changed views, as {@code schema.view}, in order
     */
    public static List<String> publish(SparkSession spark, String environment, List<ViewChange> changes, int threads)
            throws InterruptedException {
        return new ViewPublisher(spark, threads).publish(environment, changes);
    }
}
