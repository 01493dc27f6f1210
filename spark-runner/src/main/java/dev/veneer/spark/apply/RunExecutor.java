package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.RunPlanner.RunPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Executes a {@link RunPlan}: the due intervals of an environment's models, in dependency order,
 * under the same write leases as an apply, so two runs never compute the same interval. Changes no
 * environment record and no view.
 */
public final class RunExecutor {
    private final Backfiller backfiller;

    public RunExecutor(SparkSession spark, StateStore state, ApplyListener listener, ApplyOptions options) {
        requireNonNull(spark, "spark is null");
        this.backfiller = new Backfiller(new PhysicalLayer(spark), requireNonNull(state, "state is null"), listener, options);
    }

    /** @return the models computed, and those another run had finished meanwhile */
    public Backfiller.Builds run(RunPlan plan) {
        Map<String, String> versions = new LinkedHashMap<>();
        plan.steps().forEach(step -> versions.put(step.model(), step.version()));
        return backfiller.run(plan.steps(), versions, plan.executionTime(), plan.environment(),
                (BuildStep step, Throwable error) -> new VeneerException(ErrorCode.BUILD_FAILED, "model " + step.model()
                        + " failed to run: " + ApplyErrors.firstLine(error) + "; the intervals that landed before are kept,"
                        + " fix the cause and run again to compute the rest", error),
                error -> new VeneerException(ErrorCode.BUILD_FAILED, "cannot create the schemas of the physical tables: "
                        + ApplyErrors.firstLine(error) + "; check the metastore and run again", error));
    }
}
