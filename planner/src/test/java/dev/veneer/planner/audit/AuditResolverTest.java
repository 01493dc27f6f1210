package dev.veneer.planner.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectErrors;
import dev.veneer.planner.project.ProjectLoader;
import dev.veneer.planner.sql.SqlParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit calls of model headers read with Spark's grammar, built-ins rendered, user audits substituted on tokens. */
class AuditResolverTest {
    private static final SourceLocation AT = new SourceLocation("models/a.sql", 5, 5);

    @TempDir
    Path dir;

    @Test
    void callsAreReadWithSparkGrammarInSqlMeshOrSparkArrows() {
        AuditCall call = AuditCallParser.parse("accepted_values(column := status, is_in => ('open', 'shipped'))", AT);

        assertThat(call.name()).isEqualTo("accepted_values");
        assertThat(call.argument("column").orElseThrow().elements()).containsExactly("status");
        assertThat(call.argument("is_in").orElseThrow().elements()).containsExactly("'open'", "'shipped'");
        assertThat(call.argument("is_in").orElseThrow().text()).isEqualTo("('open', 'shipped')");
        assertThat(AuditCallParser.parse("forall(criteria := (amount >= 0, qty > 0))", AT).arguments().get(0).elements())
                .containsExactly("amount >= 0", "qty > 0");
        assertThat(AuditCallParser.parse("assert_positive_ids", AT).arguments()).isEmpty();
    }

    @Test
    void aBadCallIsAnErrorAtItsPlace() {
        assertThatThrownBy(() -> AuditCallParser.parse("not_null((id))", AT))
                .isInstanceOfSatisfying(VeneerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
                    assertThat(e.location()).contains(new SourceLocation("models/a.sql", 5, 14));
                    assertThat(e.getMessage()).contains("name each argument of audit not_null, e.g. not_null(column := amount)");
                });
        assertThatThrownBy(() -> AuditCallParser.parse("not_null(columns := (id,))", AT))
                .isInstanceOfSatisfying(VeneerException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation("models/a.sql", 5, 29));
                    assertThat(e.getMessage()).contains("is not valid SQL near ')'");
                });
    }

    @Test
    void builtInsRenderTheirQueryFromTheArguments() {
        AuditResolver resolver = new AuditResolver(java.util.Map.of(), new SqlParser());

        ModelAudit range = resolver.resolve("s.a", AuditCallParser.parse("accepted_range(column := amount, min_v := 0, max_v := 10,"
                + " inclusive := false)", AT));
        ModelAudit nonBlocking = resolver.resolve("s.a", AuditCallParser.parse("not_null(columns := (a, b), blocking := false)", AT));

        assertThat(range.query().text()).isEqualTo("SELECT * FROM @this_model WHERE (amount) <= (0) OR (amount) >= (10)");
        assertThat(range.blocking()).isTrue();
        assertThat(range.query().macros()).extracting(macro -> macro.name()).containsExactly("this_model");
        assertThat(nonBlocking.query().text()).isEqualTo("SELECT * FROM @this_model WHERE (a) IS NULL OR (b) IS NULL");
        assertThat(nonBlocking.blocking()).isFalse();
        assertThatThrownBy(() -> resolver.resolve("s.a", AuditCallParser.parse("accepted_values(column := status)", AT)))
                .hasMessageContaining("audit accepted_values needs the argument 'is_in'; write accepted_values(column := status, is_in := ('open', 'shipped'))");
        assertThatThrownBy(() -> resolver.resolve("s.a", AuditCallParser.parse("not_null(column := a)", AT)))
                .hasMessageContaining("audit not_null has no argument 'column'; its arguments: columns (and blocking)");
        assertThatThrownBy(() -> resolver.resolve("s.a", AuditCallParser.parse("not_empty_string(column := (a, b))", AT)))
                .hasMessageContaining("argument 'column' of audit not_empty_string expects one value, found 2: (a, b)");
    }

    @Test
    void userAuditsTakeTheirArgumentsOnTokensAndAreCheckedWhenTheProjectLoads() {
        ProjectFixture project = ProjectFixture.empty(dir)
                .write("external_models.yaml", "- name: raw.t\n  columns: {amount: double}\n")
                .write("audits/positive.sql", """
                        AUDIT (name positive, blocking false);
                        SELECT * FROM @this_model WHERE @column <= 0 AND '@column' <> '' -- @column
                        ;
                        AUDIT (name in_range);
                        SELECT * FROM @this_model WHERE @column NOT BETWEEN @low AND @high;
                        """)
                .write("models/a.sql", "MODEL (name s.a, audits (positive(column := amount), in_range(column := amount, low := 0,"
                        + " high := 9), number_of_rows(threshold := 1)));\nSELECT amount FROM raw.t");

        Project loaded = new ProjectLoader().load(project.directory());

        List<ModelAudit> audits = loaded.audits(ModelName.parse("s.a"));
        assertThat(audits).extracting(ModelAudit::name).containsExactly("positive", "in_range", "number_of_rows");
        assertThat(audits.get(0).blocking()).isFalse();
        assertThat(audits.get(0).query().text()).isEqualTo("SELECT * FROM @this_model WHERE amount <= 0 AND '@column' <> '' -- @column\n");
        assertThat(audits.get(1).query().text()).isEqualTo("SELECT * FROM @this_model WHERE amount NOT BETWEEN 0 AND 9");

        project.write("models/a.sql", "MODEL (name s.a, audits (in_range(column := amount, low := 0), nope(x := 1)));\nSELECT 1 AS amount");
        assertThatThrownBy(() -> new ProjectLoader().load(project.directory()))
                .isInstanceOfSatisfying(ProjectErrors.class, e -> assertThat(e.problems()).extracting(VeneerException::getMessage).containsExactly(
                        "audit in_range (audits/positive.sql) needs the argument 'high' (its query uses @high); write in_range(column := ...,"
                                + " low := ..., high := ...)",
                        "unknown audit 'nope'; built-in audits: " + String.join(", ", BuiltInAudits.names())
                                + "; the project's audits: in_range, positive"));
    }

    @Test
    void anAuditFileIsCheckedAtItsPlace() {
        ProjectFixture project = ProjectFixture.empty(dir)
                .write("models/a.sql", "MODEL (name s.a);\nSELECT 1 AS x")
                .write("audits/bad.sql", "AUDIT (name not_null);\nSELECT 1");

        assertThatThrownBy(() -> new ProjectLoader().load(project.directory()))
                .isInstanceOfSatisfying(VeneerException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation("audits/bad.sql", 1, 13));
                    assertThat(e.getMessage()).contains("property 'name' expects a name of your own: not_null is a built-in audit");
                });
    }
}
