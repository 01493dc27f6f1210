package dev.veneer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.spark.cli.CliRunner;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notebook sessions on real Veneer environments: a small project applied to prod, then to dev with
 * one model changed, then to prod again with a model dev does not have. Each "notebook" is its own
 * {@code spark.newSession()} (own conf, same SparkContext and metastore) beside a prod session,
 * in the shared lakehouse whose session has {@link VeneerExtensions} registered last.
 */
@ExtendWith(SharedSparkSession.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VeneerExtensionsTest {
    @TempDir
    static Path tmp;

    SparkSession spark;
    String staging;
    String marts;
    String reports;
    String work;

    @BeforeAll
    void applyProdThenDevThenProdAgain(SparkSession spark) throws IOException {
        this.spark = spark;
        staging = SharedSparkSession.uniqueName("nb_staging");
        marts = SharedSparkSession.uniqueName("nb_marts");
        reports = SharedSparkSession.uniqueName("nb_reports");
        work = SharedSparkSession.uniqueName("nb_work");
        Path project = tmp.resolve("project");
        write(project, "veneer.yaml", "name: notebook\ndefault_table_format: iceberg\niceberg_catalog: lake\nstate: jdbc:sqlite:"
                + tmp.resolve("state.db") + "\n");
        String prodOrders = "SELECT id, customer_id, amount FROM VALUES (1, 1, 10.0), (2, 1, 20.0), (3, 2, 30.0) AS t(id, customer_id, amount)";
        write(project, "models/staging/orders.sql", "MODEL (name " + staging + ".orders, kind FULL);\n" + prodOrders);
        write(project, "models/staging/customers.sql", "MODEL (name " + staging + ".customers, kind FULL);\n"
                + "SELECT id, name FROM VALUES (1, 'Ann'), (2, 'Bob') AS t(id, name)");
        write(project, "models/marts/revenue.sql", "MODEL (name " + marts + ".revenue, kind VIEW);\n"
                + "SELECT sum(amount) AS total FROM " + staging + ".orders");
        veneer(project, "plan", "prod", "--auto-apply");

        write(project, "models/staging/orders.sql", "MODEL (name " + staging + ".orders, kind FULL);\n"
                + prodOrders.replace("(3, 2, 30.0)", "(3, 2, 30.0), (4, 2, 40.0)"));
        veneer(project, "plan", "dev", "--auto-apply");

        write(project, "models/staging/orders.sql", "MODEL (name " + staging + ".orders, kind FULL);\n" + prodOrders);
        write(project, "models/staging/returns.sql", "MODEL (name " + staging + ".returns, kind FULL);\n"
                + "SELECT 1 AS order_id");
        veneer(project, "plan", "prod", "--auto-apply");

        spark.sql("CREATE SCHEMA " + reports);
        spark.sql("CREATE VIEW " + reports + ".order_count AS SELECT count(*) AS n FROM " + staging + ".orders");
    }

    @Test
    void notebookReadsDevUnderProdNamesWhileAnotherSessionReadsProd() {
        SparkSession notebook = session("dev");
        SparkSession prod = spark.newSession();

        assertThat(count(notebook, "SELECT count(*) FROM " + staging + ".orders")).isEqualTo(4);
        assertThat(count(prod, "SELECT count(*) FROM " + staging + ".orders")).isEqualTo(3);
        assertThat(count(notebook, "SELECT count(*) FROM " + staging + ".customers")).isEqualTo(2);
        assertThat(count(spark, "SELECT count(*) FROM " + staging + ".orders")).as("the shared session").isEqualTo(3);
        assertThat(count(notebook, "SELECT count(*) FROM " + staging + "__dev.orders")).as("env views by their own name").isEqualTo(4);
    }

    @Test
    void setSwitchesAtTheNextStatementAndResetOrProdReadProd() {
        SparkSession notebook = spark.newSession();
        String query = "SELECT count(*) FROM " + staging + ".orders";

        assertThat(count(notebook, query)).isEqualTo(3);
        notebook.sql("SET spark.veneer.environment=dev");
        assertThat(count(notebook, query)).isEqualTo(4);
        assertThat(value(notebook, "SELECT veneer_environment()")).isEqualTo("dev");
        notebook.sql("SET spark.veneer.environment=prod");
        assertThat(count(notebook, query)).isEqualTo(3);
        notebook.sql("SET spark.veneer.environment=dev");
        notebook.sql("RESET spark.veneer.environment");
        assertThat(count(notebook, query)).isEqualTo(3);
        assertThat(value(notebook, "SELECT veneer_environment()")).isEqualTo("prod");
    }

    @Test
    void ctesSubqueriesAndJoinsReadTheEnvironment() {
        SparkSession notebook = session("dev");

        List<Row> rows = notebook.sql("""
                WITH big AS (SELECT * FROM %1$s.orders WHERE amount >= (SELECT max(amount) FROM %1$s.orders) - 10)
                SELECT c.name, sum(b.amount) FROM big b JOIN %1$s.customers c ON b.customer_id = c.id
                WHERE b.customer_id IN (SELECT customer_id FROM %1$s.orders WHERE id = 4)
                GROUP BY c.name""".formatted(staging)).collectAsList();

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString(0)).isEqualTo("Bob");
        assertThat(rows.get(0).getDecimal(1).doubleValue()).isEqualTo(70.0);
    }

    @Test
    void viewsReadInsideResolveInTheReadingSessionsEnvironment() {
        SparkSession notebook = session("dev");
        SparkSession prod = spark.newSession();

        assertThat(count(notebook, "SELECT n FROM " + reports + ".order_count")).as("a prod view over a model name").isEqualTo(4);
        assertThat(count(prod, "SELECT n FROM " + reports + ".order_count")).isEqualTo(3);
        assertThat(value(notebook, "SELECT CAST(total AS STRING) FROM " + marts + ".revenue")).as("a VIEW model").isEqualTo("100.0");
        assertThat(value(prod, "SELECT CAST(total AS STRING) FROM " + marts + ".revenue")).isEqualTo("60.0");
    }

    @Test
    void writeTargetsAreWrittenAsNamedWhileTheirQueriesReadTheEnvironment() {
        spark.sql("CREATE SCHEMA " + work);
        spark.sql("CREATE SCHEMA " + work + "__dev");
        for (String schema : List.of(work, work + "__dev")) {
            spark.sql("CREATE TABLE " + schema + ".target (id INT, amount DECIMAL(3,1)) USING delta");
        }
        SparkSession notebook = session("dev");

        notebook.sql("INSERT INTO " + work + ".target SELECT id, amount FROM " + staging + ".orders");
        assertThat(count(spark, "SELECT count(*) FROM " + work + ".target")).isEqualTo(4);
        notebook.sql("MERGE INTO " + work + ".target t USING (SELECT * FROM " + staging + ".orders) s ON t.id = s.id"
                + " WHEN MATCHED AND s.id = 4 THEN UPDATE SET amount = 0 WHEN NOT MATCHED THEN INSERT (id, amount) VALUES (s.id, s.amount)");
        assertThat(count(spark, "SELECT count(*) FROM " + work + ".target WHERE amount = 0")).isEqualTo(1);
        // Delta refuses subqueries in UPDATE and DELETE conditions; their targets are what this is about
        notebook.sql("UPDATE " + work + ".target SET amount = 1 WHERE id = 4");
        assertThat(count(spark, "SELECT count(*) FROM " + work + ".target WHERE amount = 1")).isEqualTo(1);
        notebook.sql("DELETE FROM " + work + ".target WHERE id = 4");
        assertThat(count(spark, "SELECT count(*) FROM " + work + ".target")).isEqualTo(3);
        assertThat(count(spark, "SELECT count(*) FROM " + work + "__dev.target")).as("never redirected to").isZero();
        assertThat(notebook.sql("DESCRIBE HISTORY " + work + ".target").count()).as("Delta's own statements still parse").isEqualTo(5);
    }

    @Test
    void createViewInANotebookIsStoredAsWrittenAndResolvesWhereItIsRead() {
        SparkSession notebook = session("dev");
        String view = reports + ".made_in_dev";

        notebook.sql("CREATE VIEW " + view + " AS SELECT count(*) AS n FROM " + staging + ".orders");

        assertThat(spark.catalog().tableExists(view)).isTrue();
        assertThat(spark.catalog().tableExists(reports + "__dev.made_in_dev")).isFalse();
        assertThat(count(spark.newSession(), "SELECT n FROM " + view)).isEqualTo(3);
        assertThat(count(notebook, "SELECT n FROM " + view)).isEqualTo(4);
    }

    @Test
    void temporaryViewResolvesInTheEnvironmentOfTheSessionWhenRead() {
        SparkSession notebook = session("dev");
        notebook.sql("CREATE TEMPORARY VIEW dev_orders AS SELECT count(*) AS n FROM " + staging + ".orders");

        assertThat(count(notebook, "SELECT n FROM dev_orders")).isEqualTo(4);
        notebook.sql("SET spark.veneer.environment=prod");
        assertThat(count(notebook, "SELECT n FROM dev_orders")).isEqualTo(3);
    }

    @Test
    void sparkTableIsNotRedirectedButVeneerSessionTableIs() {
        SparkSession notebook = session("dev");

        assertThat(notebook.table(staging + ".orders").count()).isEqualTo(3);
        assertThat(VeneerSession.table(notebook, staging + ".orders").count()).isEqualTo(4);
        assertThat(VeneerSession.resolve(notebook, staging + ".orders")).isEqualTo("`" + staging + "__dev`.`orders`");
        assertThat(VeneerSession.resolve(spark.newSession(), staging + ".orders")).isEqualTo("`" + staging + "`.`orders`");
    }

    @Test
    void veneerSessionUseSwitchesAndChecksTheEnvironment() {
        SparkSession notebook = spark.newSession();

        VeneerSession.use(notebook, "dev");
        assertThat(count(notebook, "SELECT count(*) FROM " + staging + ".orders")).isEqualTo(4);
        assertThat(VeneerSession.environment(notebook)).isEqualTo("dev");
        VeneerSession.use(notebook, "prod");
        assertThat(count(notebook, "SELECT count(*) FROM " + staging + ".orders")).isEqualTo(3);
        assertThatThrownBy(() -> VeneerSession.use(notebook, "nope"))
                .isInstanceOf(VeneerException.class).hasMessageContaining("environment 'nope'");
        assertThat(VeneerSession.environment(notebook)).isEqualTo("prod");
    }

    @Test
    void modelMissingInTheEnvironmentFallsBackToProdWithAWarning() {
        SparkSession notebook = session("dev");

        String log = capturingLogs(() -> count(notebook, "SELECT count(*) FROM " + staging + ".returns"), count -> {
            assertThat(count).isEqualTo(1);
        });

        assertThat(log).contains("WARN " + staging + ".returns has no view in environment 'dev' (" + staging
                + "__dev.returns does not exist): reading prod's " + staging + ".returns");
        assertThat(log).contains("INFO environment 'dev' answered: " + staging + ".returns -> prod");
    }

    @Test
    void logSaysWhichEnvironmentAnswered() {
        SparkSession notebook = session("dev");

        String log = capturingLogs(() -> count(notebook, "SELECT count(*) FROM " + staging + ".orders"), count -> { });

        assertThat(log).contains("INFO environment 'dev' answered: " + staging + ".orders -> " + staging + "__dev.orders");
    }

    @Test
    void unknownEnvironmentFailsAtTheFirstQueryNamingTheOnesThatExist() {
        SparkSession notebook = spark.newSession();
        notebook.sql("SET spark.veneer.environment=nope");
        assertThat(count(notebook, "SELECT 1")).as("statements without production names still run").isEqualTo(1);

        assertThatThrownBy(() -> notebook.sql("SELECT count(*) FROM " + staging + ".orders"))
                .isInstanceOf(VeneerException.class)
                .satisfies(e -> assertThat(((VeneerException) e).code()).isEqualTo(ErrorCode.ENVIRONMENT_NOT_FOUND))
                .hasMessageContaining("environment 'nope' (spark.veneer.environment) does not exist")
                .hasMessageContaining("dev")
                .hasMessageContaining("veneer plan nope --auto-apply");
        assertThatThrownBy(() -> notebook.sql("SELECT veneer_environment()").collect()).hasMessageContaining("environment 'nope'");

        notebook.sql("SET spark.veneer.environment=dev");
        assertThat(count(notebook, "SELECT count(*) FROM " + staging + ".orders")).isEqualTo(4);
    }

    @Test
    void invalidEnvironmentNameSaysWhatIsAllowed() {
        SparkSession notebook = spark.newSession();
        notebook.sql("SET spark.veneer.environment=Feature-1");

        assertThatThrownBy(() -> notebook.sql("SELECT * FROM " + staging + ".orders"))
                .isInstanceOf(VeneerException.class)
                .hasMessageContaining("spark.veneer.environment is 'Feature-1'")
                .hasMessageContaining("lower-case");
    }

    @Test
    void redirectCostsAFewCatalogLookupsPerStatement() throws Exception {
        String sql = "SELECT * FROM %1$s.orders o JOIN %1$s.customers c ON o.customer_id = c.id WHERE o.id IN (SELECT order_id FROM %1$s.returns)"
                .formatted(staging);
        var devParser = ((org.apache.spark.sql.classic.SparkSession) session("dev")).sessionState().sqlParser();
        var prodParser = ((org.apache.spark.sql.classic.SparkSession) spark.newSession()).sessionState().sqlParser();
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            devParser.parsePlan(sql);
            prodParser.parsePlan(sql);
        }
        int statements = 200;
        long prodStart = System.nanoTime();
        for (int i = 0; i < statements; i++) {
            prodParser.parsePlan(sql);
        }
        long prodNanos = System.nanoTime() - prodStart;
        long devStart = System.nanoTime();
        String plan = "";
        for (int i = 0; i < statements; i++) {
            plan = devParser.parsePlan(sql).toString();
        }
        long devNanos = System.nanoTime() - devStart;

        assertThat(plan).contains(staging + "__dev, orders").contains(staging + "__dev, customers").contains(staging + ", returns");
        System.err.printf("parse of a statement reading 3 production names: prod session %.2f ms, dev session %.2f ms (mean of %d)%n",
                prodNanos / 1e6 / statements, devNanos / 1e6 / statements, statements);
    }

    private SparkSession session(String environment) {
        SparkSession session = spark.newSession();
        session.conf().set(VeneerSession.ENVIRONMENT_KEY, environment);
        return session;
    }

    private static long count(SparkSession session, String sql) {
        return ((Number) session.sql(sql).collectAsList().get(0).get(0)).longValue();
    }

    private static String value(SparkSession session, String sql) {
        return session.sql(sql).collectAsList().get(0).getString(0);
    }

    private interface Check<T> {
        void accept(T value);
    }

    /** Runs {@code action} with Veneer's log lines captured as {@code LEVEL message}, checks its result, returns the lines. */
    private static <T> String capturingLogs(Supplier<T> action, Check<T> check) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        StringWriter lines = new StringWriter();
        WriterAppender appender = WriterAppender.newBuilder()
                .setName("notebook-test")
                .setTarget(lines)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %msg%n").build())
                .build();
        appender.start();
        LoggerConfig config = context.getConfiguration().getLoggerConfig(EnvironmentParser.class.getName());
        config.addAppender(appender, Level.INFO, null);
        context.updateLoggers();
        try {
            check.accept(action.get());
        }
        finally {
            config.removeAppender(appender.getName());
            context.updateLoggers();
            appender.stop();
        }
        return lines.toString();
    }

    private static void veneer(Path project, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--project";
        all[1] = project.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        CliRunner.Result result = CliRunner.runRaw(all);
        if (result.exitCode() != 0) {
            throw new AssertionError("veneer " + String.join(" ", args) + " failed: " + result);
        }
    }

    private static void write(Path project, String relative, String content) {
        try {
            Path file = project.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
