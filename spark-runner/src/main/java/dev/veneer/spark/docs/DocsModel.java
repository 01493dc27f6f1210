package dev.veneer.spark.docs;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.planner.plan.Category;
import dev.veneer.planner.plan.EnvironmentDiff.Change;
import dev.veneer.planner.sql.MacroSpan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the site shows, read once from the project (through the planner) and the state store:
 * the pages are functions of this value. Sections that other features fill (audit and test results,
 * column lineage) are values of their own, empty where the project has none.
 *
 * @param environments the environments shown, prod first; each compared with {@code prod}
 * @param lineage column lineage of the models, computed model by model as pages ask for it
 */
public record DocsModel(
        String project,
        Instant generatedAt,
        Map<ModelName, ModelDoc> models,
        Map<ModelName, ExternalDoc> externals,
        List<EnvironmentDoc> environments,
        ColumnLineage lineage) {
    public DocsModel {
        requireNonNull(project, "project is null");
        requireNonNull(lineage, "lineage is null");
        requireNonNull(generatedAt, "generatedAt is null");
        models = new TreeMap<>(models);
        externals = new TreeMap<>(externals);
        environments = List.copyOf(environments);
    }

    public Optional<EnvironmentDoc> environment(String name) {
        return environments.stream().filter(environment -> environment.name().equals(name)).findFirst();
    }

    /**
     * One model of the project.
     *
     * @param file the model file as written (header and query), for the page's highlighted SQL
     * @param queryOffset where the query starts in {@code file}; -1 if it could not be found
     * @param macros macro variables, offsets into {@code file}
     * @param tables the physical table each shown environment points at, prod first
     * @param checks audits and unit tests of the model with their last result
     */
    public record ModelDoc(
            ModelName name,
            String path,
            String kind,
            String tableFormat,
            Optional<String> owner,
            Optional<String> description,
            List<String> tags,
            List<Property> properties,
            String file,
            int queryOffset,
            List<MacroSpan> macros,
            List<ColumnDoc> columns,
            List<ModelName> parents,
            List<ModelName> externalParents,
            List<ModelName> children,
            List<EnvironmentTable> tables,
            List<CheckResult> checks) {
        public ModelDoc {
            requireNonNull(name, "name is null");
            tags = List.copyOf(tags);
            properties = List.copyOf(properties);
            macros = List.copyOf(macros);
            columns = List.copyOf(columns);
            parents = List.copyOf(parents);
            externalParents = List.copyOf(externalParents);
            children = List.copyOf(children);
            tables = List.copyOf(tables);
            checks = List.copyOf(checks);
        }

        public String schema() {
            return name.schema();
        }
    }

    /** A header attribute shown in the model's summary, such as {@code cron @daily}. */
    public record Property(String name, String value) {}

    /**
     * A column of a model or external table.
     *
     * @param type Spark SQL type text, empty where the project does not say
     */
    public record ColumnDoc(String name, Optional<String> type) {}

    /** A table Veneer reads but does not build. */
    public record ExternalDoc(ModelName name, List<ColumnDoc> columns, List<ModelName> readers) {
        public ExternalDoc {
            columns = List.copyOf(columns);
            readers = List.copyOf(readers);
        }
    }

    /**
     * Where one environment's view of a model points.
     *
     * @param sharedWithProd prod points at the same physical table (nothing was built for this environment)
     * @param intervals the data ranges recorded for this version, merged
     * @param current the environment's snapshot is the one the project has now (same fingerprint)
     */
    public record EnvironmentTable(String environment, String physicalTable, String version, boolean sharedWithProd,
            List<Interval> intervals, boolean current) {
        public EnvironmentTable {
            intervals = List.copyOf(intervals);
        }
    }

    /**
     * The last result of an audit or unit test of a model.
     *
     * @param kind {@code audit} or {@code test}
     * @param passed empty when it never ran
     */
    public record CheckResult(String kind, String name, boolean blocking, Optional<Boolean> passed, String detail,
            Optional<Instant> ranAt) {}

    /**
     * An environment against prod.
     *
     * @param changes its models whose pointer differs from prod's, with their categories
     * @param ownTables how many of its models point at a table prod does not use
     * @param graph the changed part of the DAG: changed models and the parents they read
     */
    public record EnvironmentDoc(
            String name,
            String baseEnvironment,
            String planId,
            Instant createdAt,
            Instant updatedAt,
            Optional<Instant> expiresAt,
            boolean expired,
            boolean finalized,
            int models,
            int sharedTables,
            int ownTables,
            List<ModelChange> changes,
            GraphData graph) {
        public EnvironmentDoc {
            changes = List.copyOf(changes);
        }

        public boolean isProd() {
            return name.equals(dev.veneer.catalog.EnvironmentName.PROD);
        }
    }

    /**
     * How an environment's model differs from prod's.
     *
     * @param category for a modified model; empty for added and removed ones
     */
    public record ModelChange(String model, Change change, Optional<Category> category, String prodTable, String table,
            boolean sameTable) {}
}
