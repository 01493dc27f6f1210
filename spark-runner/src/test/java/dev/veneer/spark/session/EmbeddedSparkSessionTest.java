package dev.veneer.spark.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.spark.testing.SharedSparkSession;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSparkSession.class)
class EmbeddedSparkSessionTest {
    @Test
    void keepsEverythingInsideTheStateFolder(@TempDir Path dir) {
        Map<String, String> conf = EmbeddedSparkSession.configuration(dir.resolve(".veneer"), "lake", Map.of());
        String home = dir.resolve(".veneer").toAbsolutePath().toString();

        assertThat(conf).containsEntry("spark.hadoop.javax.jdo.option.ConnectionURL",
                        "jdbc:derby:;databaseName=" + home + "/metastore_db;create=true")
                .containsEntry("spark.sql.warehouse.dir", home + "/warehouse")
                .containsEntry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
                .containsEntry("spark.sql.catalog.lake.type", "hive")
                .containsEntry("spark.sql.catalog.lake.warehouse", home + "/iceberg")
                .containsEntry("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .containsEntry("spark.hadoop.datanucleus.connectionPoolingType", "DBCP")
                .containsEntry("spark.hadoop.iceberg.engine.hive.lock-enabled", "false")
                .containsEntry("spark.ui.enabled", "false");
        assertThat(conf.keySet()).noneMatch(key -> key.contains("${"));
        assertThat(conf.values()).noneMatch(value -> value.contains("${"));
    }

    @Test
    void overridesWinOverDefaults(@TempDir Path dir) {
        Map<String, String> conf = EmbeddedSparkSession.configuration(dir, "ice", Map.of("spark.master", "local[2]"));

        assertThat(conf).containsEntry("spark.master", "local[2]").containsKey("spark.sql.catalog.ice.type");
    }

    @Test
    void refusesTheSessionCatalogAsIcebergCatalogName(@TempDir Path dir) {
        assertThatThrownBy(() -> EmbeddedSparkSession.configuration(dir, "spark_catalog", Map.of()))
                .hasMessageContaining("not spark_catalog");
    }

    @Test
    void theRunningSessionIsSharedAndAnotherStateFolderIsRefused(SparkSession spark, @TempDir Path other) {
        assertThat(EmbeddedSparkSession.create(SharedSparkSession.stateDir(), SharedSparkSession.ICEBERG_CATALOG, Map.of()))
                .isSameAs(spark);
        assertThatThrownBy(() -> EmbeddedSparkSession.create(other, SharedSparkSession.ICEBERG_CATALOG, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one embedded lakehouse per JVM");
    }

    @Test
    void bothTableFormatsWorkInTheSharedSession(SparkSession spark) {
        String schema = SharedSparkSession.uniqueName("session");
        spark.sql("CREATE SCHEMA " + schema);
        spark.sql("CREATE TABLE spark_catalog." + schema + ".d USING delta AS SELECT 1 AS id");
        spark.sql("CREATE TABLE lake." + schema + ".i USING iceberg AS SELECT id FROM spark_catalog." + schema + ".d");
        spark.sql("CREATE VIEW spark_catalog." + schema + ".v AS SELECT * FROM lake." + schema + ".i");

        assertThat(spark.sql("SELECT id FROM " + schema + ".v").first().getInt(0)).isEqualTo(1);
        assertThat(SharedSparkSession.stateDir().resolve("metastore_db")).isDirectory();
        assertThat(System.getProperty("derby.system.home")).as("derby.log lands there, not in the working folder").isNotNull();
    }
}
