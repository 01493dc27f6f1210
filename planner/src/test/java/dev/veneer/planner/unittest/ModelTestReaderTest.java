package dev.veneer.planner.unittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test files read with their lines, in both of SQLMesh's shapes, checked against the project without Spark. */
class ModelTestReaderTest {
    @TempDir
    Path dir;

    private Project project() {
        return new ProjectLoader().load(ProjectFixture.empty(dir)
                .write("external_models.yaml", "- name: raw.t\n  columns: {id: bigint, ds: date}\n")
                .write("models/a.sql", "MODEL (name s.a);\nWITH x AS (SELECT * FROM raw.t) SELECT id FROM x")
                .directory());
    }

    @Test
    void readsRowsVarsAndCtesInEitherShape() {
        List<ModelTest> tests = ModelTestReader.parse("tests/t.yaml", """
                test_a:
                  model: S.A
                  inputs:
                    raw.t:
                      - {ID: 1, ds: 2024-01-01}
                      - {id: null}
                  outputs:
                    query:
                      rows: [{id: 1}]
                    ctes:
                      x: [{id: 1}]
                  vars: {start: 2024-01-01, end: 2024-01-31, execution_time: '2024-02-01 06:00:00'}
                """, project());

        ModelTest test = tests.get(0);
        assertThat(test.model().toString()).isEqualTo("s.a");
        TestRows input = test.inputs().get("raw.t");
        assertThat(input.rows().get(0).values()).containsEntry("id", 1).containsEntry("ds", "2024-01-01");
        assertThat(input.rows().get(0).location()).isEqualTo(new SourceLocation("tests/t.yaml", 5, 9));
        assertThat(input.rows().get(1).values()).containsEntry("id", null);
        assertThat(test.ctes()).containsKey("x");
        assertThat(test.end()).as("a date alone is the whole day").contains(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(test.executionTime()).contains(Instant.parse("2024-02-01T06:00:00Z"));
    }

    @Test
    void anInputTheModelDoesNotReadIsAnErrorAtItsKey() {
        assertThatThrownBy(() -> ModelTestReader.parse("tests/t.yaml", """
                test_a:
                  model: s.a
                  inputs:
                    raw.t: []
                    raw.other: []
                  outputs: {query: []}
                """, project()))
                .isInstanceOfSatisfying(VeneerException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation("tests/t.yaml", 5, 5));
                    assertThat(e.getMessage()).isEqualTo("test test_a: input raw.other is not a table s.a reads; it reads: raw.t");
                });
        assertThatThrownBy(() -> ModelTestReader.parse("tests/t.yaml", "test_a:\n  model: s.a\n  input: {}\n", project()))
                .hasMessageContaining("unknown key 'input' in test test_a; valid keys: model, description, inputs, outputs, vars");
    }
}
