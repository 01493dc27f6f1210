package dev.veneer.spark.apply;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.plan.ViewAction;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a plan before anything is touched, so that a corrupt or hand-edited plan fails without
 * changing state, tables or views.
 */
final class PlanValidator {
    private static final Set<String> BUILDABLE_KINDS = Set.of("FULL", "VIEW", "INCREMENTAL_BY_TIME_RANGE", "INCREMENTAL_BY_UNIQUE_KEY",
            "SCD_TYPE_2", "SCD_TYPE_2_BY_COLUMN", "SEED");
    private static final Set<String> TABLE_FORMATS = Set.of("delta", "iceberg");
    private static final java.util.regex.Pattern PLAIN_IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PlanValidator() {}

    static void validate(PlanFile plan) {
        String id = plan.planId();
        if (plan.formatVersion() != PlanFile.FORMAT_VERSION) {
            throw ApplyErrors.invalidPlan(id, "its format version is " + plan.formatVersion()
                    + " and this Veneer reads version " + PlanFile.FORMAT_VERSION);
        }
        try {
            EnvironmentName.validate(plan.environment());
        }
        catch (VeneerException e) {
            throw ApplyErrors.invalidPlan(id, e.getMessage());
        }
        validateBuilds(plan);
        plan.builds().stream().filter(step -> step.forwardOnly() == null || !step.forwardOnly().isPreview())
                .forEach(step -> PlanExecutor.versionOf(plan, step));
        plan.builds().stream().filter(step -> step.forwardOnly() != null).forEach(step -> validateForwardOnly(plan, step));
        plan.snapshots().forEach(snapshot -> physicalTable(id, snapshot.model(), snapshot.physicalTable()));
        plan.environmentSnapshots().forEach(pointer -> physicalTable(id, pointer.model(), pointer.physicalTable()));
        plan.backfills().forEach(backfill -> physicalTable(id, backfill.model(), backfill.physicalTable()));
        plan.reused().forEach(reused -> physicalTable(id, reused.model(), reused.physicalTable()));
        plan.views().forEach(view -> validateView(plan, view));
        BuildGraph.of(plan.builds(), cycle -> ApplyErrors.invalidPlan(id, "its builds depend on each other in a cycle: " + cycle));
    }

    /**
     * The catalog, schema and name of an environment view: {@code schema.view} lives in
     * {@code spark_catalog}; a 3-part name must already say {@code spark_catalog}.
     */
    static List<String> viewName(String view) {
        List<String> parts = SqlIdentifiers.split(view);
        if (parts.size() == 2) {
            return List.of(DdlStatements.VIEW_CATALOG, parts.get(0), parts.get(1));
        }
        if (parts.size() == 3 && parts.get(0).equalsIgnoreCase(DdlStatements.VIEW_CATALOG)) {
            return parts;
        }
        throw new IllegalArgumentException("expected schema.view, got '" + view + "'");
    }

    private static void validateBuilds(PlanFile plan) {
        String id = plan.planId();
        Set<String> models = new HashSet<>();
        Set<String> tables = new HashSet<>();
        for (BuildStep step : plan.builds()) {
            modelName(id, step.model());
            if (!models.add(step.model())) {
                throw ApplyErrors.invalidPlan(id, "model " + step.model() + " is built twice");
            }
            if (!tables.add(step.physicalTable().toLowerCase(Locale.ROOT))) {
                throw ApplyErrors.invalidPlan(id, "physical table " + step.physicalTable() + " is built twice");
            }
            String kind = step.kind().toUpperCase(Locale.ROOT);
            if (!BUILDABLE_KINDS.contains(kind)) {
                throw ApplyErrors.invalidPlan(id, "model " + step.model() + " has kind " + step.kind()
                        + ", which this runner cannot build yet (it builds " + String.join(", ", BUILDABLE_KINDS.stream().sorted().toList()) + ")");
            }
            if (!kind.equals("VIEW") && !TABLE_FORMATS.contains(step.tableFormat().toLowerCase(Locale.ROOT))) {
                throw ApplyErrors.invalidPlan(id, "model " + step.model() + " has table format " + step.tableFormat()
                        + "; use delta or iceberg");
            }
            physicalTable(id, step.model(), step.physicalTable());
            step.partitionedBy().stream()
                    .filter(expression -> !DdlStatements.isValidPartitionExpression(expression))
                    .findFirst()
                    .ifPresent(expression -> {
                        throw ApplyErrors.invalidPlan(id, "model " + step.model() + " is partitioned by '" + expression
                                + "'; use column names or days(col), months(col), bucket(n, col), truncate(n, col)");
                    });
            if (kind.equals("INCREMENTAL_BY_TIME_RANGE") && step.options().timeColumn().isEmpty()) {
                throw ApplyErrors.invalidPlan(id, "model " + step.model() + " is INCREMENTAL_BY_TIME_RANGE without a time column");
            }
            if ((kind.equals("INCREMENTAL_BY_UNIQUE_KEY") || kind.startsWith("SCD_TYPE_2")) && step.options().uniqueKey().isEmpty()) {
                throw ApplyErrors.invalidPlan(id, "model " + step.model() + " is " + kind + " without a unique key");
            }
        }
    }

