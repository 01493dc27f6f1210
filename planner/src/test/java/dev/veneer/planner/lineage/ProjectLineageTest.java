package dev.veneer.planner.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.ProjectFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column lineage through CTEs, subqueries, joins, unions, windows and {@code *}, without Spark. */
class ProjectLineageTest {
    @TempDir
    Path dir;

    private ProjectFixture project;

    @BeforeEach
    void setUp() {
        project = ProjectFixture.empty(dir)
                .write("external_models.yaml", """
                        - name: raw.orders
                          columns: {order_id: bigint, customer_id: bigint, amount: double, status: string, ts: timestamp, tags: 'array<string>'}
                        - name: raw.customers
                          columns: {customer_id: bigint, name: string, country: string}
                        - name: raw.clicks
                        """);
    }

    private QueryLineage lineage(String model, String query) {
        project.write("models/" + model.replace('.', '/') + ".sql", "MODEL (name " + model + ", kind FULL);\n" + query);
        CompiledProject compiled = project.compile();
        return new ProjectLineage(compiled.project(), compiled.graph()).of(ModelName.parse(model));
    }

    private static Set<String> sources(QueryLineage lineage, String column) {
        Set<String> sources = new TreeSet<>();
        lineage.columns(column).forEach(output -> output.sources().forEach(source -> sources.add(source.toString())));
        return sources;
    }

    private static Set<String> rows(QueryLineage lineage) {
        Set<String> rows = new TreeSet<>();
        lineage.rowSources().forEach(source -> rows.add(source.toString()));
        return rows;
    }

    @Test
    void columnsAreTracedThroughCtesAndSubqueries() {
        QueryLineage lineage = lineage("staging.orders", """
                WITH src AS (SELECT * FROM raw.orders WHERE status <> 'cancelled'),
                     doubled AS (SELECT order_id, amount * 2 AS amount2 FROM src)
                SELECT d.order_id, x.amount2 + 1 AS amount3
                FROM doubled d
                JOIN (SELECT order_id, amount2 FROM doubled) x ON x.order_id = d.order_id
                """);

        assertThat(lineage.columns()).extracting(OutputColumn::name).containsExactly("order_id", "amount3");
        assertThat(sources(lineage, "order_id")).containsExactly("raw.orders.order_id");
        assertThat(sources(lineage, "amount3")).containsExactly("raw.orders.amount");
        assertThat(rows(lineage)).as("WHERE in a CTE and the join condition decide the rows")
                .containsExactly("raw.orders.order_id", "raw.orders.status");
        assertThat(lineage.complete()).isTrue();
    }

    @Test
    void unqualifiedColumnsResolveToTheJoinedTableThatHasThem() {
        QueryLineage lineage = lineage("marts.orders", """
                SELECT o.order_id, name, amount, upper(country) AS country
                FROM raw.orders o
                LEFT JOIN raw.customers c USING (customer_id)
                """);

        assertThat(sources(lineage, "name")).containsExactly("raw.customers.name");
        assertThat(sources(lineage, "amount")).containsExactly("raw.orders.amount");
        assertThat(sources(lineage, "country")).containsExactly("raw.customers.country");
        assertThat(rows(lineage)).containsExactly("raw.customers.customer_id", "raw.orders.customer_id");
    }

    @Test
    void unionColumnsPairUpByPosition() {
        QueryLineage lineage = lineage("marts.activity", """
                SELECT order_id AS id, amount AS value FROM raw.orders
                UNION ALL
                SELECT customer_id, length(name) FROM raw.customers
                """);

        assertThat(lineage.columns()).extracting(OutputColumn::name).containsExactly("id", "value");
        assertThat(sources(lineage, "value")).containsExactly("raw.customers.name", "raw.orders.amount");
        assertThat(rows(lineage)).as("UNION ALL keeps every row").isEmpty();

        QueryLineage distinct = lineage("marts.activity", """
                SELECT order_id AS id, amount AS value FROM raw.orders
                UNION
                SELECT customer_id, length(name) FROM raw.customers
                """);
        assertThat(rows(distinct)).as("UNION removes duplicates: every value decides")
                .containsExactly("raw.customers.customer_id", "raw.customers.name", "raw.orders.amount", "raw.orders.order_id");
    }

    @Test
    void windowFunctionsFeedTheirValueNotTheRows() {
        QueryLineage lineage = lineage("marts.running", """
                SELECT order_id, sum(amount) OVER (PARTITION BY customer_id ORDER BY ts) AS running,
                       row_number() OVER w AS n
                FROM raw.orders
                WINDOW w AS (PARTITION BY status ORDER BY ts)
                """);

        assertThat(sources(lineage, "running")).containsExactly("raw.orders.amount", "raw.orders.customer_id", "raw.orders.ts");
        assertThat(sources(lineage, "n")).containsExactly("raw.orders.status", "raw.orders.ts");
        assertThat(rows(lineage)).isEmpty();
    }

