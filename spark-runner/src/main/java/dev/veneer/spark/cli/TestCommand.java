package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.unittest.ModelTest;
import dev.veneer.planner.unittest.ModelTestReader;
import dev.veneer.spark.unittest.UnitTestRunner.Result;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Runs the unit tests of {@code tests/*.yaml} in one local SparkSession; exit status 1 when one fails. */
@Command(name = "test", sortOptions = false, description = "Run the unit tests of tests/*.yaml (no real data needed).")
final class TestCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Option(names = {"--match", "-k"}, paramLabel = "PATTERN",
            description = "Only tests whose name contains PATTERN, or matches it as a glob (test_*_revenue).")
    String match;

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            List<ModelTest> tests = ModelTestReader.read(context.compiled().project()).stream().filter(this::matches).toList();
            if (tests.isEmpty()) {
                String none = "No unit tests" + (match == null ? " in " + ModelTestReader.FOLDER + "/" : " match '" + match + "'") + ".";
                if (json) {
                    System.out.println(document(List.of()).toPrettyString());
                }
                else {
                    System.out.println(none);
                }
                return 0;
            }
            context.spark(); // started before the clock: "Ran N tests in" times the tests alone
            long started = System.nanoTime();
            if (!json) {
                System.out.println("Running " + tests.size() + " unit test" + (tests.size() == 1 ? "" : "s") + ":");
            }
            List<Result> results = UnitTests.run(context, tests, json ? null : System.out);
            if (json) {
                System.out.println(document(results).toPrettyString());
            }
            else {
                System.out.println(UnitTests.summary(results, (System.nanoTime() - started) / 1e9));
            }
            return UnitTests.failures(results) == 0 ? 0 : VeneerCli.USER_ERROR;
        }
    }

    private boolean matches(ModelTest test) {
        if (match == null) {
            return true;
        }
        if (test.name().contains(match)) {
            return true;
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + match);
        return glob.matches(Path.of(test.name()));
    }

    private static ObjectNode document(List<Result> results) {
        ObjectNode document = PlanFiles.mapper().createObjectNode();
        document.put("passed", UnitTests.failures(results) == 0);
        ArrayNode tests = document.putArray("tests");
        for (Result result : results) {
            ObjectNode test = tests.addObject();
            test.put("name", result.test().name());
            test.put("model", result.test().model().toString());
            test.put("location", result.test().location().toString());
            test.put("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
            test.put("message", result.message());
            test.put("seconds", result.elapsed().toMillis() / 1000.0);
        }
        return document;
    }
}
