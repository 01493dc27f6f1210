package dev.veneer.spark.cli;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.PlannedPointer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Turns "a build could not find a table" into what happened: a physical table state records as
 * built was dropped outside Veneer. Looked at only after a build failed, so applies that succeed
 * pay nothing for it.
 */
final class MissingPhysicalTables {
    private MissingPhysicalTables() {}

    static VeneerException explain(VeneerException failure, PlanFile plan, SparkSession spark) {
        if (failure.code() != ErrorCode.BUILD_FAILED || !mentionsMissingTable(failure)) {
            return failure;
        }
        Set<String> building = plan.builds().stream().map(BuildStep::physicalTable).collect(Collectors.toSet());
        List<PlannedPointer> missing = plan.environmentSnapshots().stream()
                .filter(pointer -> !building.contains(pointer.physicalTable()))
                .filter(pointer -> !exists(spark, pointer.physicalTable()))
                .toList();
        if (missing.isEmpty()) {
            return failure;
        }
        String tables = missing.stream().map(pointer -> pointer.physicalTable() + " (model " + pointer.model() + ")")
                .collect(Collectors.joining(", "));
        return new VeneerException(ErrorCode.BUILD_FAILED, "physical table " + tables
                + " does not exist although state records it as built (was it dropped outside Veneer?), so the builds that read it"
                + " failed; run 'veneer janitor' to make state forget it, then plan again to rebuild it"
                + " — environment '" + plan.environment() + "' is unchanged", failure);
    }

    private static boolean mentionsMissingTable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND")) {
                return true;
            }
        }
        return false;
    }

    private static boolean exists(SparkSession spark, String physicalTable) {
        try {
            return spark.catalog().tableExists(physicalTable);
        }
        catch (Exception e) {
            return true;
        }
    }
}
