package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.spark.cli.VeneerCli;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** README command 1: the whole walkthrough through the real CLI on the TPC-H example. */
@ExtendWith(SharedSparkSession.class)
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void walksThroughProdDevPromotionAndRollback() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = VeneerCli.run("demo", "--dir", tmp.resolve("demo").toString());
        }
        finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.println(output);

        assertThat(status).isZero();
        assertThat(output)
                .contains("staging.orders  BREAKING")
                .contains("marts.order_revenue  INDIRECT_BREAKING")
                .contains("staging.customers  NON_BREAKING")
                .contains("Nothing to compute")
                .contains("total");
        // The dev edit drops partially shipped orders: dev has fewer rows than prod, then promotion and rollback.
        assertThat(section(output, "=== 2.")).containsPattern("Row counts in dev:\\s+staging.orders\\s+14,637");
        assertThat(section(output, "=== 4.")).containsPattern("Row counts in prod:\\s+staging.orders\\s+14,637");
        assertThat(section(output, "=== 5.")).containsPattern("Row counts in prod:\\s+staging.orders\\s+15,000");
    }

    private static String section(String output, String start) {
        int from = output.indexOf(start);
        int to = output.indexOf("=== ", from + start.length());
        return output.substring(from, to < 0 ? output.length() : to);
    }
}
