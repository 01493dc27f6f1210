package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.project.DurationText;
import dev.veneer.planner.project.ProjectConfig;
import dev.veneer.spark.janitor.Janitor;
import dev.veneer.spark.janitor.JanitorAction;
import dev.veneer.spark.janitor.JanitorOptions;
import dev.veneer.spark.janitor.JanitorReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

@Command(name = "janitor", sortOptions = false,
        description = {"Remove expired environments (views, view schemas, records), then the physical tables no live",
            "environment and no unexpired snapshot uses. Never touches prod or a live environment."})
final class JanitorCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Option(names = "--dry-run", description = "Print what would be dropped; drop nothing.")
    boolean dryRun;

    @Option(names = "--ignore-ttl", description = "Also drop tables whose snapshots have not expired yet (snapshot_ttl), if no live environment uses them.")
    boolean ignoreTtl;

    @Option(names = "--sweep-orphans", description = "Also drop tables in Veneer's physical schemas that state does not know, older than the grace period.")
    boolean sweepOrphans;

    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "6h",
            description = "Never drop a table an apply used, or an unknown table created, this recently (default: ${DEFAULT-VALUE}); longer than your longest apply.")
    Duration grace;

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            ProjectConfig config = context.config();
            JanitorOptions options = new JanitorOptions(ignoreTtl, dryRun, sweepOrphans, context.lifecycle().snapshotTtl(), grace, Instant.now());
            context.state().bindProject(config.name());
            JanitorReport report = new Janitor(context.spark(), context.state(), config.physicalSchemaPrefix(), config.icebergCatalog()).run(options);
            if (json) {
                System.out.println(toJson(report).toPrettyString());
            }
            else {
                report.actions().forEach(action -> System.out.println(lineOf(action)));
                System.out.println((dryRun ? "Dry run: " : "Janitor: ") + report.summary() + String.format(Locale.ROOT, " (%.1f s).", report.elapsed().toMillis() / 1e3));
            }
            if (!report.failures().isEmpty()) {
                System.err.println("error: the janitor could not drop " + report.failures().size() + " objects (listed as 'failed');"
                        + " they stay in state: fix the cause and run 'veneer janitor' again");
                return VeneerCli.USER_ERROR;
            }
            return 0;
        }
    }

    private static String lineOf(JanitorAction action) {
        return String.format("%-11s %-13s %s (%s)", action.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                action.subject().name().toLowerCase(Locale.ROOT).replace('_', ' '), action.name(), action.reason());
    }

    private static ObjectNode toJson(JanitorReport report) {
        ObjectNode document = PlanFiles.mapper().createObjectNode();
        document.put("dry_run", report.dryRun());
        document.put("elapsed_ms", report.elapsed().toMillis());
        document.put("summary", report.summary());
        document.put("failures", report.failures().size());
        ArrayNode actions = document.putArray("actions");
        for (JanitorAction action : report.actions()) {
            actions.addObject()
                    .put("subject", action.subject().name())
                    .put("name", action.name())
                    .put("outcome", action.outcome().name())
                    .put("reason", action.reason());
        }
        return document;
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a duration; write one such as " + DurationText.EXAMPLES));
        }
    }
}
