package dev.veneer.spark.cli;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.plan.PlanFile;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks a plan file passes against the state before a SparkSession is even started, so a job
 * handed the wrong plan fails in seconds and changes nothing: the state must belong to the plan's
 * project, and the environment must still be where the plan left it (or already hold this very plan,
 * whose apply is then finished). The executor checks the same again under its own rules.
 */
final class PlanPreflight {
    private PlanPreflight() {}

    static void check(PlanFile plan, StateStore state, String stateUrl) {
        Optional<String> owner = state.projectName();
        if (owner.isPresent() && !owner.get().equals(plan.project())) {
            throw new VeneerException(ErrorCode.PLAN_PROJECT_MISMATCH, "plan " + plan.planId() + " was made for project '"
                    + plan.project() + "', but state " + redacted(stateUrl) + " belongs to project '" + owner.get()
                    + "'; apply it with its own project's state (" + ClusterSettings.STATE + ", --state or VENEER_STATE_URL)");
        }
        Optional<EnvironmentRecord> current = state.environment(plan.environment());
        String actual = current.map(EnvironmentRecord::planId).orElse(null);
        if (plan.planId().equals(actual) || Objects.equals(actual, plan.expectedPlanId())) {
            return;
        }
        throw new VeneerException(ErrorCode.ENVIRONMENT_CHANGED, "environment '" + plan.environment()
                + "' changed since this plan was made; plan again (the plan expects "
                + (plan.expectedPlanId() == null ? "a new environment" : "plan " + plan.expectedPlanId())
                + ", the environment is at " + (actual == null ? "no plan" : "plan " + actual) + ")");
    }

    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
