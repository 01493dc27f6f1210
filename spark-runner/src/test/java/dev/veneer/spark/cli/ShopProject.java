package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The small "shop" project of {@code src/test/resources/projects/shop}, copied to a folder of its
 * own, with its raw tables loaded into the shared SparkSession.
 */
final class ShopProject {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final CliRunner cli;
    final SparkSession spark;

    private ShopProject(Path dir, SparkSession spark) {
        this.dir = dir;
        this.cli = new CliRunner(dir);
        this.spark = spark;
    }

    static ShopProject create(Path parent, SparkSession spark) {
        Path dir = parent.resolve("shop");
        copyTree(fixture("shop"), dir);
        dropAllSchemas(spark);
        spark.sql("CREATE SCHEMA IF NOT EXISTS raw");
        spark.sql("CREATE TABLE raw.orders (id BIGINT, customer_id BIGINT, amount DOUBLE, status STRING) USING delta");
        spark.sql("""
                INSERT INTO raw.orders VALUES
                  (1, 1, 50.0, 'paid'), (2, 1, 150.0, 'paid'), (3, 2, 200.0, 'paid'),
                  (4, 3, 20.0, 'refunded'), (5, 3, 120.0, 'paid')""");
        spark.sql("CREATE TABLE raw.customers (id BIGINT, name STRING, country STRING) USING delta");
        spark.sql("INSERT INTO raw.customers VALUES (1, 'Ann', 'FR'), (2, 'Bob', 'DE'), (3, 'Cid', 'FR')");
        return new ShopProject(dir, spark);
    }

    /** Another fixture project under {@code projects/}, copied, on an empty metastore; its raw data is the caller's. */
    static ShopProject fixtureProject(Path parent, String name, SparkSession spark) {
        Path dir = parent.resolve(name);
        copyTree(fixture(name), dir);
        dropAllSchemas(spark);
        return new ShopProject(dir, spark);
    }

    /**
     * Every test starts from an empty metastore: prod views of one test must not leak into the next.
     * Iceberg tables are dropped through their own catalog first: dropped only by the schema's
     * CASCADE, the Iceberg catalog's table cache would keep them, and a later test building a table
     * of the same name would read the dropped table's metadata.
     */
    static void dropAllSchemas(SparkSession spark) {
        List<Row> schemas = spark.sql("SHOW SCHEMAS").collectAsList();
        for (Row row : schemas) {
            String schema = row.getString(0);
            if (!schema.equals("default")) {
                String iceberg = SharedSparkSession.ICEBERG_CATALOG + ".`" + schema + "`";
                for (Row table : spark.sql("SHOW TABLES IN " + iceberg).collectAsList()) {
                    spark.sql("DROP TABLE IF EXISTS " + iceberg + ".`" + table.getString(1) + "`");
                }
                spark.sql("DROP SCHEMA IF EXISTS `" + schema + "` CASCADE");
            }
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(ShopProject.class.getResource("/projects/" + name).toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(source, target);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CliRunner.Result veneer(String... args) {
        return cli.run(args);
    }

    /** Runs a command that must succeed. */
    CliRunner.Result ok(String... args) {
        CliRunner.Result result = cli.run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("veneer " + String.join(" ", args) + " failed: " + result);
        }
        return result;
    }

    JsonNode json(String... args) {
        try {
            return JSON.readTree(ok(args).stdout());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String relative, String content) {
        try {
            Files.createDirectories(dir.resolve(relative).getParent());
            Files.writeString(dir.resolve(relative), content, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void edit(String relative, String from, String to) {
        String content = read(relative);
        if (!content.contains(from)) {
            throw new IllegalArgumentException(relative + " does not contain: " + from);
        }
        write(relative, content.replace(from, to));
    }

    String tableName(String model, String environment) {
        return ok("table-name", model, "--env", environment).stdout().strip();
    }

    long count(String sql) {
        return spark.sql(sql).collectAsList().get(0).getLong(0);
    }

    List<Row> rows(String sql) {
        return spark.sql(sql).collectAsList();
    }

    /** The views of the metastore in one schema, sorted. */
    List<String> views(String schema) {
        if (spark.sql("SHOW SCHEMAS LIKE '" + schema + "'").isEmpty()) {
            return List.of();
        }
        return spark.sql("SHOW VIEWS IN " + schema).collectAsList().stream()
                .map(row -> row.getString(1))
                .sorted()
                .toList();
    }

    /** What a user sees of the lakehouse's virtual layer: every view and its definition. */
    String viewDefinitions() {
        StringBuilder out = new StringBuilder();
        for (Row schemaRow : spark.sql("SHOW SCHEMAS").collectAsList()) {
            String schema = schemaRow.getString(0);
            for (String view : views(schema)) {
                String text = spark.sql("SHOW CREATE TABLE `" + schema + "`.`" + view + "`").collectAsList().get(0).getString(0);
                out.append(schema).append('.').append(view).append(": ").append(text).append('\n');
            }
        }
        return out.toString();
    }
}
