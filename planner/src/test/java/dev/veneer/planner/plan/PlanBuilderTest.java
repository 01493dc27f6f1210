package dev.veneer.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.planner.Planner;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanFile.PlannedPointer;
import dev.veneer.planner.plan.PlanFile.ReusedTable;
import dev.veneer.planner.plan.PlanFile.ViewChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plans the {@code shop} fixture against a real SQLite state. The DAG:
 * <pre>
 * raw.orders ─► staging.orders ─┬─► marts.customer_orders ─► marts.top_customers
 *                               └─► marts.recent_orders (VIEW)
 * raw.customers ─► staging.customers ─┘ (into customer_orders)
 * </pre>
 */
class PlanBuilderTest {
    private static final String ORDERS = "staging.orders";
    private static final String CUSTOMERS = "staging.customers";
    private static final String CUSTOMER_ORDERS = "marts.customer_orders";
    private static final String TOP_CUSTOMERS = "marts.top_customers";
    private static final String RECENT_ORDERS = "marts.recent_orders";
    private static final String ORDERS_FILE = "models/staging/orders.sql";
    private static final String CUSTOMER_ORDERS_FILE = "models/marts/customer_orders.sql";

    @TempDir
    Path dir;

    private ProjectFixture project;
    private StateFixture state;

    @BeforeEach
    void setUp() {
        project = ProjectFixture.copyOf("shop", dir.resolve("project"));
        state = new StateFixture(dir);
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    private static Map<String, String> tables(PlanFile plan) {
        Map<String, String> tables = new TreeMap<>();
        plan.environmentSnapshots().forEach(pointer -> tables.put(pointer.model(), pointer.physicalTable()));
        return tables;
    }

    private static Map<String, Category> categories(PlanFile plan) {
        Map<String, Category> categories = new TreeMap<>();
        plan.directlyModified().forEach(change -> categories.put(change.model(), change.category()));
        plan.indirectlyModified().forEach(change -> categories.put(change.model(), change.category()));
        return categories;
    }

    private static List<String> built(PlanFile plan) {
        return plan.builds().stream().map(BuildStep::model).toList();
    }

    // --- first plans, no change -------------------------------------------------------------

    @Test
    void firstPlanOfProdAddsAndBuildsEveryModel() {
        PlanFile plan = state.plan(project, "prod");

        assertThat(plan.environment()).isEqualTo("prod");
        assertThat(plan.baseEnvironment()).isEqualTo("prod");
        assertThat(plan.expectedPlanId()).isNull();
        assertThat(plan.expiresAt()).as("prod never expires").isNull();
        assertThat(plan.project()).isEqualTo("shop");
        assertThat(plan.added()).containsExactly(CUSTOMER_ORDERS, RECENT_ORDERS, TOP_CUSTOMERS, CUSTOMERS, ORDERS);
        assertThat(plan.directlyModified()).isEmpty();
        assertThat(plan.indirectlyModified()).isEmpty();
        assertThat(plan.reused()).isEmpty();
        assertThat(plan.snapshots()).hasSize(5);
        assertThat(built(plan)).containsExactlyInAnyOrder(ORDERS, CUSTOMERS, CUSTOMER_ORDERS, TOP_CUSTOMERS, RECENT_ORDERS);
        assertThat(plan.backfills()).extracting(PlanFile.Backfill::model).as("a VIEW has no data to backfill")
                .containsExactlyInAnyOrder(ORDERS, CUSTOMERS, CUSTOMER_ORDERS, TOP_CUSTOMERS);
        assertThat(plan.views()).extracting(ViewChange::model, ViewChange::view, ViewChange::action).containsExactly(
                tuple(CUSTOMER_ORDERS, "marts.customer_orders", ViewAction.CREATE_OR_REPLACE),
                tuple(RECENT_ORDERS, "marts.recent_orders", ViewAction.CREATE_OR_REPLACE),
                tuple(TOP_CUSTOMERS, "marts.top_customers", ViewAction.CREATE_OR_REPLACE),
                tuple(CUSTOMERS, "staging.customers", ViewAction.CREATE_OR_REPLACE),
                tuple(ORDERS, "staging.orders", ViewAction.CREATE_OR_REPLACE));
    }

    @Test
    void physicalNamesFollowTheNamingContract() {
        Map<String, String> tables = tables(state.plan(project, "prod"));

        assertThat(tables.get(ORDERS)).matches("lake\\.veneer__staging\\.staging__orders__[0-9a-f]{10}");
        assertThat(tables.get(RECENT_ORDERS)).as("a VIEW lives in the session catalog")
                .matches("spark_catalog\\.veneer__marts\\.marts__recent_orders__[0-9a-f]{10}");
    }

    @Test
    void buildsComeInDependencyOrderWithParentsRenderedAsPhysicalTables() {
        PlanFile plan = state.plan(project, "prod");
        Map<String, String> tables = tables(plan);

        assertThat(built(plan).indexOf(ORDERS)).isLessThan(built(plan).indexOf(CUSTOMER_ORDERS));
        assertThat(built(plan).indexOf(CUSTOMER_ORDERS)).isLessThan(built(plan).indexOf(TOP_CUSTOMERS));
        BuildStep customerOrders = plan.builds().stream().filter(step -> step.model().equals(CUSTOMER_ORDERS)).findFirst().orElseThrow();
        assertThat(customerOrders.dependsOn()).containsExactlyInAnyOrder(CUSTOMERS, ORDERS);
        assertThat(customerOrders.sql())
                .contains(SqlNames.quoteQualified(tables.get(ORDERS)), SqlNames.quoteQualified(tables.get(CUSTOMERS)))
                .doesNotContain("FROM staging.orders");
        BuildStep orders = plan.builds().stream().filter(step -> step.model().equals(ORDERS)).findFirst().orElseThrow();
        assertThat(orders.sql()).as("external tables stay as written").contains("FROM raw.orders");
        assertThat(orders.tableFormat()).isEqualTo("iceberg");
    }

    @Test
    void replanningAppliedCodeHasNoChanges() {
        PlanFile applied = state.planAndApply(project, "prod");

        PlanFile plan = state.plan(project, "prod");

        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.builds()).isEmpty();
        assertThat(plan.views()).isEmpty();
        assertThat(plan.snapshots()).isEmpty();
        assertThat(plan.expectedPlanId()).isEqualTo(applied.planId());
        assertThat(tables(plan)).isEqualTo(tables(applied));
    }

