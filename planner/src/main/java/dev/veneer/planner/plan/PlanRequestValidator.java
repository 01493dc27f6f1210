package dev.veneer.planner.plan;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.ModelFileErrors;
import dev.veneer.planner.project.Project;

/** Checks a plan request against the project before anything is read or written. */
final class PlanRequestValidator {
    private PlanRequestValidator() {}

    static void validate(PlanRequest request, Project project) {
        boolean ranged = request.start().isPresent() || request.end().isPresent();
        if (ranged && EnvironmentName.isProd(request.environment()) && request.restate().isEmpty()) {
            throw new VeneerException(ErrorCode.PLAN_INVALID, "--start and --end limit a dev environment's backfill or a restatement;"
                    + " prod always holds every interval: drop them, or add --restate MODEL to recompute that range");
        }
        if (request.start().isPresent() && request.end().isPresent() && !request.start().get().isBefore(request.end().get())) {
            throw new VeneerException(ErrorCode.PLAN_INVALID, "--start " + request.start().get() + " is not before --end "
                    + request.end().get() + "; give a start before the end");
        }
        for (ModelName restated : request.restate()) {
            if (!project.models().containsKey(restated)) {
                throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, "--restate " + restated + ": no such model in the project;"
                        + " models are named schema.table, see 'veneer dag'");
            }
        }
        for (ModelDefinition model : project.models().values()) {
            if (model.kind().timeRanged() && model.start().isPresent() && model.start().get().isAfter(request.executionTime())) {
                throw ModelFileErrors.startInTheFuture(model.location(), model.start().get(), request.executionTime());
            }
        }
    }
}
