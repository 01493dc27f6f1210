package dev.veneer.catalog;

import static java.util.Objects.requireNonNull;

/**
 * The names Veneer gives to what it creates: physical tables per model version, and the views of
 * the virtual layer per environment. One place, so the planner, the runner and the janitor agree.
 */
public record PhysicalNames(String physicalSchemaPrefix) {
    /** How many hex digits of the version hash name a physical table. */
    public static final int VERSION_LENGTH = 10;

    public PhysicalNames {
        requireNonNull(physicalSchemaPrefix, "physicalSchemaPrefix is null");
    }

    /** {@code veneer__<schema>} */
    public String physicalSchema(ModelName model) {
        return physicalSchemaPrefix + "__" + model.schema();
    }

    /** {@code veneer__<schema>.<schema>__<model>__<version>}, without a catalog. */
    public String physicalTable(ModelName model, String version) {
        return physicalSchema(model) + "." + model.schema() + "__" + model.table() + "__" + shortVersion(version);
    }

    public static String shortVersion(String version) {
        return version.length() <= VERSION_LENGTH ? version : version.substring(0, VERSION_LENGTH);
    }

    /** The schema of an environment's views: {@code schema} for prod, {@code schema__env} otherwise. */
    public static String viewSchema(ModelName model, String environment) {
        return EnvironmentName.isProd(environment) ? model.schema() : model.schema() + "__" + environment;
    }

    /** The view through which an environment exposes a model. */
    public static String viewName(ModelName model, String environment) {
        return viewSchema(model, environment) + "." + model.table();
    }
}
