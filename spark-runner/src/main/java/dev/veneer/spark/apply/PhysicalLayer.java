package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.planner.plan.PlanFile.BuildStep;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The physical layer's DDL: the schemas of physical tables, and one table or view per build step. */
final class PhysicalLayer {
    private static final Logger log = LoggerFactory.getLogger(PhysicalLayer.class);

    private final SparkSession spark;

    PhysicalLayer(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /**
     * Creates the schema of every step's physical table, once per catalog and schema. In the embedded
     * lakehouse {@code lake.x} and {@code spark_catalog.x} are one metastore database, so the second
     * statement is a cheap no-op; with separate catalogs both are needed.
     */
    void createSchemas(Collection<BuildStep> steps) {
        Set<List<String>> schemas = new LinkedHashSet<>();
        steps.forEach(step -> schemas.add(DdlStatements.schemaOf(step.physicalTable()).stream()
                .map(part -> part.toLowerCase(Locale.ROOT)).toList()));
        for (List<String> schema : schemas) {
            spark.sql(DdlStatements.createSchema(schema));
        }
    }

    SparkSession spark() {
        return spark;
    }
}
