package dev.veneer.spark.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.plan.PlanFile.BuildStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlStatementsTest {
    @Test
    void fullModelIsACreateOrReplaceTableAsSelectInItsFormat() {
        BuildStep step = new BuildStep("sales.orders", "lake.veneer__sales.sales__orders__ab12", "FULL", "ICEBERG",
                "SELECT 1 AS id, DATE'2024-01-01' AS day", List.of("day", "bucket(16, id)"), List.of());

        assertThat(DdlStatements.build(step)).isEqualTo("""
                CREATE OR REPLACE TABLE `lake`.`veneer__sales`.`sales__orders__ab12`
                USING iceberg
                PARTITIONED BY (`day`, bucket(16, `id`))
                AS
                SELECT 1 AS id, DATE'2024-01-01' AS day""");
    }

    @Test
    void viewModelIsAPhysicalView() {
        BuildStep step = new BuildStep("sales.recent", "spark_catalog.veneer__sales.sales__recent__cd34", "VIEW", "delta",
                "SELECT * FROM t", List.of(), List.of());

        assertThat(DdlStatements.build(step)).isEqualTo("""
                CREATE OR REPLACE VIEW `spark_catalog`.`veneer__sales`.`sales__recent__cd34`
                AS
                SELECT * FROM t""");
    }

    @Test
    void schemaOfKeepsTheCatalog() {
        assertThat(DdlStatements.createSchemaOf("lake.veneer__s.s__m__v")).isEqualTo("CREATE SCHEMA IF NOT EXISTS `lake`.`veneer__s`");
        assertThat(DdlStatements.createSchemaOf("veneer__s.s__m__v")).isEqualTo("CREATE SCHEMA IF NOT EXISTS `veneer__s`");
    }

    @Test
    void environmentViewsSelectEverythingFromThePhysicalTable() {
        List<String> view = List.of("spark_catalog", "sales__dev", "orders");

        assertThat(DdlStatements.createOrReplaceView(view, "lake.veneer__sales.sales__orders__ab12"))
                .isEqualTo("CREATE OR REPLACE VIEW `spark_catalog`.`sales__dev`.`orders` AS SELECT * FROM `lake`.`veneer__sales`.`sales__orders__ab12`");
        assertThat(DdlStatements.dropView(view)).isEqualTo("DROP VIEW IF EXISTS `spark_catalog`.`sales__dev`.`orders`");
    }

    @Test
    void onlyColumnsAndIcebergTransformsArePartitionExpressions() {
        assertThat(DdlStatements.isValidPartitionExpression("day")).isTrue();
        assertThat(DdlStatements.isValidPartitionExpression("days(ts)")).isTrue();
        assertThat(DdlStatements.isValidPartitionExpression("truncate(4, name)")).isTrue();
        assertThat(DdlStatements.isValidPartitionExpression("day) AS SELECT 1 --")).isFalse();
    }
}