    @Test
    void starExpandsDeclaredColumnsAndSaysWhenItCannot() {
        QueryLineage declared = lineage("staging.customers", "SELECT * EXCEPT (country) FROM raw.customers");
        assertThat(declared.columns()).extracting(OutputColumn::name).containsExactly("customer_id", "name");
        assertThat(declared.complete()).isTrue();

        QueryLineage unknown = lineage("staging.clicks", "SELECT *, 1 AS one FROM raw.clicks");
        assertThat(unknown.columns()).extracting(OutputColumn::name).containsExactly("one");
        assertThat(unknown.complete()).isFalse();
        assertThat(unknown.star().passThrough()).containsExactly(ModelName.parse("raw.clicks"));
        assertThat(unknown.star().sourcesOf("url")).extracting(ColumnRef::toString).containsExactly("raw.clicks.url");
    }

    @Test
    void aModelsStarReadsItsParentModelsColumns() {
        project.write("models/staging/customers.sql", "MODEL (name staging.customers, kind FULL);\nSELECT customer_id, upper(name) AS name FROM raw.customers");
        QueryLineage lineage = lineage("marts.customers", "SELECT c.*, o.amount FROM staging.customers c JOIN raw.orders o ON o.customer_id = c.customer_id");

        assertThat(lineage.columns()).extracting(OutputColumn::name).containsExactly("customer_id", "name", "amount");
        assertThat(sources(lineage, "name")).containsExactly("staging.customers.name");
    }

    @Test
    void aggregatesGroupingAndFiltersAreTold() {
        QueryLineage lineage = lineage("marts.by_customer", """
                SELECT customer_id, count(*) AS orders, sum(amount) AS revenue, max(ts) AS last_order
                FROM raw.orders
                WHERE status = 'shipped'
                GROUP BY customer_id
                HAVING sum(amount) > 10
                """);

        assertThat(sources(lineage, "orders")).as("count(*) reads no column").isEmpty();
        assertThat(sources(lineage, "revenue")).containsExactly("raw.orders.amount");
        assertThat(rows(lineage)).containsExactly("raw.orders.amount", "raw.orders.customer_id", "raw.orders.status");
    }

    @Test
    void subqueriesGeneratorsAndLambdasAreFollowed() {
        QueryLineage lineage = lineage("marts.misc", """
                SELECT o.order_id,
                       (SELECT max(c.name) FROM raw.customers c WHERE c.customer_id = o.customer_id) AS customer_name,
                       transform(o.tags, t -> upper(t)) AS upper_tags,
                       tag
                FROM raw.orders o
                LATERAL VIEW explode(o.tags) exploded AS tag
                WHERE o.customer_id IN (SELECT customer_id FROM raw.customers WHERE country = 'FR')
                """);

        assertThat(sources(lineage, "customer_name"))
                .containsExactly("raw.customers.customer_id", "raw.customers.name", "raw.orders.customer_id");
        assertThat(sources(lineage, "upper_tags")).containsExactly("raw.orders.tags");
        assertThat(sources(lineage, "tag")).containsExactly("raw.orders.tags");
        assertThat(rows(lineage)).containsExactly("raw.customers.country", "raw.customers.customer_id",
                "raw.orders.customer_id", "raw.orders.tags");
        assertThat(lineage.unresolved()).isEmpty();
    }

    @Test
    void aNameNoTableHasReadsEverythingInScope() {
        QueryLineage lineage = lineage("marts.bad", "SELECT order_id, no_such_column AS x FROM raw.orders");

        assertThat(lineage.unresolved()).containsExactly("no_such_column");
        assertThat(sources(lineage, "x")).contains("raw.orders.*");
    }

    @Test
    void seedsAndInlineTablesHaveTheirAliasedColumns() {
        QueryLineage lineage = lineage("staging.codes", "SELECT CAST(code AS STRING) AS code, label FROM VALUES (1, 'a'), (2, 'b') AS t(code, label)");

        assertThat(lineage.columns()).extracting(OutputColumn::name).containsExactly("code", "label");
        assertThat(lineage.complete()).isTrue();
    }

    @Test
    void unsupportedConstructsReadEverything() {
        QueryLineage lineage = lineage("marts.pivoted", """
                SELECT * FROM (SELECT customer_id, status, amount FROM raw.orders)
                PIVOT (sum(amount) FOR status IN ('open', 'shipped'))
                """);

        assertThat(lineage.unsupported()).isEqualTo("PIVOT");
        assertThat(lineage.rowSources()).extracting(ColumnRef::toString).containsExactly("raw.orders.*");
        assertThat(List.copyOf(lineage.allSources())).extracting(ColumnRef::toString).containsExactly("raw.orders.*");
    }
}
