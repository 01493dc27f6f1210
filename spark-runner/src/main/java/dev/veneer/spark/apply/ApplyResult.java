package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What one apply did.
 *
 * @param alreadyCommitted the environment already pointed at this plan (an earlier apply stopped
 *     during the views): nothing was built, the views were redone
 * @param built the models whose physical table or view was created now, in completion order
 * @param reused the models whose physical table an earlier apply had already built
 * @param viewsChanged the environment views created, replaced or dropped, as {@code schema.view}
 */
public record ApplyResult(
        String environment,
        String planId,
        boolean alreadyCommitted,
        List<BuiltModel> built,
        List<String> reused,
        List<String> viewsChanged,
        Duration buildTime,
        Duration viewTime,
        Duration totalTime) {
    public ApplyResult {
        requireNonNull(environment, "environment is null");
        requireNonNull(planId, "planId is null");
        built = List.copyOf(built);
        reused = List.copyOf(reused);
        viewsChanged = List.copyOf(viewsChanged);
        requireNonNull(buildTime, "buildTime is null");
        requireNonNull(viewTime, "viewTime is null");
        requireNonNull(totalTime, "totalTime is null");
    }

    public List<String> builtModels() {
        return built.stream().map(BuiltModel::model).toList();
    }

    public record BuiltModel(String model, String physicalTable, Duration elapsed) {
        public BuiltModel {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(elapsed, "elapsed is null");
        }
    }
}
