package dev.veneer.planner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.sql.TableReference;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelFileParserTest {
    private static final String PATH = "models/marts/orders.sql";

    private final ModelFileParser parser = new ModelFileParser();

    private static SourceLocation at(int line, int column) {
        return new SourceLocation(PATH, line, column);
    }

    private VeneerException error(String content) {
        try {
            parser.parse(PATH, content);
        }
        catch (VeneerException e) {
            return e;
        }
        throw new AssertionError("expected an error for:\n" + content);
    }

    @Test
    void parsesAFullModelFile() {
        ModelDefinition model = parser.parse(PATH, """
                MODEL (
                  name marts.orders,
                  kind VIEW,
                  table_format delta,
                  owner data_team,
                  description 'Orders with their customer',
                  tags [finance, 'pii'],
                  cron '@daily',
                  grain [order_id, Line_No],
                  partitioned_by (order_date, days(created_at)),
                  depends_on [staging.audit_log, 'staging.extra'],
                  stamp 'v2'
                );

                -- orders joined to customers
                SELECT o.*, c.name
                FROM staging.orders o
                JOIN staging.customers c ON c.id = o.customer_id;
                """);

        assertThat(model.name()).isEqualTo(new ModelName("marts", "orders"));
        assertThat(model.path()).isEqualTo(PATH);
        assertThat(model.kind()).isEqualTo(ModelKind.VIEW);
        assertThat(model.tableFormat()).contains(TableFormat.DELTA);
        assertThat(model.owner()).contains("data_team");
        assertThat(model.description()).contains("Orders with their customer");
        assertThat(model.tags()).containsExactly("finance", "pii");
        assertThat(model.cron()).contains("@daily");
        assertThat(model.grain()).containsExactly("order_id", "line_no");
        assertThat(model.partitionedBy()).containsExactly("order_date", "days(created_at)");
        assertThat(model.dependsOn()).containsExactly(new ModelName("staging", "audit_log"), new ModelName("staging", "extra"));
        assertThat(model.stamp()).contains("v2");
        assertThat(model.location()).isEqualTo(at(1, 1));
        assertThat(model.query().text()).startsWith("-- orders joined to customers\nSELECT o.*");
        assertThat(model.query().location()).isEqualTo(at(15, 1));
        assertThat(model.query().references())
                .extracting(TableReference::qualifiedName, TableReference::line, TableReference::column)
                .containsExactly(tuple("staging.orders", 17, 6),
                        tuple("staging.customers", 18, 6));
    }

    @Test
    void defaultsApplyToAMinimalModel() {
        ModelDefinition model = parser.parse(PATH, "MODEL (name `Marts`.orders) SELECT 1");

        assertThat(model.name()).isEqualTo(new ModelName("marts", "orders"));
        assertThat(model.kind()).isEqualTo(ModelKind.FULL);
        assertThat(model.tableFormat()).isEmpty();
        assertThat(model.owner()).isEqualTo(Optional.empty());
        assertThat(model.tags()).isEmpty();
        assertThat(model.grain()).isEmpty();
        assertThat(model.partitionedBy()).isEmpty();
        assertThat(model.dependsOn()).isEmpty();
    }

    @Test
    void nameMayBeAString() {
        assertThat(parser.parse(PATH, "MODEL (name 'marts.orders') SELECT 1").name()).isEqualTo(new ModelName("marts", "orders"));
    }

    @Test
    void singleValuesStandForListsOfOne() {
        ModelDefinition model = parser.parse(PATH, "MODEL (name a.b, grain id, partitioned_by ds, tags pii, depends_on c.d) SELECT 1");

        assertThat(model.grain()).containsExactly("id");
        assertThat(model.partitionedBy()).containsExactly("ds");
        assertThat(model.tags()).containsExactly("pii");
        assertThat(model.dependsOn()).containsExactly(new ModelName("c", "d"));
    }

    @Test
    void syntaxErrorInTheQueryPointsAtTheFileLine() {
        VeneerException e = error("""
                MODEL (
                  name marts.orders
                );
                SELECT id
                FROM staging.orders
                WHERE id = = 1
                """);

        assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
        assertThat(e.location()).contains(at(6, 12));
        assertThat(e.describe()).startsWith("models/marts/orders.sql:6:12: syntax error at or near '='");
    }

    @Test
    void syntaxErrorOnTheHeadersLastLineCountsColumnsFromTheFileStart() {
        VeneerException e = error("MODEL (name a.b) SELECT a,, b FROM t");

        assertThat(e.location()).contains(at(1, 27));
    }

    @Test
    void unknownPropertyIsAnErrorListingTheValidOnes() {
        VeneerException e = error("""
                MODEL (
                  name a.b,
                  foo 1
                ) SELECT 1""");

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
        assertThat(e.location()).contains(at(3, 3));
        assertThat(e.getMessage()).isEqualTo("unknown property 'foo' in MODEL header; valid properties: name, kind, "
                + "table_format, owner, description, tags, cron, grain, partitioned_by, depends_on, stamp, start, end, interval_unit, "
                + "columns, audits, forward_only");
    }

    @Test
    void duplicatePropertyIsAnErrorAtTheSecondOne() {
        VeneerException e = error("MODEL (name a.b,\n  NAME a.c) SELECT 1");

        assertThat(e.location()).contains(at(2, 3));
        assertThat(e.getMessage()).isEqualTo("property 'name' is set twice in the MODEL header (first at line 1, column 8); keep one");
    }

    @Test
    void missingNameIsAnErrorAtTheStart() {
        VeneerException e = error("MODEL (kind FULL) SELECT 1");

        assertThat(e.location()).contains(at(1, 1));
        assertThat(e.getMessage()).startsWith("the MODEL header has no name");
    }

    @Test
    void badNamesAreErrorsAtTheValue() {
        assertThat(error("MODEL (name orders) SELECT 1"))
                .satisfies(e -> assertThat(e.location()).contains(at(1, 13)))
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("property 'name' expects a model name schema.table, "
                        + "found name orders: it has 1 part, a model name has exactly two (schema and table)"));
        assertThat(error("MODEL (name lake.a.b) SELECT 1").getMessage()).contains("it has 3 parts");
        assertThat(error("MODEL (name `a b`.c) SELECT 1").getMessage()).contains("each part must be letters");
        assertThat(error("MODEL (name 42) SELECT 1").getMessage())
                .isEqualTo("property 'name' expects a model name schema.table, found number 42");
        assertThat(error("MODEL (name a.b, depends_on [c.d, e]) SELECT 1").location()).contains(at(1, 35));
    }

    @Test
    void externalIsNotAModelFileKind() {
        VeneerException e = error("MODEL (name a.b, kind EXTERNAL) SELECT 1");

        assertThat(e.location()).contains(at(1, 23));
        assertThat(e.getMessage()).startsWith("kind EXTERNAL is not written in a model file: declare tables Veneer reads"
                + " but does not build in external_models.yaml");
    }

    @Test
    void unknownKindIsAnErrorListingTheKinds() {
        VeneerException e = error("MODEL (name a.b, kind TABLE) SELECT 1");

        assertThat(e.getMessage()).isEqualTo("unknown model kind 'TABLE'; kinds are FULL, VIEW, INCREMENTAL_BY_TIME_RANGE, "
                + "INCREMENTAL_BY_UNIQUE_KEY, SCD_TYPE_2, SCD_TYPE_2_BY_COLUMN, SEED");
        assertThat(error("MODEL (name a.b, kind FULL(x 1)) SELECT 1").getMessage())
                .isEqualTo("kind FULL takes no arguments; write 'kind FULL'");
    }

    @Test
    void kindIsCaseInsensitive() {
        assertThat(parser.parse(PATH, "MODEL (name a.b, kind view) SELECT 1").kind()).isEqualTo(ModelKind.VIEW);
    }

    @Test
    void badTableFormatIsAnError() {
        VeneerException e = error("MODEL (name a.b, table_format parquet) SELECT 1");

        assertThat(e.location()).contains(at(1, 31));
        assertThat(e.getMessage()).isEqualTo("unknown table_format 'parquet'; valid formats: iceberg, delta");
        assertThat(parser.parse(PATH, "MODEL (name a.b, table_format 'ICEBERG') SELECT 1").tableFormat())
                .contains(TableFormat.ICEBERG);
    }

    @Test
    void illTypedValuesAreErrors() {
        assertThat(error("MODEL (name a.b, description summary) SELECT 1").getMessage())
                .isEqualTo("property 'description' expects a string in quotes, found name summary");
        assertThat(error("MODEL (name a.b, cron [1]) SELECT 1").getMessage())
                .isEqualTo("property 'cron' expects a string in quotes, found list (1)");
        assertThat(error("MODEL (name a.b, grain [1]) SELECT 1").getMessage())
                .startsWith("property 'grain' expects a column name");
        assertThat(error("MODEL (name a.b, tags [[x]]) SELECT 1").getMessage())
                .isEqualTo("property 'tags' expects a name or a string, found list (x)");
    }

    @Test
    void headerErrorsComeBeforeQueryErrors() {
        assertThat(error("MODEL (name a.b, foo 1) SELEC").getMessage()).startsWith("unknown property 'foo'");
    }

    @Test
    void modelHoldsOneQuery() {
        VeneerException notQuery = error("MODEL (name a.b)\nINSERT INTO t SELECT 1");
        VeneerException two = error("MODEL (name a.b)\nSELECT 1;\nSELECT 2;");
        VeneerException none = error("MODEL (name a.b);\n-- nothing yet\n");

        assertThat(List.of(notQuery.code(), two.code(), none.code())).containsOnly(ErrorCode.MODEL_INVALID);
        assertThat(notQuery.location()).contains(at(2, 1));
        assertThat(two.location()).contains(at(3, 1));
        assertThat(none.getMessage()).contains("no query");
    }
}