    /**
     * A forward-only step changes a table that other environments share: in place only in a prod
     * plan, on the table prod points at; in a dev plan only into the environment's own preview.
     */
    private static void validateForwardOnly(PlanFile plan, BuildStep step) {
        String id = plan.planId();
        PlanFile.ForwardOnly how = step.forwardOnly();
        if (!ModelKind.valueOf(step.kind().toUpperCase(Locale.ROOT)).incremental()) {
            throw ApplyErrors.invalidPlan(id, "model " + step.model() + " is " + step.kind() + ", which has no forward-only changes");
        }
        physicalTable(id, step.model(), how.sourceTable());
        PlanFile.PlannedPointer pointer = plan.environmentSnapshots().stream()
                .filter(candidate -> candidate.model().equals(step.model()))
                .findFirst()
                .orElseThrow(() -> ApplyErrors.invalidPlan(id, "forward-only model " + step.model() + " is not in the environment"));
        if (!pointer.physicalTable().equals(how.sourceTable()) || !how.environment().equals(plan.environment())) {
            throw ApplyErrors.invalidPlan(id, "the forward-only step of " + step.model() + " names table " + how.sourceTable()
                    + " of environment '" + how.environment() + "', not the model's table in '" + plan.environment() + "'");
        }
        boolean prod = EnvironmentName.isProd(plan.environment());
        if (!how.isPreview()) {
            if (!prod || !step.physicalTable().equals(how.sourceTable())) {
                throw ApplyErrors.invalidPlan(id, "it changes table " + how.sourceTable() + " of " + step.model() + " in place, which"
                        + " only a prod plan does; a dev environment previews a forward-only change");
            }
            return;
        }
        if (prod || !step.physicalTable().equals(pointer.preview())
                || SqlIdentifiers.split(step.physicalTable()).size() != 3
                || !SqlIdentifiers.split(step.physicalTable()).get(0).equalsIgnoreCase(DdlStatements.VIEW_CATALOG)) {
            throw ApplyErrors.invalidPlan(id, "the preview of " + step.model() + " must be the environment's own relation in "
                    + DdlStatements.VIEW_CATALOG + ", found " + step.physicalTable());
        }
        if (step.tableFormat().equalsIgnoreCase("iceberg")) {
            if (how.previewBranch() == null || !PLAIN_IDENTIFIER.matcher(how.previewBranch()).matches() || how.previewRowsTable() == null) {
                throw ApplyErrors.invalidPlan(id, "the Iceberg preview of " + step.model() + " has no valid branch and range table");
            }
            physicalTable(id, step.model(), how.previewRowsTable());
        }
    }

    private static void validateView(PlanFile plan, ViewChange change) {
        String id = plan.planId();
        List<String> name;
        try {
            name = viewName(change.view());
            plainIdentifiers(change.view());
            if (change.physicalTable() != null) {
                plainIdentifiers(change.physicalTable());
            }
        }
        catch (IllegalArgumentException e) {
            throw ApplyErrors.invalidPlan(id, "bad view name for model " + change.model() + ": " + e.getMessage());
        }
        if (change.action() == ViewAction.CREATE_OR_REPLACE && change.physicalTable() == null) {
            throw ApplyErrors.invalidPlan(id, "view " + change.view() + " has no physical table to select from");
        }
        String environment = plan.environment();
        // Rule 4: prod views never change while a dev environment is applied, whatever the plan says
        if (!EnvironmentName.isProd(environment) && !name.get(1).toLowerCase(Locale.ROOT).endsWith("__" + environment)) {
            throw ApplyErrors.prodViewInNonProdPlan(id, environment, change.view());
        }
    }

    /** Every table a plan names, wherever it names it, could end up in a statement or in state. */
    private static void physicalTable(String planId, String model, String physicalTable) {
        modelName(planId, model);
        try {
            DdlStatements.schemaOf(physicalTable);
            plainIdentifiers(physicalTable);
        }
        catch (IllegalArgumentException e) {
            throw ApplyErrors.invalidPlan(planId, "model " + model + " has a bad physical table name: " + e.getMessage());
        }
    }

    /** Veneer names its objects from validated model names: anything else in a plan was edited in by hand. */
    private static void plainIdentifiers(String name) {
        for (String part : SqlIdentifiers.split(name)) {
            if (!PLAIN_IDENTIFIER.matcher(part).matches()) {
                throw new IllegalArgumentException("'" + part + "' in '" + name + "' is not a plain identifier (letters, digits and '_')");
            }
        }
    }

    private static ModelName modelName(String planId, String model) {
        try {
            return ModelName.parse(model);
        }
        catch (IllegalArgumentException e) {
            throw ApplyErrors.invalidPlan(planId, "bad model name: " + e.getMessage());
        }
    }
}
