package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.spark.docs.DocsModel;
import dev.veneer.spark.docs.DocsModelReader;
import dev.veneer.spark.docs.DocsServer;
import dev.veneer.spark.docs.DocsSite;
import dev.veneer.spark.docs.PlanSite;
import dev.veneer.spark.docs.SiteWriter;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "docs", sortOptions = false,
        description = "A browsable site of the project: models, DAG, environments against prod, lineage, plans.",
        subcommands = {DocsCommand.Generate.class, DocsCommand.Serve.class, DocsCommand.Plan.class},
        footer = {
            "",
            "Examples:",
            "  veneer docs generate --out site            then open site/index.html (no server needed)",
            "  veneer docs generate --env dev --out site  prod and dev only",
            "  veneer docs serve --port 8080              the same pages, read again on every reload",
            "  veneer docs plan plan.json --out plan-site a plan file drawn as a DAG"
        })
final class DocsCommand implements Callable<Integer> {
    @ParentCommand
    VeneerCli root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: docs generate, docs serve or docs plan");
    }

    /** Reads the project and state into the site's model. */
    static DocsSite site(CommandContext context, List<String> environments) {
        DocsModel model = new DocsModelReader(context.compiled(), context.stateForReading(), context.planner().parser(),
                new StateCheckResults(context.compiled().project(), context.stateForReading()))
                .read(environments, Instant.now());
        return new DocsSite(model);
    }

    static void printWritten(SiteWriter.Written written, boolean json, String what) {
        if (json) {
            ObjectNode document = PlanFiles.mapper().createObjectNode();
            document.put("out", written.folder().toString());
            document.put("index", written.folder().resolve("index.html").toString());
            document.put("files", written.files());
            document.put("bytes", written.bytes());
            System.out.println(document.toPrettyString());
            return;
        }
        System.out.printf(Locale.ROOT, "Wrote %s: %d files, %.1f MB, in %s%nOpen %s in a browser (no server needed).%n", what,
                written.files(), written.bytes() / 1e6, written.folder(), written.folder().resolve("index.html"));
    }

    @Command(name = "generate", sortOptions = false, description = "Write the site as static files (open DIR/index.html from disk).")
    static final class Generate extends JsonCommand {
        @ParentCommand
        DocsCommand docs;

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "Folder to write the site into: new, empty, or a site written before (replaced as a whole).")
        Path out;

        @Option(names = "--env", paramLabel = "ENV", arity = "1..*",
                description = "Environments to show (default: every environment that has not expired).")
        List<String> environments = List.of();

        @Override
        public Integer call() {
            long started = System.nanoTime();
            SiteWriter.check(out);
            try (CommandContext context = new CommandContext(docs.root.project)) {
                DocsSite site = site(context, environments);
                site.model().lineage().analyzeAll();
                SiteWriter.Written written = SiteWriter.write(site, out);
                printWritten(written, json, "the docs of " + site.model().models().size() + " models and "
                        + site.model().environments().size() + " environments");
                System.err.printf(Locale.ROOT, "docs generated in %.1f s%n", (System.nanoTime() - started) / 1e9);
                return 0;
            }
        }
    }

    @Command(name = "serve", sortOptions = false,
            description = "Serve the site over HTTP; every page reload reads the project and state again.")
    static final class Serve implements Callable<Integer> {
        @ParentCommand
        DocsCommand docs;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port to listen on (default: 8080).")
        int port;

        @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
                description = "Address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for every interface).")
        String host;

        @Option(names = "--env", paramLabel = "ENV", arity = "1..*",
                description = "Environments to show (default: every environment that has not expired).")
        List<String> environments = List.of();

        @Override
        public Integer call() throws InterruptedException {
            // the first read checks the project, the state and --env before the port opens
            try (CommandContext first = new CommandContext(docs.root.project)) {
                site(first, environments);
            }
            Path project = docs.root.project;
            try (DocsServer server = DocsServer.start(host, port, () -> {
                try (CommandContext context = new CommandContext(project)) {
                    return site(context, environments);
                }
            }, error -> System.err.println("error: " + (error instanceof dev.veneer.catalog.VeneerException veneer ? veneer.describe() : error)))) {
                System.out.println("Serving the docs of " + project.toAbsolutePath().normalize() + " at " + server.uri());
                System.out.println("Every reload reads the project and state again. Stop with Ctrl-C.");
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }

    @Command(name = "plan", sortOptions = false, description = "Draw a plan file: its DAG marked by change, the intervals to compute, the SQL diffs.")
    static final class Plan extends JsonCommand {
        @ParentCommand
        DocsCommand docs;

        @Parameters(index = "0", paramLabel = "PLAN_FILE", description = "A plan written by 'veneer plan ENV --out FILE'.")
        Path planFile;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Folder to write the page into (default: beside the plan file, named after it: plan.json -> plan-docs).")
        Path out;

        @Override
        public Integer call() {
            Path folder = out != null ? out : defaultFolder(planFile);
            SiteWriter.check(folder);
            PlanFile plan = PlanFiles.read(planFile);
            SiteWriter.Written written = SiteWriter.write(new PlanSite(plan, Instant.now()), folder);
            printWritten(written, json, "plan " + plan.planId() + " for " + plan.environment());
            return 0;
        }

        static Path defaultFolder(Path planFile) {
            String name = planFile.getFileName().toString();
            String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
            Path parent = planFile.toAbsolutePath().getParent();
            return parent.resolve(base + "-docs");
        }
    }
}
