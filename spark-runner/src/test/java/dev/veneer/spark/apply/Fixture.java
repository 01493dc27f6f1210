package dev.veneer.spark.apply;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.PhysicalNames;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.PlannedPointer;
import dev.veneer.planner.plan.PlanFile.PlannedSnapshot;
import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.plan.ViewAction;
import dev.veneer.spark.testing.SharedSparkSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hand-written plans over a small project in its own schema: {@code orders} (Delta, FULL),
 * {@code customer_totals} (Iceberg, FULL, reads orders) and {@code big_customers} (VIEW over
 * customer_totals). Every fixture has a fresh schema name so tests never collide in the shared session.
 */
final class Fixture {
    static final String PROJECT = "shop";
    static final PhysicalNames NAMES = new PhysicalNames("veneer");

    static final String ORDERS_SQL = """
            SELECT * FROM VALUES (1, 'ann', 10.0), (2, 'bob', 20.0), (3, 'ann', 5.0) AS t(id, customer, amount)""";

    final String schema = SharedSparkSession.uniqueName("shop");
    final String stateUrl;

    Fixture(String stateUrl) {
        this.stateUrl = stateUrl;
    }

    ModelName model(String table) {
        return new ModelName(schema, table);
    }

    /** A model variant: its physical table follows from the version, the catalog from the format. */
    record Variant(ModelName model, String version, String kind, String format, String sql, List<String> dependsOn) {
        String physicalTable() {
            String catalog = format.equals("iceberg") ? SharedSparkSession.ICEBERG_CATALOG : "spark_catalog";
            return catalog + "." + NAMES.physicalTable(model, version);
        }

        String fingerprint() {
            return "fp-" + version;
        }

        BuildStep step() {
            return new BuildStep(model.toString(), physicalTable(), kind, format, sql, List.of(), dependsOn);
        }
    }

    Variant orders(String version) {
        return new Variant(model("orders"), version, "FULL", "delta", ORDERS_SQL, List.of());
    }

    Variant orders(String version, String sql) {
        return new Variant(model("orders"), version, "FULL", "delta", sql, List.of());
    }

    Variant customerTotals(String version, Variant orders) {
        return new Variant(model("customer_totals"), version, "FULL", "iceberg",
                "SELECT customer, SUM(amount) AS total, COUNT(*) AS orders FROM " + orders.physicalTable() + " GROUP BY customer",
                List.of(orders.model().toString()));
    }

    Variant bigCustomers(String version, Variant totals) {
        return new Variant(model("big_customers"), version, "VIEW", "delta",
                "SELECT customer FROM " + totals.physicalTable() + " WHERE total > 12",
                List.of(totals.model().toString()));
    }

    /** The three models at their first version. */
    List<Variant> firstVersions() {
        Variant orders = orders("aaaa000001");
        Variant totals = customerTotals("bbbb000001", orders);
        return List.of(orders, totals, bigCustomers("cccc000001", totals));
    }

    String view(Variant variant, String environment) {
        return PhysicalNames.viewName(variant.model(), environment);
    }

    /**
     * A plan that builds {@code built} and points the environment at {@code pointers}, changing the
     * views of every pointer (a real planner would list only the changed ones).
     */
    PlanFile plan(String environment, String expectedPlanId, List<Variant> built, List<Variant> pointers) {
        List<ViewChange> views = new ArrayList<>();
        pointers.forEach(variant -> views.add(new ViewChange(variant.model().toString(), view(variant, environment),
                variant.physicalTable(), ViewAction.CREATE_OR_REPLACE)));
        return plan(environment, expectedPlanId, built, pointers, views);
    }

    PlanFile plan(String environment, String expectedPlanId, List<Variant> built, List<Variant> pointers, List<ViewChange> views) {
        return new PlanFile(
                PlanFile.FORMAT_VERSION,
                "plan-" + UUID.randomUUID().toString().substring(0, 8),
                PROJECT,
                environment,
                EnvironmentName.PROD,
                expectedPlanId,
                stateUrl,
                Instant.parse("2024-05-01T00:00:00Z"),
                EnvironmentName.isProd(environment) ? null : Instant.parse("2099-01-01T00:00:00Z"),
                built.stream().map(variant -> variant.model().toString()).toList(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                views,
                built.stream().map(Variant::step).toList(),
                built.stream().map(variant -> new PlannedSnapshot(variant.model().toString(), variant.fingerprint(), variant.version(),
                        variant.physicalTable(), variant.kind(), variant.format(), "data-" + variant.version(),
                        "meta-" + variant.version(), payloadOf(variant.step()))).toList(),
                pointers.stream().map(variant -> new PlannedPointer(variant.model().toString(), variant.fingerprint(),
                        variant.version(), variant.physicalTable(), variant.kind())).toList());
    }

    /** The payload a planner would store for a snapshot built by {@code step}: its SQL, parents and schedule. */
    static dev.veneer.planner.plan.SnapshotPayload payloadOf(BuildStep step) {
        return new dev.veneer.planner.plan.SnapshotPayload(step.sql(), "models/" + step.model() + ".sql", "attributes", "parents",
                step.dependsOn(), step.partitionedBy(), step.sql(), step.macros(), step.options(), step.schedule(), step.audits(), false, null);
    }
}
