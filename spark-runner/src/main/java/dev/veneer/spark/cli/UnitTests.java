package dev.veneer.spark.cli;

import dev.veneer.planner.unittest.ModelTest;
import dev.veneer.spark.unittest.UnitTestRunner;
import dev.veneer.spark.unittest.UnitTestRunner.Result;
import dev.veneer.spark.unittest.UnitTestRunner.Status;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs unit tests in the command's SparkSession and prints them, one line each, for {@code test} and {@code plan}. */
final class UnitTests {
    private UnitTests() {}

    static List<Result> run(CommandContext context, List<ModelTest> tests, PrintStream out) {
        UnitTestRunner runner = new UnitTestRunner(context.spark(), context.compiled().project());
        List<Result> results = new ArrayList<>();
        for (ModelTest test : tests) {
            Result result = runner.run(test);
            results.add(result);
            if (out != null) {
                print(result, out);
            }
        }
        return results;
    }

    static void print(Result result, PrintStream out) {
        String status = switch (result.status()) {
            case PASSED -> "PASS ";
            case FAILED -> "FAIL ";
            case ERROR -> "ERROR";
        };
        out.printf(Locale.ROOT, "  %s %s  (%s, %s)  %.1f s%n", status, result.test().name(), result.test().model(),
                result.test().location(), result.elapsed().toMillis() / 1000.0);
        result.message().lines().forEach(line -> out.println("      " + line));
    }

    static long failures(List<Result> results) {
        return results.stream().filter(result -> result.status() != Status.PASSED).count();
    }

    static String summary(List<Result> results, double seconds) {
        long passed = results.stream().filter(result -> result.status() == Status.PASSED).count();
        long failed = results.stream().filter(result -> result.status() == Status.FAILED).count();
        long errors = results.stream().filter(result -> result.status() == Status.ERROR).count();
        return String.format(Locale.ROOT, "Ran %d test%s in %.1f s: %d passed, %d failed, %d error%s.", results.size(),
                results.size() == 1 ? "" : "s", seconds, passed, failed, errors, errors == 1 ? "" : "s");
    }
}
