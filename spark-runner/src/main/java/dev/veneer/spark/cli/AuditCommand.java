package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.SnapshotPayload;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.spark.apply.ApplyListener;
import dev.veneer.spark.apply.AuditRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Runs the audits of an environment's models on demand, against the tables the environment points
 * at, as the environment stores them (no project folder needed). Results are recorded in state, as
 * an apply's are. Exit status 1 when a blocking audit fails.
 */
@Command(name = "audit", sortOptions = false,
        description = "Run the audits of an environment's models on its tables; record and print what they find.")
final class AuditCommand implements Callable<Integer>, JsonOutput {
    @ParentCommand
    VeneerCli root;

    @Parameters(paramLabel = "MODEL", arity = "0..*", description = "Models to audit (default: every model with audits).")
    List<String> models = List.of();

    @Option(names = "--env", paramLabel = "ENV", defaultValue = EnvironmentName.PROD, description = "Environment (default: prod).")
    String environment;

    @Option(names = "--start", paramLabel = "DATE", converter = TimeConverter.class,
            description = "Check only the rows of incremental models from this time (UTC); default: all they hold.")
    Instant start;

    @Option(names = "--end", paramLabel = "DATE", converter = TimeConverter.class, description = "... and before this time (UTC).")
    Instant end;

    @Option(names = "--json", description = "Print the results as one JSON document on stdout.")
    boolean json;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        EnvironmentName.validate(environment);
        Instant now = Instant.now();
        try (CommandContext context = new CommandContext(root.project)) {
            StateStore state = context.state();
            EnvironmentRecord record = state.environment(environment).filter(found -> !found.isExpired(now))
                    .orElseThrow(() -> new VeneerException(ErrorCode.ENVIRONMENT_NOT_FOUND, "environment '" + environment
                            + "' does not exist or has expired; see 'veneer envs'"));
            List<SnapshotPointer> selected = select(record);
            Map<dev.veneer.catalog.state.SnapshotKey, StoredSnapshot> snapshots = state.snapshots(
                    selected.stream().map(SnapshotPointer::key).toList());
            Map<VersionKey, List<Interval>> intervals = state.intervals(selected.stream()
                    .map(pointer -> new VersionKey(pointer.model(), pointer.version())).toList());
            Optional<Interval> asked = asked(now);

            List<AuditRunner.Outcome> outcomes = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            AuditRunner runner = null;
            for (SnapshotPointer pointer : selected) {
                StoredSnapshot snapshot = snapshots.get(pointer.key());
                SnapshotPayload payload = snapshot == null ? null : SnapshotPayload.fromJson(snapshot.payload());
                if (payload == null || payload.audits().isEmpty()) {
                    if (!models.isEmpty()) {
                        skipped.add(pointer.model() + ": no audits");
                    }
                    continue;
                }
                List<Interval> held = intervals.getOrDefault(new VersionKey(pointer.model(), pointer.version()), List.of());
                ModelKind kind = ModelKind.valueOf(pointer.kind());
                Optional<Interval> range;
                if (kind == ModelKind.VIEW) {
                    range = Optional.empty();
                }
                else if (held.isEmpty()) {
                    skipped.add(pointer.model() + ": no data yet");
                    continue;
                }
                else {
                    Interval span = new Interval(held.get(0).start(), held.get(held.size() - 1).end());
                    range = kind.timeRanged() && asked.isPresent() ? Optional.of(asked.get()) : Optional.of(span);
                }
                if (runner == null) {
                    runner = new AuditRunner(context.spark(), state, environment, ApplyListener.silent(),
                            Clock.systemUTC());
                }
                outcomes.addAll(runner.check(new AuditRunner.Target(pointer.model().toString(), pointer.viewTarget(), pointer.kind(),
                        pointer.version(), payload.options(), range), now, payload.audits()));
            }
            boolean blockingFailed = outcomes.stream().anyMatch(outcome -> !outcome.passed() && outcome.audit().blocking());
            if (json) {
                printJson(outcomes, skipped, blockingFailed);
            }
            else {
                printText(outcomes, skipped);
            }
            return blockingFailed ? VeneerCli.USER_ERROR : 0;
        }
    }

    private List<SnapshotPointer> select(EnvironmentRecord record) {
        if (models.isEmpty()) {
            return List.copyOf(record.pointers().values());
        }
        List<SnapshotPointer> selected = new ArrayList<>();
        for (String name : models) {
            if (!ModelName.isValid(name)) {
                throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, name + " is not a model name; models are named schema.table");
            }
            selected.add(record.pointer(ModelName.parse(name)).orElseThrow(() -> new VeneerException(ErrorCode.MODEL_NOT_FOUND,
                    "environment '" + environment + "' has no model " + name + "; see 'veneer dag'")));
        }
        return selected;
    }

    private Optional<Interval> asked(Instant now) {
        if (start == null && end == null) {
            return Optional.empty();
        }
        Instant from = start != null ? start : Instant.EPOCH;
        Instant to = end != null ? end : now;
        if (!from.isBefore(to)) {
            throw new VeneerException(ErrorCode.PLAN_INVALID, "--start " + from + " is not before --end " + to + "; give a range with"
                    + " data in it");
        }
        return Optional.of(new Interval(from, to));
    }

    private void printText(List<AuditRunner.Outcome> outcomes, List<String> skipped) {
        if (outcomes.isEmpty()) {
            System.out.println("No audits to run in " + environment + (skipped.isEmpty() ? "." : " (" + String.join("; ", skipped) + ")."));
            return;
        }
        System.out.println("Audits of " + environment + ":");
        int width = outcomes.stream().mapToInt(outcome -> outcome.model().length() + outcome.audit().name().length()).max().orElse(0) + 2;
        for (AuditRunner.Outcome outcome : outcomes) {
            String label = outcome.model() + "  " + outcome.audit().name();
            String status = outcome.passed() ? "passed" : "FAILED  " + outcome.offendingRows() + " offending row"
                    + (outcome.offendingRows() == 1 ? "" : "s") + (outcome.audit().blocking() ? "" : " (non-blocking)");
            System.out.printf(Locale.ROOT, "  %-" + width + "s %s%n", label, status);
            outcome.sampleLines().forEach(line -> System.out.println("      " + line));
        }
        skipped.forEach(line -> System.out.println("  skipped " + line));
        long failed = outcomes.stream().filter(outcome -> !outcome.passed()).count();
        long blocking = outcomes.stream().filter(outcome -> !outcome.passed() && outcome.audit().blocking()).count();
        System.out.println("\n" + (outcomes.size() - failed) + " passed, " + failed + " failed" + (failed > 0 ? " (" + blocking + " blocking)" : "")
                + ".");
    }

    private void printJson(List<AuditRunner.Outcome> outcomes, List<String> skipped, boolean blockingFailed) {
        ObjectNode document = PlanFiles.mapper().createObjectNode();
        document.put("environment", environment);
        document.put("passed", !blockingFailed);
        ArrayNode results = document.putArray("results");
        for (AuditRunner.Outcome outcome : outcomes) {
            ObjectNode result = results.addObject();
            result.put("model", outcome.model());
            result.put("audit", outcome.audit().name());
            result.put("blocking", outcome.audit().blocking());
            result.put("passed", outcome.passed());
            result.put("offending_rows", outcome.offendingRows());
            result.set("range", outcome.range().<com.fasterxml.jackson.databind.JsonNode>map(range -> PlanFiles.mapper().valueToTree(range))
                    .orElse(null));
            ArrayNode sample = result.putArray("sample");
            for (List<String> row : outcome.sample()) {
                ObjectNode object = sample.addObject();
                for (int i = 0; i < outcome.columns().size(); i++) {
                    object.put(outcome.columns().get(i), row.get(i));
                }
            }
        }
        ArrayNode skippedNode = document.putArray("skipped");
        skipped.forEach(skippedNode::add);
        System.out.println(document.toPrettyString());
    }
}
