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

    /**
     * The relation through which environment {@code environment} previews a forward-only change of
     * {@code model} (snapshot {@code fingerprint}) to the table of {@code version}, without a catalog:
     * {@code veneer__<schema>.<schema>__<model>__<version>__<environment>_<fingerprint prefix>}. One per
     * snapshot and environment: planning the environment again with another change makes a new one.
     */
    public String previewTable(ModelName model, String version, String environment, String fingerprint) {
        return physicalTable(model, version) + "__" + environment + "_" + shortFingerprint(fingerprint);
    }

    /** The Iceberg branch of the source table that an Iceberg preview writes: {@code veneer_<environment>_<fingerprint prefix>}. */
    public static String previewBranch(String environment, String fingerprint) {
        return "veneer_" + environment + "_" + shortFingerprint(fingerprint);
    }

    /** The version key a preview's own intervals are recorded under: never a real version (those are hex). */
    public static String previewIntervalVersion(String version, String environment, String fingerprint) {
        return shortVersion(version) + "__preview__" + environment + "_" + shortFingerprint(fingerprint);
    }

    private static String shortFingerprint(String fingerprint) {
        return fingerprint.length() <= 8 ? fingerprint : fingerprint.substring(0, 8);
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
