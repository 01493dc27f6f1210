package dev.veneer.planner.plan;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.ModelFileErrors;
import dev.veneer.planner.project.Project;
import java.time.Instant;

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
        validateForwardOnly(request, project);
        if (request.skipBackfill() && !request.restate().isEmpty()) {
            throw new VeneerException(ErrorCode.PLAN_INVALID, "--skip-backfill computes nothing and --restate computes data again:"
                    + " drop one of them");
        }
        for (ModelDefinition model : project.models().values()) {
            if (model.kind().timeRanged() && model.start().isPresent() && model.start().get().isAfter(request.executionTime())) {
                throw ModelFileErrors.startInTheFuture(model.location(), model.start().get(), request.executionTime());
            }
        }
    }

    private static void validateForwardOnly(PlanRequest request, Project project) {
        if (request.effectiveFrom().isPresent()) {
            Instant from = request.effectiveFrom().get();
            if (!request.forwardOnly()) {
                throw new VeneerException(ErrorCode.PLAN_INVALID, "--effective-from applies the changes of a forward-only plan from a"
                        + " date; without --forward-only every change is built as a new version from its start: add --forward-only,"
                        + " or drop --effective-from");
            }
            if (from.isAfter(request.executionTime())) {
                throw new VeneerException(ErrorCode.PLAN_INVALID, "--effective-from " + from + " is in the future (the plan's time is "
                        + request.executionTime() + "): nothing can be recomputed from there yet; give a date in the past,"
                        + " or drop it to apply the change from the next run on");
            }
        }
        if (request.forwardOnly() && !request.restate().isEmpty()) {
            throw new VeneerException(ErrorCode.PLAN_INVALID, "--forward-only and --restate make separate plans: a restatement"
                    + " recomputes the versions an environment has, a forward-only plan changes them; plan one, then the other");
        }
        for (ModelName allowed : request.allowDestructive()) {
            if (!project.models().containsKey(allowed)) {
                throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, "--allow-destructive-model " + allowed + ": no such model in the"
                        + " project; models are named schema.table, see 'veneer dag'");
            }
        }
    }
}