    @Test
    void formattingAndCommentOnlyEditIsNoChangeAtAll() {
        state.planAndApply(project, "prod");
        project.write(ORDERS_FILE, """
                model (name STAGING.ORDERS, kind full, owner data_team, description 'Orders that were not cancelled');
                -- a comment
                select order_id, customer_id, amount, order_date from raw.orders where status <> 'cancelled';
                """);

        PlanFile plan = state.plan(project, "prod");

        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.snapshots()).isEmpty();
    }

    // --- categories ------------------------------------------------------------------------

    @Test
    void appendedColumnIsNonBreakingAndChildrenKeepTheirTables() {
        PlanFile base = state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "amount, order_date", "amount, order_date, status");

        PlanFile plan = state.plan(project, "prod");

        assertThat(plan.directlyModified()).extracting(ModelChange::model, ModelChange::category)
                .containsExactly(tuple(ORDERS, Category.NON_BREAKING));
        assertThat(plan.indirectlyModified()).extracting(ModelChange::model, ModelChange::category).containsExactly(
                tuple(CUSTOMER_ORDERS, Category.INDIRECT_NON_BREAKING),
                tuple(RECENT_ORDERS, Category.INDIRECT_NON_BREAKING),
                tuple(TOP_CUSTOMERS, Category.INDIRECT_NON_BREAKING));
        assertThat(tables(plan).get(ORDERS)).isNotEqualTo(tables(base).get(ORDERS));
        assertThat(tables(plan).get(CUSTOMER_ORDERS)).isEqualTo(tables(base).get(CUSTOMER_ORDERS));
        assertThat(tables(plan).get(TOP_CUSTOMERS)).isEqualTo(tables(base).get(TOP_CUSTOMERS));
        assertThat(plan.backfills()).extracting(PlanFile.Backfill::model).containsExactly(ORDERS);
    }

    @Test
    void viewKindChildOfANonBreakingChangeGetsANewVersion() {
        // SQLMesh #4413: the physical view would keep reading the old parent table
        PlanFile base = state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "amount, order_date", "amount, order_date, status");

        PlanFile plan = state.plan(project, "prod");

        assertThat(categories(plan)).containsEntry(RECENT_ORDERS, Category.INDIRECT_NON_BREAKING);
        assertThat(tables(plan).get(RECENT_ORDERS)).isNotEqualTo(tables(base).get(RECENT_ORDERS));
        assertThat(built(plan)).containsExactly(ORDERS, RECENT_ORDERS);
        BuildStep view = plan.builds().get(1);
        assertThat(view.kind()).isEqualTo("VIEW");
        assertThat(view.sql()).contains(SqlNames.quoteQualified(tables(plan).get(ORDERS)));
        assertThat(plan.views()).extracting(ViewChange::model).containsExactly(RECENT_ORDERS, ORDERS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            removed column   | customer_id, amount, order_date | customer_id, order_date
            reordered columns| customer_id, amount, order_date | customer_id, order_date, amount
            changed WHERE    | status <> 'cancelled'           | status NOT IN ('cancelled', 'void')
            changed literal  | 'cancelled'                     | 'canceled'
            """)
    void breakingEditOfARootRebuildsEveryDescendant(String edit, String before, String after) {
        PlanFile base = state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, before, after);

        PlanFile plan = state.plan(project, "prod");

        assertThat(plan.directlyModified()).extracting(ModelChange::model, ModelChange::category)
                .containsExactly(tuple(ORDERS, Category.BREAKING));
        assertThat(plan.indirectlyModified()).extracting(ModelChange::model, ModelChange::category).containsExactly(
                tuple(CUSTOMER_ORDERS, Category.INDIRECT_BREAKING),
                tuple(RECENT_ORDERS, Category.INDIRECT_BREAKING),
                tuple(TOP_CUSTOMERS, Category.INDIRECT_BREAKING));
        for (String model : new String[] {ORDERS, CUSTOMER_ORDERS, TOP_CUSTOMERS, RECENT_ORDERS}) {
            assertThat(tables(plan).get(model)).as(model).isNotEqualTo(tables(base).get(model));
        }
        assertThat(tables(plan).get(CUSTOMERS)).isEqualTo(tables(base).get(CUSTOMERS));
        assertThat(built(plan)).containsExactlyInAnyOrder(ORDERS, CUSTOMER_ORDERS, TOP_CUSTOMERS, RECENT_ORDERS);
    }

    @Test
    void changedJoinIsBreakingForTheModelAndItsChildren() {
        PlanFile base = state.planAndApply(project, "prod");
        project.replace(CUSTOMER_ORDERS_FILE, "JOIN staging.customers", "LEFT JOIN staging.customers");

        PlanFile plan = state.plan(project, "prod");

        assertThat(categories(plan)).containsExactly(
                Map.entry(CUSTOMER_ORDERS, Category.BREAKING),
                Map.entry(TOP_CUSTOMERS, Category.INDIRECT_BREAKING));
        assertThat(tables(plan).get(TOP_CUSTOMERS)).isNotEqualTo(tables(base).get(TOP_CUSTOMERS));
        assertThat(tables(plan).get(ORDERS)).isEqualTo(tables(base).get(ORDERS));
        assertThat(plan.reused()).extracting(ReusedTable::model).containsExactlyInAnyOrder(RECENT_ORDERS, CUSTOMERS, ORDERS);
    }

    @Test
    void breakingChangePropagatesThroughThreeLevels() {
        ProjectFixture chain = ProjectFixture.empty(dir.resolve("chain"))
                .write("models/a.sql", "MODEL (name chain.a); SELECT 1 AS id, 'x' AS label")
                .write("models/b.sql", "MODEL (name chain.b); SELECT id FROM chain.a")
                .write("models/c.sql", "MODEL (name chain.c); SELECT id FROM chain.b")
                .write("models/d.sql", "MODEL (name chain.d); SELECT id FROM chain.c");
        PlanFile base = state.planAndApply(chain, "prod");
        chain.replace("models/a.sql", "1 AS id", "2 AS id");

        PlanFile plan = state.plan(chain, "prod");

        assertThat(categories(plan)).containsExactly(
                Map.entry("chain.a", Category.BREAKING),
                Map.entry("chain.b", Category.INDIRECT_BREAKING),
                Map.entry("chain.c", Category.INDIRECT_BREAKING),
                Map.entry("chain.d", Category.INDIRECT_BREAKING));
        assertThat(tables(plan).get("chain.d")).isNotEqualTo(tables(base).get("chain.d"));
        assertThat(built(plan)).containsExactly("chain.a", "chain.b", "chain.c", "chain.d");
    }

    @Test
    void nonBreakingChangePropagatesThroughThreeLevelsWithoutRebuilds() {
        ProjectFixture chain = ProjectFixture.empty(dir.resolve("chain"))
                .write("models/a.sql", "MODEL (name chain.a); SELECT 1 AS id")
                .write("models/b.sql", "MODEL (name chain.b); SELECT id FROM chain.a")
                .write("models/c.sql", "MODEL (name chain.c); SELECT id FROM chain.b")
                .write("models/d.sql", "MODEL (name chain.d); SELECT id FROM chain.c");
        PlanFile base = state.planAndApply(chain, "prod");
        chain.replace("models/a.sql", "1 AS id", "1 AS id, 'x' AS label");

        PlanFile plan = state.plan(chain, "prod");

        assertThat(categories(plan)).containsExactly(
                Map.entry("chain.a", Category.NON_BREAKING),
                Map.entry("chain.b", Category.INDIRECT_NON_BREAKING),
                Map.entry("chain.c", Category.INDIRECT_NON_BREAKING),
                Map.entry("chain.d", Category.INDIRECT_NON_BREAKING));
        assertThat(built(plan)).containsExactly("chain.a");
        assertThat(tables(plan).get("chain.d")).isEqualTo(tables(base).get("chain.d"));
    }

    @Test
    void nonBreakingEditBelowABreakingParentMakesGrandchildrenIndirectBreaking() {
        PlanFile base = state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "'cancelled'", "'void'")
                .replace(CUSTOMER_ORDERS_FILE, "SUM(o.amount) AS revenue", "SUM(o.amount) AS revenue, MAX(o.amount) AS largest");

        PlanFile plan = state.plan(project, "prod");

        assertThat(categories(plan)).containsEntry(ORDERS, Category.BREAKING)
                .containsEntry(CUSTOMER_ORDERS, Category.NON_BREAKING)
                .containsEntry(TOP_CUSTOMERS, Category.INDIRECT_BREAKING);
        assertThat(plan.directlyModified()).extracting(ModelChange::model).containsExactly(CUSTOMER_ORDERS, ORDERS);
        assertThat(tables(plan).get(TOP_CUSTOMERS)).isNotEqualTo(tables(base).get(TOP_CUSTOMERS));
        assertThat(built(plan)).contains(TOP_CUSTOMERS);
    }

    @Test
    void headerDataPropertyChangeIsBreaking() {
        state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "kind FULL", "kind FULL, partitioned_by [order_date]");

        PlanFile plan = state.plan(project, "prod");

        assertThat(categories(plan)).containsEntry(ORDERS, Category.BREAKING)
                .containsEntry(CUSTOMER_ORDERS, Category.INDIRECT_BREAKING);
        BuildStep orders = plan.builds().get(0);
        assertThat(orders.model()).isEqualTo(ORDERS);
        assertThat(orders.partitionedBy()).containsExactly("order_date");
    }

    @Test
    void metadataOnlyChangeKeepsTheTableAndIsListedAsMetadataUpdated() {
        PlanFile base = state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "owner data_team", "owner finance_team, tags [finance]");

        PlanFile plan = state.plan(project, "prod");

        assertThat(plan.metadataUpdated()).containsExactly(ORDERS);
        assertThat(plan.directlyModified()).isEmpty();
        assertThat(plan.indirectlyModified()).isEmpty();
        assertThat(plan.builds()).isEmpty();
        assertThat(plan.views()).isEmpty();
        assertThat(plan.snapshots()).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.model()).isEqualTo(ORDERS);
            assertThat(snapshot.physicalTable()).isEqualTo(tables(base).get(ORDERS));
        });
        assertThat(tables(plan)).isEqualTo(tables(base));
        assertThat(plan.hasChanges()).isTrue();
    }

    // --- versions: rollback, promotion, environments ----------------------------------------

    @Test
    void revertingToAppliedCodeRepointsAtTheOldTablesWithoutBuilding() {
        String original = project.read(ORDERS_FILE);
        PlanFile a = state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "'cancelled'", "'void'");
        PlanFile b = state.planAndApply(project, "prod");
        assertThat(tables(b).get(ORDERS)).isNotEqualTo(tables(a).get(ORDERS));

        project.write(ORDERS_FILE, original);
        PlanFile rollback = state.plan(project, "prod");

        assertThat(rollback.builds()).isEmpty();
        assertThat(rollback.snapshots()).as("every snapshot exists already").isEmpty();
        assertThat(tables(rollback)).isEqualTo(tables(a));
        assertThat(rollback.views()).extracting(ViewChange::model)
                .containsExactly(CUSTOMER_ORDERS, RECENT_ORDERS, TOP_CUSTOMERS, ORDERS);
        assertThat(rollback.expectedPlanId()).isEqualTo(b.planId());
    }

    @Test
    void promotingAnAppliedDevEnvironmentBuildsNothingAndRepointsOnlyChangedViews() {
        PlanFile prod = state.planAndApply(project, "prod");
        project.replace(CUSTOMER_ORDERS_FILE, "JOIN staging.customers", "LEFT JOIN staging.customers");
        PlanFile dev = state.planAndApply(project, "dev");
        assertThat(built(dev)).containsExactly(CUSTOMER_ORDERS, TOP_CUSTOMERS);

        PlanFile promotion = state.plan(project, "prod");

        assertThat(promotion.builds()).isEmpty();
        assertThat(promotion.backfills()).isEmpty();
        assertThat(tables(promotion)).isEqualTo(tables(dev));
        assertThat(promotion.views()).extracting(ViewChange::view, ViewChange::physicalTable).containsExactly(
                tuple("marts.customer_orders", tables(dev).get(CUSTOMER_ORDERS)),
                tuple("marts.top_customers", tables(dev).get(TOP_CUSTOMERS)));
        assertThat(promotion.expectedPlanId()).isEqualTo(prod.planId());
        assertThat(categories(promotion)).containsEntry(CUSTOMER_ORDERS, Category.BREAKING);
    }

    @Test
    void newDevEnvironmentGetsAViewForEveryModelAndReusesProdTables() {
        PlanFile prod = state.planAndApply(project, "prod");

        PlanFile dev = state.plan(project, "dev");

        assertThat(dev.baseEnvironment()).isEqualTo("prod");
        assertThat(dev.expectedPlanId()).isNull();
        assertThat(dev.expiresAt()).isEqualTo(StateFixture.NOW.plus(PlanRequest.DEFAULT_TTL));
        assertThat(dev.builds()).isEmpty();
        assertThat(dev.added()).isEmpty();
        assertThat(dev.reused()).hasSize(5);
        assertThat(tables(dev)).isEqualTo(tables(prod));
        assertThat(dev.views()).extracting(ViewChange::view, ViewChange::action).containsExactly(
                tuple("marts__dev.customer_orders", ViewAction.CREATE_OR_REPLACE),
                tuple("marts__dev.recent_orders", ViewAction.CREATE_OR_REPLACE),
                tuple("marts__dev.top_customers", ViewAction.CREATE_OR_REPLACE),
                tuple("staging__dev.customers", ViewAction.CREATE_OR_REPLACE),
                tuple("staging__dev.orders", ViewAction.CREATE_OR_REPLACE));
    }

    @Test
    void devPlanNeverTouchesProdViewsOrProdState() {
        PlanFile prod = state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "'cancelled'", "'void'");

        PlanFile dev = state.planAndApply(project, "dev");

        assertThat(dev.views()).isNotEmpty().allSatisfy(view -> assertThat(view.view()).contains("__dev."));
        EnvironmentRecord prodAfter = state.state().environment("prod").orElseThrow();
        assertThat(prodAfter.planId()).isEqualTo(prod.planId());
        assertThat(prodAfter.pointers().values()).extracting(pointer -> pointer.physicalTable())
                .containsExactlyInAnyOrderElementsOf(tables(prod).values());
    }

    @Test
    void devEnvironmentIsPlannedAgainstItselfOnceApplied() {
        state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "'cancelled'", "'void'");
        PlanFile dev = state.planAndApply(project, "dev");

        PlanFile again = state.plan(project, "dev");
        assertThat(again.hasChanges()).isFalse();
        assertThat(again.expectedPlanId()).isEqualTo(dev.planId());

        project.replace(CUSTOMER_ORDERS_FILE, "AS revenue", "AS revenue, MAX(o.amount) AS largest");
        PlanFile next = state.plan(project, "dev");
        assertThat(next.baseEnvironment()).isEqualTo("prod");
        assertThat(categories(next)).containsExactly(
                Map.entry(CUSTOMER_ORDERS, Category.NON_BREAKING),
                Map.entry(TOP_CUSTOMERS, Category.INDIRECT_NON_BREAKING));
        assertThat(next.views()).extracting(ViewChange::view).containsExactly("marts__dev.customer_orders");
    }

    @Test
    void newEnvironmentCanStartFromAnotherEnvironment() {
        state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "'cancelled'", "'void'");
        PlanFile dev = state.planAndApply(project, "dev");

        PlanFile feature = state.plan(project, "feature_x", "dev");

        assertThat(feature.baseEnvironment()).isEqualTo("dev");
        assertThat(feature.hasChanges()).as("it only creates views").isTrue();
        assertThat(feature.builds()).isEmpty();
        assertThat(feature.directlyModified()).isEmpty();
        assertThat(tables(feature)).isEqualTo(tables(dev));
    }

    @Test
    void removedModelDropsItsViewInTheEnvironmentThatHadIt() {
        PlanFile prod = state.planAndApply(project, "prod");
        state.planAndApply(project, "dev");
        project.delete("models/marts/top_customers.sql");

        PlanFile dev = state.plan(project, "dev");
        PlanFile prodPlan = state.plan(project, "prod");

        assertThat(dev.removed()).containsExactly(TOP_CUSTOMERS);
        assertThat(dev.views()).extracting(ViewChange::view, ViewChange::physicalTable, ViewChange::action)
                .containsExactly(tuple("marts__dev.top_customers", tables(prod).get(TOP_CUSTOMERS), ViewAction.DROP));
        assertThat(dev.environmentSnapshots()).extracting(PlannedPointer::model).doesNotContain(TOP_CUSTOMERS);
        assertThat(prodPlan.views()).extracting(ViewChange::view, ViewChange::action)
                .containsExactly(tuple("marts.top_customers", ViewAction.DROP));
    }

    @Test
    void newEnvironmentDoesNotDropViewsItNeverHad() {
        state.planAndApply(project, "prod");
        project.delete("models/marts/top_customers.sql");

        PlanFile dev = state.plan(project, "dev");

        assertThat(dev.removed()).containsExactly(TOP_CUSTOMERS);
        assertThat(dev.views()).extracting(ViewChange::action).containsOnly(ViewAction.CREATE_OR_REPLACE).hasSize(4);
    }

    @Test
    void addedModelInDevIsBuiltAndTheRestReused() {
        state.planAndApply(project, "prod");
        project.write("models/marts/big_orders.sql", """
                MODEL (name marts.big_orders, kind FULL);
                SELECT * FROM staging.orders WHERE amount > 500
                """);

        PlanFile dev = state.plan(project, "dev");

        assertThat(dev.added()).containsExactly("marts.big_orders");
        assertThat(built(dev)).containsExactly("marts.big_orders");
        assertThat(dev.reused()).hasSize(5);
    }

    @Test
    void secondApplyOfAStalePlanIsRefused() {
        PlanFile first = state.plan(project, "prod");
        PlanFile second = state.plan(project, "prod");
        state.apply(first);

        assertThatThrownBy(() -> state.apply(second))
                .isInstanceOfSatisfying(VeneerException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.ENVIRONMENT_CHANGED));
    }

    @Test
    void expiredEnvironmentIsPlannedFromItsBaseAgainButKeepsItsPlanIdForTheCommit() {
        state.planAndApply(project, "prod");
        project.replace(ORDERS_FILE, "'cancelled'", "'void'");
        PlanFile dev = state.planAndApply(project, "dev");
        project.replace(ORDERS_FILE, "'void'", "'cancelled'");

        PlanFile plan = new Planner().plan(project.compile(), state.state(),
                new PlanRequest("dev", "prod", dev.expiresAt().plusSeconds(1), PlanRequest.DEFAULT_TTL));

        assertThat(plan.expectedPlanId()).isEqualTo(dev.planId());
        assertThat(plan.directlyModified()).isEmpty();
        // The expired environment's views are still in place until the janitor runs: only the 4 whose
        // table differs from prod's are repointed.
        assertThat(plan.views()).as("repointed to prod's tables").hasSize(4);
    }

    @Test
    void invalidEnvironmentNameIsRejectedWithAMessage() {
        assertThatThrownBy(() -> PlanRequest.of("Dev-1"))
                .isInstanceOfSatisfying(VeneerException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.ENVIRONMENT_INVALID);
                    assertThat(error.getMessage()).contains("'Dev-1'", "lower-case");
                });
    }
}
