package dev.veneer.spark.cli;

import static dev.veneer.spark.cli.BadInput.bad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The bad-input corpus: one entry per case, each a line or three. Every case runs against the shop
 * project deployed to prod and dev and must be refused with a message saying what is wrong, where,
 * and what to do, with the exit status given, changing no state, table or view.
 *
 * <p>To add a case, add an entry: {@code bad("what").edit(file, from, to).run("plan", "dev").says(...)}.
 */
final class BadInputCorpus {
    private static final String CUSTOMERS = "models/staging/customers.sql";
    private static final String REVENUE = "models/marts/customer_revenue.sql";
    private static final String BIG_ORDERS = "models/marts/big_orders.sql";
    private static final String MAKE_A_PLAN = "veneer plan ENV --out FILE";

    private BadInputCorpus() {}

    static List<BadInput> cases() {
        return List.of(
                // --- SQL and project files ----------------------------------------------------------
                bad("syntax error in the select list").edit(CUSTOMERS, "name, country", "name, country,")
                        .run("plan", "dev", "--auto-apply").says(CUSTOMERS + ":8:9", "syntax error at or near '.'"),
                bad("syntax error in a WHERE clause").edit(BIG_ORDERS, "WHERE amount >= 100", "WHERE amount >=")
                        .run("plan", "dev", "--auto-apply").says(BIG_ORDERS + ":", "syntax error"),
                bad("syntax error inside a CTE").edit(REVENUE, "WHERE status = 'paid'", "WHERE status = 'paid' AND")
                        .run("plan", "dev", "--auto-apply").says(REVENUE + ":", "syntax error"),
                bad("unterminated string literal").edit(CUSTOMERS, "FROM raw.customers", "FROM raw.customers WHERE name = 'Ann")
                        .run("plan", "dev").says(CUSTOMERS + ":", "syntax error"),
                bad("broken MODEL header").edit(CUSTOMERS, "kind FULL,", "kind FULL,,")
                        .run("plan", "dev").says(CUSTOMERS + ":3:"),
                bad("unknown reference").edit(CUSTOMERS, "FROM raw.customers", "FROM raw.clients")
                        .run("plan", "dev", "--auto-apply").says(CUSTOMERS + ":8:6", "unknown table 'raw.clients'", "external_models.yaml"),
                bad("dependency cycle")
                        .edit(CUSTOMERS, "FROM raw.customers", "FROM raw.customers WHERE id IN (SELECT customer_id FROM reporting.country_revenue)")
                        .run("plan", "dev", "--auto-apply")
                        .says("dependency cycle", "staging.customers", "marts.customer_revenue", "reporting.country_revenue"),
                bad("duplicate model name").setup(shop -> shop.write("models/staging/orders_again.sql", shop.read("models/staging/orders.sql")))
                        .run("plan", "dev").says("models/staging/orders_again.sql", "model staging.orders is also defined in models/staging/orders.sql"),
                bad("duplicate model name differing only in case")
                        .setup(shop -> shop.write("models/staging/orders_upper.sql",
                                shop.read("models/staging/orders.sql").replace("name staging.orders", "name STAGING.Orders")))
                        .run("plan", "dev").says("models/staging/orders_upper.sql", "model staging.orders is also defined in models/staging/orders.sql"),
                bad("unknown header property").edit(CUSTOMERS, "kind FULL,", "kind FULL,\n  colour 'red',")
                        .run("plan", "dev").says(CUSTOMERS + ":4:3", "unknown property 'colour'", "valid properties"),
                bad("wrong property type: a list for owner").edit(CUSTOMERS, "owner 'data-eng'", "owner ['a', 'b']")
                        .run("plan", "dev").says(CUSTOMERS + ":", "owner", "a name or a string"),
                bad("wrong property type: a string for partitioned_by").edit(CUSTOMERS, "kind FULL,", "kind FULL,\n  partitioned_by 'x y',")
                        .run("plan", "dev").says(CUSTOMERS + ":", "partitioned_by", "a column name"),
                bad("unknown kind").edit(CUSTOMERS, "kind FULL,", "kind FOO,")
                        .run("plan", "dev").says(CUSTOMERS + ":", "kind", "FULL", "VIEW"),
                bad("model name without a schema").edit(CUSTOMERS, "name staging.customers", "name customers")
                        .run("plan", "dev").says(CUSTOMERS + ":", "a model name has exactly two"),
                bad("SQL injection through a model name").edit(CUSTOMERS, "name staging.customers", "name staging.`customers; DROP TABLE raw.orders`")
                        .run("plan", "dev", "--auto-apply").says(CUSTOMERS + ":", "name"),
                bad("SQL injection through table_format").edit(CUSTOMERS, "kind FULL,", "kind FULL,\n  table_format 'delta; DROP TABLE raw.orders',")
                        .run("plan", "dev", "--auto-apply").says(CUSTOMERS + ":", "table_format"),
                bad("SQL injection through partitioned_by").edit(CUSTOMERS, "kind FULL,", "kind FULL,\n  partitioned_by ['id); DROP TABLE raw.orders; --'],")
                        .run("plan", "dev", "--auto-apply").says(CUSTOMERS + ":", "partitioned_by"),
                bad("malformed external_models.yaml").write("external_models.yaml", "- name: raw.orders\n  columns: [unclosed\n")
                        .run("plan", "dev").says("external_models.yaml"),
                bad("unknown key in veneer.yaml").setup(shop -> shop.write("veneer.yaml", shop.read("veneer.yaml") + "colour: red\n"))
                        .run("plan", "dev").says("veneer.yaml:1:1", "unknown key 'colour'", "valid keys"),
                bad("bad environment_ttl").setup(shop -> shop.write("veneer.yaml", shop.read("veneer.yaml") + "environment_ttl: 7 dayz\n"))
                        .run("plan", "dev").says("veneer.yaml:1:1", "environment_ttl '7 dayz' is not a positive duration", "7d"),
                bad("state_schema on SQLite state").setup(shop -> shop.write("veneer.yaml", shop.read("veneer.yaml") + "state_schema: team\n"))
                        .run("plan", "dev").says("veneer.yaml:1:1", "state_schema applies to PostgreSQL state only"),

                // --- environment names: validated before any DDL --------------------------------------
                bad("environment name with a quote").run("plan", "dev'x").says("invalid environment name 'dev'x'", "lower-case letters"),
                bad("environment name with a dot").run("plan", "dev.x", "--auto-apply").says("invalid environment name 'dev.x'"),
                bad("environment name with a backtick").run("plan", "dev`x", "--auto-apply").says("invalid environment name 'dev`x'"),
                bad("SQL injection through an environment name").run("plan", "dev; DROP SCHEMA raw CASCADE", "--auto-apply")
                        .says("invalid environment name 'dev; DROP SCHEMA raw CASCADE'"),
                bad("upper-case environment name").run("plan", "Dev").says("invalid environment name 'Dev'", "lower-case"),
                bad("environment name over 63 characters").run("plan", "d".repeat(64)).says("64 characters, at most 63"),
                bad("bad --create-from environment").run("plan", "dev2", "--create-from", "prod'--").says("invalid environment name 'prod'--'"),
                bad("query in an environment named with ';'").run("query", "--env", "dev;x", "SELECT 1").says("invalid environment name 'dev;x'"),
                bad("prod invalidated").run("invalidate", "prod").says("prod cannot be invalidated", "veneer plan prod --auto-apply"),
                bad("diff against a missing environment").run("diff", "prod", "nope").says("environment 'nope' does not exist", "veneer plan nope"),
                bad("table-name of an unknown model").run("table-name", "staging.nope").says("model staging.nope is not in environment 'prod'"),
                bad("janitor with a bad grace period").run("janitor", "--grace", "soon").exits(2).says("'soon' is not a duration"),

                // --- plan files --------------------------------------------------------------------
                bad("missing plan file").run(shop -> new String[] {"apply", shop.dir.resolve("no-plan.json").toString()})
                        .says("no-plan.json does not exist", MAKE_A_PLAN),
                bad("corrupt plan file").setup(shop -> writePlan(shop, "{\"format_version\": 1, \"plan_id\": "))
                        .run(BadInputCorpus::applyPlan).says("plan.json is corrupt", MAKE_A_PLAN),
                bad("truncated plan file").setup(shop -> writePlan(shop, realPlan(shop).substring(0, realPlan(shop).length() / 2)))
                        .run(BadInputCorpus::applyPlan).says("plan.json is corrupt", MAKE_A_PLAN),
                bad("plan file from a newer Veneer").setup(shop -> writePlan(shop, realPlan(shop).replaceFirst("\"format_version\" : \\d+", "\"format_version\" : 99")))
                        .run(BadInputCorpus::applyPlan).says("plan file format 99 is newer than this Veneer", "plan again"),
                bad("plan file of another project").setup(shop -> writePlan(shop, realPlan(shop)))
                        .setup(shop -> shop.edit("veneer.yaml", "name: shop", "name: warehouse"))
                        .run(BadInputCorpus::applyPlan).says("was made for project 'shop'", "'warehouse'", "plan again here"),
                bad("dev plan edited to change a prod view")
                        .setup(shop -> writePlan(shop, realPlan(shop).replace("\"view\" : \"staging__dev.customers\"", "\"view\" : \"staging.customers\"")))
                        .run(BadInputCorpus::applyPlan).says("changes view 'staging.customers'", "prod views change only with a prod plan"),
                bad("plan edited to inject SQL through a physical table name")
                        .setup(shop -> writePlan(shop, realPlan(shop).replaceFirst("(\"physical_table\" : \"lake\\.veneer__staging\\.)(staging__customers__[0-9a-f]+)\"",
                                "$1`x; DROP TABLE raw.orders; --`\"")))
                        .run(BadInputCorpus::applyPlan).says("bad physical table name", "veneer plan"),
                bad("plan edited to inject SQL through a model name")
                        .setup(shop -> writePlan(shop, realPlan(shop).replace("\"model\" : \"staging.customers\"", "\"model\" : \"staging.customers; DROP TABLE raw.orders\"")))
                        .run(BadInputCorpus::applyPlan).says("bad model name", "veneer plan"),
                bad("stale plan: its environment moved since")
                        .setup(shop -> writePlan(shop, realPlan(shop).replaceFirst("\"expected_plan_id\" : \"[0-9a-f]+\"", "\"expected_plan_id\" : \"0123abcd\"")))
                        .run(BadInputCorpus::applyPlan).says("environment 'dev' changed since this plan was made; plan again"),

                // --- state store ---------------------------------------------------------------------
                bad("unreachable state store")
                        .setup(shop -> shop.write("veneer.yaml", shop.read("veneer.yaml") + "state: jdbc:postgresql://127.0.0.1:1/veneer?connectTimeout=2\n"))
                        .run("plan", "dev", "--auto-apply").says("cannot open state store jdbc:postgresql://127.0.0.1:1/veneer", "check 'state' in veneer.yaml"),
                bad("read-only state store")
                        .edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'")
                        .setup(shop -> shop.write("veneer.yaml", shop.read("veneer.yaml") + "state: jdbc:sqlite:" + stateFile(shop) + "?open_mode=1\n"))
                        .run("plan", "dev", "--auto-apply").says("read-only", "point 'state' at a writable database"),
                bad("state written by a newer Veneer")
                        .setup(shop -> shop.write("veneer.yaml", shop.read("veneer.yaml") + "state: jdbc:sqlite:" + newerState(shop) + "\n"))
                        .run("plan", "dev").says("was written by a newer Veneer (schema version 99", "upgrade Veneer"),

                // --- runtime: the lakehouse disagrees with the plan ----------------------------------
                bad("physical table missing although state says it is built")
                        .setup(shop -> shop.spark.sql("ALTER TABLE " + shop.tableName("staging.customers", "prod") + " RENAME TO veneer__staging.hidden_customers"))
                        .teardown(shop -> shop.spark.sql("ALTER TABLE lake.veneer__staging.hidden_customers RENAME TO "
                                + shop.tableName("staging.customers", "prod").substring("lake.".length())))
                        .edit(REVENUE, "WHERE status = 'paid'", "WHERE status = 'paid' AND amount > 0")
                        .run("plan", "dev", "--auto-apply")
                        .says("does not exist although state records it as built", "veneer janitor", "environment 'dev' is unchanged"),
                bad("model whose query fails at runtime")
                        .edit(CUSTOMERS, "SELECT id AS customer_id, name, country", "SELECT id AS customer_id, name, country, assert_true(id > 100) AS checked")
                        .run("plan", "dev", "--auto-apply").says("model staging.customers failed to build", "fix the model and plan again",
                                "environment 'dev' is unchanged"),
                bad("model reading a column that does not exist")
                        .edit(CUSTOMERS, "SELECT id AS customer_id, name, country", "SELECT id AS customer_id, nme, country")
                        .run("plan", "dev", "--auto-apply").says("model staging.customers failed to build", "nme", "environment 'dev' is unchanged"));
    }

