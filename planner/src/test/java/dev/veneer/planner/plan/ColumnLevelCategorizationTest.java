package dev.veneer.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column-level categorization on the {@code shop} fixture plus a few readers of {@code staging.orders}:
 * <pre>
 * staging.orders ─┬─► marts.customer_orders (JOIN ON customer_id, SUM(amount)) ─► marts.top_customers
 *                 ├─► marts.recent_orders (VIEW: order_id, amount, WHERE order_date)
 *                 ├─► marts.order_facts (SELECT *) ─┬─► marts.order_ids (order_id)
 *                 │                                 └─► marts.order_totals (SUM(amount))
 *                 └─► marts.big_orders (WHERE amount > 100) ─► marts.big_order_ids (order_id)
 * </pre>
 */
class ColumnLevelCategorizationTest {
    private static final String ORDERS_FILE = "models/staging/orders.sql";

    @TempDir
    Path dir;

    private ProjectFixture project;
    private StateFixture state;

    @BeforeEach
    void setUp() {
        project = ProjectFixture.copyOf("shop", dir.resolve("project"))
                .write("models/marts/order_facts.sql", "MODEL (name marts.order_facts, kind FULL);\nSELECT * FROM staging.orders")
                .write("models/marts/order_ids.sql", "MODEL (name marts.order_ids, kind FULL);\nSELECT order_id FROM marts.order_facts")
                .write("models/marts/order_totals.sql", """
                        MODEL (name marts.order_totals, kind FULL);
                        SELECT customer_id, sum(amount) AS total FROM marts.order_facts GROUP BY customer_id""")
                .write("models/marts/big_orders.sql", """
                        MODEL (name marts.big_orders, kind FULL);
                        SELECT order_id, customer_id FROM staging.orders WHERE amount > 100""")
                .write("models/marts/big_order_ids.sql", "MODEL (name marts.big_order_ids, kind FULL);\nSELECT order_id FROM marts.big_orders");
        state = new StateFixture(dir);
        state.planAndApply(project, "prod");
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    private static Map<String, Category> categories(PlanFile plan) {
        Map<String, Category> categories = new TreeMap<>();
        plan.directlyModified().forEach(change -> categories.put(change.model(), change.category()));
        plan.indirectlyModified().forEach(change -> categories.put(change.model(), change.category()));
        return categories;
    }

    private static String reason(PlanFile plan, String model) {
        return plan.indirectlyModified().stream().filter(change -> change.model().equals(model)).findFirst()
                .map(ModelChange::reason).orElseThrow();
    }

    private static List<String> built(PlanFile plan) {
        return plan.builds().stream().map(BuildStep::model).sorted().toList();
    }

    @Test
    void aChangedColumnRebuildsOnlyItsReadersAndTheirReaders() {
        project.replace(ORDERS_FILE, "customer_id, amount,", "customer_id, round(amount * 1.1, 2) AS amount,");

        PlanFile plan = state.plan(project, "dev");

        assertThat(plan.directlyModified()).extracting(ModelChange::model, ModelChange::category, ModelChange::reason)
                .containsExactly(tuple("staging.orders", Category.BREAKING, "rows unchanged; changes only: amount"));
        assertThat(categories(plan)).containsAllEntriesOf(Map.of(
                "marts.customer_orders", Category.INDIRECT_BREAKING,
                "marts.top_customers", Category.INDIRECT_BREAKING,
                "marts.recent_orders", Category.INDIRECT_BREAKING,
                "marts.order_facts", Category.INDIRECT_BREAKING,
                "marts.order_totals", Category.INDIRECT_BREAKING,
                "marts.order_ids", Category.INDIRECT_NON_BREAKING,
                "marts.big_orders", Category.INDIRECT_BREAKING,
                "marts.big_order_ids", Category.INDIRECT_BREAKING));
        assertThat(reason(plan, "marts.customer_orders")).isEqualTo("reads: staging.orders.amount");
        assertThat(reason(plan, "marts.order_facts")).as("* reads every column").isEqualTo("reads: staging.orders.amount");
        assertThat(reason(plan, "marts.order_ids")).as("a grandchild reading none of the changed columns of its parent")
                .isEqualTo("reads none of: marts.order_facts.amount");
        assertThat(reason(plan, "marts.big_orders")).isEqualTo("its rows depend on: staging.orders.amount");
        assertThat(built(plan)).doesNotContain("marts.order_ids", "staging.customers")
                .contains("marts.big_order_ids", "marts.top_customers", "marts.order_totals");
        assertThat(PlanPrinter.print(plan))
                .contains("~ marts.order_ids  INDIRECT_NON_BREAKING  (keeps its table: reads none of: marts.order_facts.amount)");
    }

    @Test
    void childrenReadingNoneOfTheChangedColumnsKeepTheirTables() {
        project.replace(ORDERS_FILE, "SELECT order_id, customer_id, amount, order_date", "SELECT order_id, customer_id, amount, order_date + 1 AS order_date");

        PlanFile plan = state.plan(project, "dev");

        assertThat(categories(plan)).containsAllEntriesOf(Map.of(
                "marts.customer_orders", Category.INDIRECT_NON_BREAKING,
                "marts.recent_orders", Category.INDIRECT_BREAKING,
                "marts.big_orders", Category.INDIRECT_NON_BREAKING,
                "marts.order_facts", Category.INDIRECT_BREAKING,
                "marts.order_totals", Category.INDIRECT_NON_BREAKING,
                "marts.order_ids", Category.INDIRECT_NON_BREAKING));
        assertThat(reason(plan, "marts.customer_orders")).isEqualTo("reads none of: staging.orders.order_date");
        assertThat(reason(plan, "marts.recent_orders")).as("a VIEW filtering on it").isEqualTo("its rows depend on: staging.orders.order_date");
        assertThat(built(plan)).containsExactly("marts.order_facts", "marts.recent_orders", "staging.orders");
        assertThat(plan.reused()).extracting(PlanFile.ReusedTable::model)
                .contains("marts.customer_orders", "marts.top_customers", "marts.big_orders", "marts.order_totals");
    }

    @Test
    void aKeptViewStillGetsANewViewOverItsParentsNewTable() {
        project.replace(ORDERS_FILE, "SELECT order_id, customer_id,", "SELECT order_id, customer_id + 0 AS customer_id,");

        PlanFile plan = state.plan(project, "dev");

        assertThat(categories(plan)).containsEntry("marts.recent_orders", Category.INDIRECT_NON_BREAKING)
                .containsEntry("marts.customer_orders", Category.INDIRECT_BREAKING)
                .containsEntry("marts.big_order_ids", Category.INDIRECT_NON_BREAKING);
        assertThat(reason(plan, "marts.customer_orders")).as("joined on").isEqualTo("its rows depend on: staging.orders.customer_id");
        assertThat(built(plan)).as("the view reads staging.orders' new table, at no data cost").contains("marts.recent_orders")
                .doesNotContain("marts.big_order_ids");
    }

    @Test
    void aWhereEditRebuildsEveryDescendant() {
        project.replace(ORDERS_FILE, "status <> 'cancelled'", "status NOT IN ('cancelled', 'void')");

        PlanFile plan = state.plan(project, "dev");

        assertThat(plan.directlyModified()).extracting(ModelChange::category, ModelChange::reason)
                .containsExactly(tuple(Category.BREAKING, null));
        assertThat(plan.indirectlyModified()).allSatisfy(change -> {
            assertThat(change.category()).isEqualTo(Category.INDIRECT_BREAKING);
            assertThat(change.reason()).isNull();
        });
        assertThat(plan.indirectlyModified()).hasSize(8);
    }

    @Test
    void theReasonIsInThePlanJson() throws Exception {
        project.replace(ORDERS_FILE, "SELECT order_id, customer_id, amount, order_date", "SELECT order_id, customer_id, amount, order_date + 1 AS order_date");

        var json = PlanFiles.mapper().readTree(PlanFiles.mapper().writeValueAsString(state.plan(project, "dev")));

        var kept = java.util.stream.StreamSupport.stream(json.get("indirectly_modified").spliterator(), false)
                .filter(entry -> entry.get("model").asText().equals("marts.customer_orders")).findFirst().orElseThrow();
        assertThat(kept.get("category").asText()).isEqualTo("INDIRECT_NON_BREAKING");
        assertThat(kept.get("reason").asText()).isEqualTo("reads none of: staging.orders.order_date");
    }

    @Test
    void anIncrementalChildReadingNoneOfTheColumnsKeepsItsData() {
        ProjectFixture incremental = ProjectFixture.empty(dir.resolve("incremental"))
                .write("external_models.yaml", "- name: raw.events\n  columns: {id: bigint, ds: string, v: double}\n")
                .write("models/events.sql", """
                        MODEL (name staging.events, kind INCREMENTAL_BY_TIME_RANGE (time_column ds), start '2024-01-01');
                        SELECT id, ds, v FROM raw.events WHERE ds BETWEEN @start_ds AND @end_ds""")
                .write("models/totals.sql", """
                        MODEL (name marts.totals, kind INCREMENTAL_BY_TIME_RANGE (time_column ds), start '2024-01-01');
                        SELECT ds, count(*) AS n, sum(v) AS v FROM staging.events WHERE ds BETWEEN @start_ds AND @end_ds GROUP BY ds""");
        try (StateFixture own = new StateFixture(dir.resolve("incremental"))) {
            own.planAndApply(incremental, "prod");
            incremental.replace("models/events.sql", "SELECT id, ds", "SELECT id * 10 AS id, ds");

            PlanFile plan = own.plan(incremental, "dev");

            assertThat(categories(plan)).containsEntry("marts.totals", Category.INDIRECT_NON_BREAKING);
            assertThat(built(plan)).containsExactly("staging.events");

            incremental.replace("models/events.sql", "ds, v FROM", "ds, v * 2 AS v FROM");
            assertThat(categories(own.plan(incremental, "dev"))).containsEntry("marts.totals", Category.INDIRECT_BREAKING);

            // An edited time column moves rows between ranges: every reader is rebuilt, even one not reading it.
            incremental.replace("models/events.sql", "SELECT id * 10 AS id, ds, v * 2 AS v", "SELECT id, date_add(ds, 1) AS ds, v");
            PlanFile timeEdit = own.plan(incremental, "dev");
            assertThat(timeEdit.directlyModified()).extracting(ModelChange::reason).containsExactly((String) null);
            assertThat(categories(timeEdit)).containsEntry("marts.totals", Category.INDIRECT_BREAKING);
        }
    }
}
