package dev.veneer.spark.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.plan.ViewAction;
import dev.veneer.spark.testing.SharedSparkSession;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Repoints: a view whose new table has its columns is rewritten through the metastore API, any
 * other goes through SQL. Either way readers see a correct view of the new table.
 */
@ExtendWith(SharedSparkSession.class)
class ViewPublisherTest {
    private final SparkSession spark;

    ViewPublisherTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void repointsReadTheNewTableWithItsColumnsWhetherTheyChangedOrNot() throws InterruptedException {
        String physical = SharedSparkSession.uniqueName("phys");
        String schema = SharedSparkSession.uniqueName("views");
        spark.sql("CREATE SCHEMA " + physical);
        spark.sql("CREATE TABLE " + physical + ".a USING delta AS SELECT CAST(1 AS BIGINT) AS id, 'a' AS source");
        spark.sql("CREATE TABLE " + physical + ".b USING delta AS SELECT CAST(2 AS BIGINT) AS id, 'b' AS source");
        spark.sql("CREATE TABLE " + physical + ".c USING delta AS SELECT CAST(3 AS BIGINT) AS id, 'c' AS source, 30 AS extra");
        String lakeTable = SharedSparkSession.ICEBERG_CATALOG + "." + physical + ".d";
        spark.sql("CREATE TABLE " + lakeTable + " USING iceberg AS SELECT CAST(4 AS BIGINT) AS id, 'd' AS source, 40 AS extra");
        ViewPublisher publisher = new ViewPublisher(spark, 2);

        publisher.publish("prod", List.of(change(schema, "m", physical + ".a"), change(schema, "n", physical + ".a")));
        assertThat(rows(schema + ".m")).containsExactly("1,a");

        // same columns: the view's text changes, nothing else
        publisher.publish("prod", List.of(change(schema, "m", physical + ".b")));
        assertThat(rows(schema + ".m")).containsExactly("2,b");
        assertThat(spark.sql("SHOW CREATE TABLE " + schema + ".m").first().getString(0)).contains(physical + "`.`b`");
        assertThat(spark.table(schema + ".m").columns()).containsExactly("id", "source");
        assertThat(rows(schema + ".n")).as("a view the plan does not name").containsExactly("1,a");

        // a column more: the view is made again, with the new column
        publisher.publish("prod", List.of(change(schema, "m", physical + ".c")));
        assertThat(rows(schema + ".m")).containsExactly("3,c,30");
        assertThat(spark.sql("DESCRIBE " + schema + ".m").collectAsList().stream().map(row -> row.getString(0)))
                .containsExactly("id", "source", "extra");

        // the same columns in another catalog and format
        publisher.publish("prod", List.of(change(schema, "m", lakeTable)));
        assertThat(rows(schema + ".m")).containsExactly("4,d,40");

        // and back, then dropped
        publisher.publish("prod", List.of(change(schema, "m", physical + ".c"),
                new ViewChange(schema + ".n", schema + ".n", physical + ".a", ViewAction.DROP)));
        assertThat(rows(schema + ".m")).containsExactly("3,c,30");
        assertThat(spark.catalog().tableExists(schema + ".n")).isFalse();
    }

    @Test
    void aViewCachedInTheSessionIsReplacedBySqlAndReadsTheNewTable() throws InterruptedException {
        String physical = SharedSparkSession.uniqueName("phys");
        String schema = SharedSparkSession.uniqueName("views");
        spark.sql("CREATE SCHEMA " + physical);
        spark.sql("CREATE TABLE " + physical + ".a USING delta AS SELECT 1 AS id");
        spark.sql("CREATE TABLE " + physical + ".b USING delta AS SELECT 2 AS id");
        ViewPublisher publisher = new ViewPublisher(spark, 2);
        publisher.publish("prod", List.of(change(schema, "m", physical + ".a")));
        spark.sql("CACHE TABLE " + schema + ".m");
        try {
            publisher.publish("prod", List.of(change(schema, "m", physical + ".b")));

            assertThat(rows(schema + ".m")).containsExactly("2");
        }
        finally {
            spark.sql("UNCACHE TABLE IF EXISTS " + schema + ".m");
        }
    }

    @Test
    void manyRepointsRunSideBySideOutsideSparksClientAndKeepEverythingButTheText() throws Exception {
        String physical = SharedSparkSession.uniqueName("phys");
        String schema = SharedSparkSession.uniqueName("views");
        spark.sql("CREATE SCHEMA " + physical);
        spark.sql("CREATE TABLE " + physical + ".a USING delta AS SELECT CAST(1 AS BIGINT) AS id, 'a' AS source");
        spark.sql("CREATE TABLE " + physical + ".b USING delta AS SELECT CAST(2 AS BIGINT) AS id, 'b' AS source");
        ViewPublisher publisher = new ViewPublisher(spark, 4);
        int count = ViewPublisher.OWN_CLIENTS_FROM + 1;
        List<ViewChange> toA = new java.util.ArrayList<>();
        List<ViewChange> toB = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            toA.add(change(schema, "v" + i, physical + ".a"));
            toB.add(change(schema, "v" + i, physical + ".b"));
        }
        publisher.publish("prod", toA);
        var catalog = spark.sessionState().catalog();
        var before = catalog.getTableMetadata(new org.apache.spark.sql.catalyst.TableIdentifier("v0", scala.Option.apply(schema)));

        // one new view among them goes through SQL, the others through the pool's own metastore clients
        List<ViewChange> withNew = new java.util.ArrayList<>(toB);
        withNew.add(change(schema, "fresh", physical + ".b"));
        publisher.publish("prod", withNew);

        for (int i = 0; i < count; i++) {
            assertThat(rows(schema + ".v" + i)).as("view v%d", i).containsExactly("2,b");
        }
        assertThat(rows(schema + ".fresh")).containsExactly("2,b");
        var after = catalog.getTableMetadata(new org.apache.spark.sql.catalyst.TableIdentifier("v0", scala.Option.apply(schema)));
        assertThat(after.viewText().get()).contains(physical + "`.`b`");
        assertThat(after.viewOriginalText().get()).isEqualTo(after.viewText().get());
        assertThat(after.schema()).isEqualTo(before.schema());
        // everything it recorded, but the time of the change
        assertThat(after.properties().$minus("transient_lastDdlTime")).isEqualTo(before.properties().$minus("transient_lastDdlTime"));
        assertThat(after.owner()).isEqualTo(before.owner());
        assertThat(after.tableType()).isEqualTo(before.tableType());
        assertThat(spark.sql("SHOW CREATE TABLE " + schema + ".v" + (count - 1)).first().getString(0)).contains(physical + "`.`b`");
    }

    private static ViewChange change(String schema, String view, String physicalTable) {
        return new ViewChange(schema + "." + view, schema + "." + view, physicalTable, ViewAction.CREATE_OR_REPLACE);
    }

    private List<String> rows(String view) {
        return spark.sql("SELECT * FROM " + view).collectAsList().stream()
                .map(row -> String.join(",", Arrays.stream(rowValues(row)).map(String::valueOf).toList()))
                .toList();
    }

    private static Object[] rowValues(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        return values;
    }
}
