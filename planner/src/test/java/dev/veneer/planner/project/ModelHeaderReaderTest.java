package dev.veneer.planner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelHeaderReaderTest {
    private static final String PATH = "models/staging/orders.sql";

    private static ModelHeaderReader.Result read(String content) {
        return ModelHeaderReader.read(PATH, content);
    }

    private static SourceLocation at(int line, int column) {
        return new SourceLocation(PATH, line, column);
    }

    private static VeneerException error(String content) {
        try {
            read(content);
        }
        catch (VeneerException e) {
            return e;
        }
        throw new AssertionError("expected an error for:\n" + content);
    }

    @Test
    void readsEveryKindOfValueInOrder() {
        ModelHeader header = read("""
                model (
                  NAME staging.orders,          -- keys are case-insensitive
                  kind INCREMENTAL_BY_TIME_RANGE (time_column ds, batch_size 7),
                  description 'it''s /* not a comment */',
                  retries -3,
                  enabled true,
                  tags [pii, 'finance'],
                  grain (order_id, `Line No`),
                  partitioned_by bucket(16, id),
                  /* trailing comma is fine */
                )
                SELECT 1
                """).header();

        assertThat(header.location()).isEqualTo(at(1, 1));
        assertThat(header.properties()).extracting(HeaderProperty::key).containsExactly(
                "name", "kind", "description", "retries", "enabled", "tags", "grain", "partitioned_by");
        assertThat(header.properties().get(0).value()).isEqualTo(new HeaderValue.Name(
                List.of(new HeaderValue.NamePart("staging", false), new HeaderValue.NamePart("orders", false)), at(2, 8)));
        assertThat(header.properties().get(1).value()).isEqualTo(new HeaderValue.Call("INCREMENTAL_BY_TIME_RANGE",
                List.of(new HeaderProperty("time_column", name(at(3, 47), "ds"), at(3, 35)),
                        new HeaderProperty("batch_size", new HeaderValue.Number("7", at(3, 62)), at(3, 51))),
                List.of(), at(3, 8)));
        assertThat(header.properties().get(2).value()).isEqualTo(new HeaderValue.Text("it's /* not a comment */", at(4, 15)));
        assertThat(header.properties().get(3).value()).isEqualTo(new HeaderValue.Number("-3", at(5, 11)));
        assertThat(header.properties().get(4).value()).isEqualTo(new HeaderValue.Bool(true, at(6, 11)));
        assertThat(header.properties().get(5).value().sqlText()).isEqualTo("(pii, 'finance')");
        assertThat(header.properties().get(6).value().sqlText()).isEqualTo("(order_id, `Line No`)");
        assertThat(header.properties().get(7).value().sqlText()).isEqualTo("bucket(16, id)");
        assertThat(header.properties().get(7).location()).isEqualTo(at(9, 3));
    }

    private static HeaderValue.Name name(SourceLocation location, String part) {
        return new HeaderValue.Name(List.of(new HeaderValue.NamePart(part, false)), location);
    }

    @Test
    void queryStartsAfterTheHeaderAndItsSemicolon() {
        String content = "MODEL (name a.b);\n\n  -- the query\n  SELECT 1\n";
        ModelHeaderReader.Result result = read(content);

        assertThat(content.substring(result.bodyOffset())).isEqualTo("-- the query\n  SELECT 1\n");
        assertThat(result.bodyLine()).isEqualTo(3);
        assertThat(result.bodyColumn()).isEqualTo(3);
    }

    @Test
    void queryMayStartOnTheHeadersLastLine() {
        String content = "MODEL (name a.b) SELECT 1";
        ModelHeaderReader.Result result = read(content);

        assertThat(content.substring(result.bodyOffset())).isEqualTo("SELECT 1");
        assertThat(result.bodyLine()).isEqualTo(1);
        assertThat(result.bodyColumn()).isEqualTo(18);
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertThat(read("\uFEFFMODEL (name a.b) SELECT 1").header().properties()).hasSize(1);
    }

    @Test
    void missingHeaderIsAnErrorAtTheStart() {
        VeneerException e = error("SELECT 1");

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
        assertThat(e.location()).contains(at(1, 1));
        assertThat(e.getMessage()).startsWith("missing MODEL header");
        assertThat(error("").location()).contains(at(1, 1));
        assertThat(error("MODEL name a.b").getMessage()).startsWith("missing MODEL header");
    }

    @Test
    void missingCommaIsAnErrorAtTheNextProperty() {
        VeneerException e = error("""
                MODEL (
                  name a.b
                  kind FULL
                )
                SELECT 1""");

        assertThat(e.location()).contains(at(3, 3));
        assertThat(e.getMessage()).isEqualTo("expected ',' or ')' after a property value in the MODEL header, found 'kind'; "
                + "write properties as MODEL (name schema.table, kind FULL)");
    }

    @Test
    void unclosedHeaderIsAnError() {
        VeneerException e = error("MODEL (\n  name a.b,\n");

        assertThat(e.getMessage()).startsWith("the MODEL header is not closed");
        assertThat(e.location()).contains(at(3, 1));
    }

    @Test
    void propertyWithoutValueIsAnError() {
        VeneerException e = error("MODEL (name a.b, owner)\nSELECT 1");

        assertThat(e.location()).contains(at(1, 23));
        assertThat(e.getMessage()).startsWith("expected a value for property 'owner' in the MODEL header, found ')'");
    }

    @Test
    void badTokenIsAnErrorWhereItIs() {
        VeneerException e = error("MODEL (name a.b, cron = '@daily')");

        assertThat(e.location()).contains(at(1, 23));
        assertThat(e.getMessage()).contains("found '='");
    }
}