    private static String[] applyPlan(ShopProject shop) {
        return new String[] {"apply", planPath(shop).toString()};
    }

    private static Path planPath(ShopProject shop) {
        return shop.dir.getParent().resolve("bad-plans").resolve("plan.json");
    }

    /** A real dev plan with one change (planning changes nothing), as its JSON text. */
    private static String realPlan(ShopProject shop) {
        Path file = shop.dir.getParent().resolve("bad-plans").resolve("real.json");
        if (!Files.exists(file)) {
            String original = shop.read(CUSTOMERS);
            shop.edit(CUSTOMERS, "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
            shop.ok("plan", "dev", "--out", file.toString());
            shop.write(CUSTOMERS, original);
        }
        return read(file);
    }

    private static void writePlan(ShopProject shop, String text) {
        try {
            Files.createDirectories(planPath(shop).getParent());
            Files.writeString(planPath(shop), text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path stateFile(ShopProject shop) {
        return shop.dir.resolve(".veneer/state.db");
    }

    /** A copy of the shop's state with a migration from the future recorded in it. */
    private static Path newerState(ShopProject shop) {
        Path copy = shop.dir.getParent().resolve("bad-plans").resolve("newer-state.db");
        try {
            Files.createDirectories(copy.getParent());
            Files.deleteIfExists(copy);
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + stateFile(shop));
                    Statement statement = connection.createStatement()) {
                statement.execute("VACUUM INTO '" + copy + "'");
            }
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO veneer_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, execution_time, success) SELECT MAX(installed_rank) + 1, '99', 'from the future', 'SQL',"
                        + " 'V99__from_the_future.sql', NULL, 'test', 0, 1 FROM veneer_schema_history");
            }
        }
        catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
        return copy;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
