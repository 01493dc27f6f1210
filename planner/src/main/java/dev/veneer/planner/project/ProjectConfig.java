package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of {@code veneer.yaml}.
 *
 * @param state JDBC URL of the state store (a SQLite file under {@code .veneer/} by default)
 * @param spark extra Spark settings for the embedded session, applied over the defaults in {@code conf/}
 */
public record ProjectConfig(
        String name,
        TableFormat defaultTableFormat,
        String icebergCatalog,
        String physicalSchemaPrefix,
        Map<String, String> spark,
        String state) {
    /** Spark's session catalog: Delta tables, views, and the previews of forward-only changes. */
    public static final String SESSION_CATALOG = "spark_catalog";

    public static final String FILE_NAME = "veneer.yaml";
    public static final String STATE_FOLDER = ".veneer";

    public ProjectConfig {
        requireNonNull(name, "name is null");
        requireNonNull(defaultTableFormat, "defaultTableFormat is null");
        requireNonNull(icebergCatalog, "icebergCatalog is null");
        requireNonNull(physicalSchemaPrefix, "physicalSchemaPrefix is null");
        requireNonNull(state, "state is null");
        spark = new TreeMap<>(spark);
    }

    public static String defaultStateUrl(Path projectDir) {
        return "jdbc:sqlite:" + stateFolder(projectDir).resolve("state.db");
    }

    public static Path stateFolder(Path projectDir) {
        return projectDir.toAbsolutePath().normalize().resolve(STATE_FOLDER);
    }

    /** The catalog that holds a model's physical table. */
    public String catalogFor(ModelKind kind, TableFormat format) {
        if (kind == ModelKind.VIEW || format == TableFormat.DELTA) {
            return SESSION_CATALOG;
        }
        return icebergCatalog;
    }
}
