package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veneer.examples.TpchProject.ModelFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loads TPC-H at scale 0.01 into a local lakehouse, then builds every model of the example project
 * on it in dependency order, the way Veneer lays them out: each table model as a physical table in
 * its format ({@code veneer__<schema>.<schema>__<model>}, Iceberg ones in catalog {@code lake}) under
 * a view named as the model; the {@code VIEW} model as a view.
 */
@ExtendWith(LocalLakehouse.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TpchLoaderTest {
    private static final double SCALE = 0.01;
    private static final Map<String, Long> ROWS_AT_SCALE_001 = Map.of(
            "tpch.region", 5L, "tpch.nation", 25L, "tpch.customer", 1_500L, "tpch.supplier", 100L,
            "tpch.part", 2_000L, "tpch.partsupp", 8_000L, "tpch.orders", 15_000L);

    @BeforeAll
    static void load(SparkSession spark) {
        long start = System.nanoTime();
        TpchLoader.load(spark, SCALE);
        System.out.printf("TpchLoader.load(scale %s): %d ms%n", SCALE, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    @Order(1)
    void loadsEveryTableAsDeltaWithTheTpchRowCounts(SparkSession spark) {
        for (String table : TpchLoader.tables()) {
            assertThat(spark.sql("DESCRIBE DETAIL " + table).first().<String>getAs("format")).as(table).isEqualTo("delta");
            long rows = spark.table(table).count();
            if (table.equals("tpch.lineitem")) {
                assertThat(rows).isBetween(59_000L, 61_000L);
            }
            else {
                assertThat(rows).as(table).isEqualTo(ROWS_AT_SCALE_001.get(table));
            }
        }
    }

    @Test
    @Order(2)
    void columnsAndTypesAreTheOnesExternalModelsDeclare(SparkSession spark) throws IOException {
        JsonNode entries = new ObjectMapper(new YAMLFactory()).readTree(TpchProject.DIR.resolve("external_models.yaml").toFile());
        for (JsonNode entry : entries) {
            String table = entry.path("name").asText();
            Map<String, String> declared = new LinkedHashMap<>();
            entry.path("columns").fields().forEachRemaining(column -> declared.put(column.getKey(), column.getValue().asText()));
            Map<String, String> actual = new LinkedHashMap<>();
            for (StructField field : spark.table(table).schema().fields()) {
                actual.put(field.name(), field.dataType().simpleString());
            }
            assertThat(actual).as(table).containsExactlyEntriesOf(declared);
        }
    }

    @Test
    @Order(3)
    void everyModelQueryRunsOnSparkAndReturnsRows(SparkSession spark) {
        List<ModelFile> models = TpchProject.inDependencyOrder(TpchProject.models());
        Set<String> schemas = models.stream().map(model -> schema(model.name())).collect(Collectors.toCollection(TreeSet::new));
        for (String schema : schemas) {
            spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema);
            spark.sql("CREATE SCHEMA IF NOT EXISTS veneer__" + schema);
        }
        for (ModelFile model : models) {
            long start = System.nanoTime();
            build(spark, model);
            long rows = spark.table(model.name()).count();
            System.out.printf("%-28s %-4s %-7s %7d rows %6d ms%n", model.name(), model.kind(),
                    model.kind().equals("VIEW") ? "-" : model.tableFormat(), rows, (System.nanoTime() - start) / 1_000_000);
            assertThat(rows).as("rows of %s", model.name()).isPositive();
            List<String> grain = model.listProperty("grain");
            if (!grain.isEmpty()) {
                long distinct = spark.table(model.name()).select(grain.get(0), grain.subList(1, grain.size()).toArray(String[]::new))
                        .distinct().count();
                assertThat(distinct).as("%s is unique on its grain %s", model.name(), grain).isEqualTo(rows);
            }
        }
    }

    @Test
    @Order(4)
    void loadingAgainReplacesTheTables(SparkSession spark) {
        TpchLoader.load(spark, SCALE);
        assertThat(spark.table("tpch.orders").count()).isEqualTo(15_000L);
        assertThat(spark.table("tpch.region").count()).isEqualTo(5L);
    }

    private static void build(SparkSession spark, ModelFile model) {
        if (model.kind().equals("VIEW")) {
            spark.sql("CREATE OR REPLACE VIEW " + model.name() + " AS\n" + model.query());
            return;
        }
        String physical = "veneer__" + schema(model.name()) + "." + model.name().replace(".", "__");
        String partitioning = model.listProperty("partitioned_by").isEmpty()
                ? ""
                : " PARTITIONED BY (" + String.join(", ", model.listProperty("partitioned_by")) + ")";
        if (model.tableFormat().equals("iceberg")) {
            physical = "lake." + physical;
        }
        spark.sql("CREATE OR REPLACE TABLE " + physical + " USING " + model.tableFormat() + partitioning + " AS\n" + model.query());
        spark.sql("CREATE OR REPLACE VIEW " + model.name() + " AS SELECT * FROM " + physical);
    }

    private static String schema(String modelName) {
        return modelName.substring(0, modelName.indexOf('.'));
    }
}
