package dev.veneer.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.VeneerException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MacroVariablesTest {
    private final SqlParser parser = new SqlParser();
    private static final Interval THREE_DAYS = new Interval(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-04T00:00:00Z"));
    private static final Instant EXECUTION = Instant.parse("2024-01-05T06:07:08Z");

    @Test
    void endVariablesAreInclusiveSoBetweenSelectsExactlyTheBatch() {
        Map<String, String> values = MacroVariables.values(THREE_DAYS, EXECUTION);

        assertThat(values).containsEntry("start_ds", "'2024-01-01'").containsEntry("end_ds", "'2024-01-03'")
                .containsEntry("start_ts", "'2024-01-01 00:00:00.000000'").containsEntry("end_ts", "'2024-01-03 23:59:59.999999'")
                .containsEntry("start_date", "DATE '2024-01-01'").containsEntry("end_date", "DATE '2024-01-03'")
                .containsEntry("start_dt", "TIMESTAMP '2024-01-01 00:00:00.000000'")
                .containsEntry("end_dt", "TIMESTAMP '2024-01-03 23:59:59.999999'")
                .containsEntry("start_epoch", "1704067200").containsEntry("end_epoch", "1704326399.999999")
                .containsEntry("execution_ds", "'2024-01-05'").containsEntry("execution_ts", "'2024-01-05 06:07:08.000000'");
        assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(MacroVariables.NAMES);
    }

    @Test
    void variablesAreFoundOnTokensNotInStringsOrComments() {
        ParsedQuery query = parser.parseQuery("""
                SELECT '@start_ds' AS s, ds -- @end_ds in a comment
                FROM raw.events /* @nothing */
                WHERE ds BETWEEN @start_ds AND @END_DS""", "models/e.sql", 1, 1);

        assertThat(query.macros()).extracting(MacroSpan::name).containsExactly("start_ds", "end_ds");
        assertThat(query.references()).extracting(TableReference::qualifiedName).containsExactly("raw.events");
        assertThat(query.template().render(MacroVariables.values(THREE_DAYS, EXECUTION)))
                .endsWith("WHERE ds BETWEEN '2024-01-01' AND '2024-01-03'")
                .contains("'@start_ds' AS s").contains("-- @end_ds in a comment");
    }

    @Test
    void theCanonicalFormKeepsVariableNamesNotValues() {
        ParsedQuery one = parser.parseQuery("SELECT * FROM t WHERE ds >= @start_ds", "a.sql", 1, 1);
        ParsedQuery reformatted = parser.parseQuery("select *\n  from t\n  where ds >=   @START_DS", "a.sql", 1, 1);
        ParsedQuery other = parser.parseQuery("SELECT * FROM t WHERE ds >= @end_ds", "a.sql", 1, 1);

        assertThat(one.canonicalText()).contains("@start_ds").doesNotContain("'_");
        assertThat(reformatted.canonicalText()).isEqualTo(one.canonicalText());
        assertThat(other.canonicalText()).isNotEqualTo(one.canonicalText());
    }

    @Test
    void anUnknownVariableIsAnErrorNamingItAndWhere() {
        assertThatThrownBy(() -> parser.parseQuery("SELECT *\nFROM t WHERE ds = @start_day", "models/e.sql", 3, 1))
                .isInstanceOfSatisfying(VeneerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
                    assertThat(e.location()).map(Object::toString).contains("models/e.sql:4:19");
                })
                .hasMessageContaining("unknown macro variable @start_day").hasMessageContaining("@start_ds");
    }

    @Test
    void rewritingReferencesMovesTheVariablesWithTheText() {
        ParsedQuery query = parser.parseQuery("SELECT * FROM staging.orders o JOIN s.c c ON o.id = c.id WHERE o.ds >= @start_ds AND c.ds < @end_ds",
                "a.sql", 1, 1);

        SqlTemplate template = QueryRewriter.rewriteTemplate(query, reference -> reference.qualifiedName().equals("staging.orders")
                ? Optional.of("`lake`.`veneer__staging`.`staging__orders__abc`")
                : Optional.empty());

        assertThat(template.render(MacroVariables.values(THREE_DAYS, EXECUTION))).isEqualTo(
                "SELECT * FROM `lake`.`veneer__staging`.`staging__orders__abc` o JOIN s.c c ON o.id = c.id"
                        + " WHERE o.ds >= '2024-01-01' AND c.ds < '2024-01-03'");
        assertThat(template.variables()).containsExactly("start_ds", "end_ds");
    }
}
