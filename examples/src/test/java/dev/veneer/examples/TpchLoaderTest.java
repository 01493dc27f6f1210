package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.Planner;
import dev.veneer.planner.project.ExternalModel;
import dev.veneer.spark.testing.SharedSparkSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Loads TPC-H at scale 0.01 into the shared lakehouse; the tables match external_models.yaml. */
@ExtendWith(SharedSparkSession.class)
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
    void columnsAndTypesAreTheOnesExternalModelsDeclare(SparkSession spark) {
        for (ExternalModel external : new Planner().compile(TpchProjectFilesTest.PROJECT).project().externals().values()) {
            Map<String, String> actual = new LinkedHashMap<>();
            for (StructField field : spark.table(external.name().toString()).schema().fields()) {
                actual.put(field.name(), field.dataType().simpleString());
            }
            assertThat(actual).as(external.name().toString()).containsExactlyEntriesOf(external.columns());
        }
    }

    @Test
    @Order(4)
    void loadingAgainReplacesTheTables(SparkSession spark) {
        TpchLoader.load(spark, SCALE);
        assertThat(spark.table("tpch.orders").count()).isEqualTo(15_000L);
        assertThat(spark.table("tpch.region").count()).isEqualTo(5L);
    }
}
