package dev.veneer.spark.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaChangeTest {
    private static final StructType TABLE = new StructType()
            .add("id", DataTypes.LongType)
            .add("day", DataTypes.DateType)
            .add("amount", DataTypes.DoubleType);

    @Test
    void theSameColumnsAreNoChangeWhateverTheirNullabilityOrCase() {
        StructType query = new StructType().add("ID", DataTypes.LongType, false).add("day", DataTypes.DateType).add("amount", DataTypes.DoubleType);

        SchemaChange change = SchemaChange.between(TABLE, query, Set.of());

        assertThat(change.isEmpty()).isTrue();
        assertThat(change.statements("t", true)).isEmpty();
    }

    @Test
    void addedColumnsGoWhereTheQueryPutsThem() {
        StructType query = new StructType().add("note", DataTypes.StringType).add("id", DataTypes.LongType)
                .add("day", DataTypes.DateType).add("doubled", DataTypes.DoubleType).add("amount", DataTypes.DoubleType);

        SchemaChange change = SchemaChange.between(TABLE, query, Set.of());

        assertThat(change.isDestructive()).isFalse();
        assertThat(change.describeAdditive()).isEqualTo("adds columns note string, doubled double");
        assertThat(change.statements("t", true)).containsExactly(
                "ALTER TABLE t ADD COLUMNS (`note` string FIRST)",
                "ALTER TABLE t ADD COLUMNS (`doubled` double AFTER `day`)");
    }

    @Test
    void droppedAndRetypedColumnsAreDestructiveAndNeedColumnMappingOnDelta() {
        StructType query = new StructType().add("id", DataTypes.LongType).add("day", DataTypes.StringType);

        SchemaChange change = SchemaChange.between(TABLE, query, Set.of());

        assertThat(change.isDestructive()).isTrue();
        assertThat(change.describeDestructive()).isEqualTo("drops column amount; changes the type of day from date to string");
        assertThat(change.statements("t", true)).containsExactly(
                "ALTER TABLE t SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')",
                "ALTER TABLE t DROP COLUMN `amount`",
                "ALTER TABLE t DROP COLUMN `day`",
                "ALTER TABLE t ADD COLUMNS (`day` string AFTER `id`)");
        assertThat(change.statements("t", false)).doesNotContain("ALTER TABLE t SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
    }

    @Test
    void reorderedColumnsAreMovedSoInsertsByPositionStayRight() {
        StructType query = new StructType().add("id", DataTypes.LongType).add("amount", DataTypes.DoubleType).add("day", DataTypes.DateType);

        SchemaChange change = SchemaChange.between(TABLE, query, Set.of());

        assertThat(change.isEmpty()).isFalse();
        assertThat(change.isDestructive()).isFalse();
        assertThat(change.statements("t", false)).containsExactly("ALTER TABLE t ALTER COLUMN `amount` AFTER `id`");
    }

    @Test
    void columnsVeneerManagesAreLeftAlone() {
        StructType table = TABLE.add("valid_from", DataTypes.TimestampType).add("valid_to", DataTypes.TimestampType);
        StructType query = TABLE.add("plan", DataTypes.StringType);

        SchemaChange change = SchemaChange.between(table, query, Set.of("valid_from", "VALID_TO"));

        assertThat(change.isDestructive()).isFalse();
        assertThat(change.statements("t", true)).containsExactly("ALTER TABLE t ADD COLUMNS (`plan` string AFTER `amount`)");
    }
}
