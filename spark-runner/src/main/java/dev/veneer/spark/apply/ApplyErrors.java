package dev.veneer.spark.apply;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The user-facing errors of an apply, side by side: what is wrong, why, what to do. */
final class ApplyErrors {
    private ApplyErrors() {}

    static VeneerException environmentChanged(String environment) {
        return new VeneerException(ErrorCode.ENVIRONMENT_CHANGED,
                "environment '" + environment + "' changed since this plan was made; plan again");
    }

    static VeneerException buildFailed(String model, String environment, Throwable cause) {
        return new VeneerException(ErrorCode.BUILD_FAILED,
                "model " + model + " failed to build: " + firstLine(cause)
                        + "; fix the model and plan again — environment '" + environment + "' is unchanged",
                cause);
    }

    static VeneerException schemasFailed(String environment, Throwable cause) {
        return new VeneerException(ErrorCode.BUILD_FAILED,
                "cannot create the schemas of the physical tables: " + firstLine(cause)
                        + "; check the metastore and apply again — environment '" + environment + "' is unchanged",
                cause);
    }

    static VeneerException viewsFailed(String environment, List<String> failures, Throwable cause) {
        return new VeneerException(ErrorCode.BUILD_FAILED,
                "environment '" + environment + "' was updated but " + failures.size() + " of its views could not be changed: "
                        + String.join("; ", failures) + "; apply the same plan again to finish its views",
                cause);
    }

    static VeneerException invalidPlan(String planId, String problem) {
        return new VeneerException(ErrorCode.PLAN_FILE_INVALID,
                "plan " + planId + " cannot be applied: " + problem + "; make a new plan with 'veneer plan'");
    }

    static VeneerException prodViewInNonProdPlan(String planId, String environment, String view) {
        return invalidPlan(planId, "it is for environment '" + environment + "' but changes view '" + view
                + "', which is not in a schema of that environment (schema__" + environment
                + "); prod views change only with a prod plan");
    }

    static VeneerException destructiveChange(List<String> problems) {
        return new VeneerException(ErrorCode.DESTRUCTIVE_CHANGE, "a forward-only change keeps its table and rows, so it cannot"
                + " drop or retype columns without losing their values: " + String.join("; ", problems) + ". Nothing was changed."
                + " To accept the loss, plan again adding --allow-destructive-model MODEL for each; to keep the old values,"
                + " build the change as a new version instead (plan without --forward-only, and without forward_only true in"
                + " the model's header)");
    }

    /** The first line of the deepest useful message: Spark's first line names the error class and the column. */
    static String firstLine(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.isEmpty() ? cause.getClass().getSimpleName() : line;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof ExecutionException || current instanceof CompletionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
