package dev.veneer.examples;

import dev.veneer.spark.VeneerSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A notebook in a JVM of its own, for tests: a SparkSession made from the {@code spark.*} system
 * properties its cluster gives it, then each argument {@code session|statement} run in the named
 * session ({@code spark.newSession()} on first use), printing {@code session|statement => first value}
 * or {@code => ERROR message} (and goes on). A statement {@code use:ENV} calls {@link VeneerSession#use}.
 */
public final class NotebookProbe {
    private NotebookProbe() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().getOrCreate();
        Map<String, SparkSession> sessions = new HashMap<>();
        for (String arg : args) {
            int bar = arg.indexOf('|');
            String name = arg.substring(0, bar);
            String statement = arg.substring(bar + 1);
            SparkSession session = sessions.computeIfAbsent(name, key -> spark.newSession());
            String answer;
            try {
                if (statement.startsWith("use:")) {
                    VeneerSession.use(session, statement.substring("use:".length()));
                    answer = "ok";
                }
                else {
                    List<Row> rows = session.sql(statement).collectAsList();
                    answer = rows.isEmpty() || rows.get(0).size() == 0 ? "(none)" : String.valueOf(rows.get(0).get(0));
                }
            }
            catch (RuntimeException e) {
                answer = "ERROR " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
            System.out.println(arg + " => " + answer);
        }
        spark.stop();
    }
}
