package dev.veneer.examples.bench;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.examples.generator.ColumnEdits;
import dev.veneer.examples.generator.ProjectGenerator;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.Category;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.ModelDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * How many children column-level categorization lets keep their tables that plain categorization
 * (every descendant of a breaking change rebuilt) would rebuild: a generated project deployed to prod
 * (in state only, no Spark), then N random single-column edits ({@link ColumnEdits}), each planned
 * against prod and reverted. Planner only. Not a test: a figure for BENCHMARKS.md.
 *
 * <pre>java … dev.veneer.examples.bench.ColumnCategorizationBenchmark [--models 1000] [--edits 100] [--seed 42]</pre>
 */
public final class ColumnCategorizationBenchmark {
    private ColumnCategorizationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int models = 1000;
        int edits = 100;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Integer.parseInt(args[++i]);
                case "--edits" -> edits = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("usage: ColumnCategorizationBenchmark [--models N] [--edits N] [--seed S]");
            }
        }
        Path dir = Files.createTempDirectory("veneer-column-bench-");
        Path project = dir.resolve("project");
        ProjectGenerator.generate(project, models, seed);
        Planner planner = Planner.withQueryCache();
        try (StateStore state = StateStores.open("jdbc:sqlite:" + dir.resolve("state.db"))) {
            deploy(state, planner.plan(planner.compile(project), state, PlanRequest.of("prod")));
            Random random = new Random(seed);
            long descendants = 0;
            long kept = 0;
            long keptTables = 0;
            int planned = 0;
            int confined = 0;
            long planNanos = 0;
            while (planned < edits) {
                CompiledProject compiled = planner.compile(project);
                List<ModelDefinition> parents = compiled.project().models().values().stream()
                        .filter(model -> !compiled.graph().children(model.name()).isEmpty()).toList();
                ModelDefinition target = parents.get(random.nextInt(parents.size()));
                Path file = project.resolve(target.path());
                String original = Files.readString(file, StandardCharsets.UTF_8);
                String edited = ColumnEdits.editOneColumn(original, target, random);
                if (edited == null) {
                    continue;
                }
                Files.writeString(file, edited, StandardCharsets.UTF_8);
                try {
                    long started = System.nanoTime();
                    PlanFile plan = planner.plan(planner.compile(project), state, PlanRequest.of("dev"));
                    planNanos += System.nanoTime() - started;
                    planned++;
                    long all = descendants(compiled, target.name());
                    long keep = plan.indirectlyModified().stream().filter(change -> change.category() == Category.INDIRECT_NON_BREAKING).count();
                    Set<String> builds = new HashSet<>();
                    plan.builds().forEach(step -> builds.add(step.model()));
                    keptTables += plan.indirectlyModified().stream().map(ModelChange::model).filter(model -> !builds.contains(model)).count();
                    descendants += all;
                    kept += keep;
                    if (plan.directlyModified().get(0).reason() != null) {
                        confined++;
                    }
                }
                finally {
                    Files.writeString(file, original, StandardCharsets.UTF_8);
                }
            }
            System.out.printf("models=%d edits=%d seed=%d: edits confined to columns %d/%d; descendants of the edited models %d "
                    + "(plain categorization rebuilds all); column-level keeps %d (%.1f%%), of which %d keep their physical table and %d "
                    + "are VIEWs re-created at no data cost; %.0f ms per plan (compile + plan, warm query cache)%n",
                    models, edits, seed, confined, planned, descendants, kept, descendants == 0 ? 0 : 100.0 * kept / descendants, keptTables,
                    kept - keptTables, planNanos / 1e6 / planned);
        }
    }

    private static long descendants(CompiledProject compiled, ModelName root) {
        Set<ModelName> seen = new HashSet<>();
        Deque<ModelName> queue = new ArrayDeque<>(compiled.graph().children(root));
        while (!queue.isEmpty()) {
            ModelName next = queue.poll();
            if (seen.add(next)) {
                queue.addAll(compiled.graph().children(next));
            }
        }
        return seen.size();
    }

    /** Records in state what applying the plan would (snapshots, environment), without building anything. */
    private static void deploy(StateStore state, PlanFile plan) {
        Instant now = Instant.now();
        state.bindProject(plan.project());
        state.saveSnapshots(plan.snapshots().stream().map(snapshot -> new StoredSnapshot(
                new SnapshotKey(ModelName.parse(snapshot.model()), snapshot.fingerprint()), snapshot.version(), snapshot.physicalTable(),
                snapshot.kind(), snapshot.tableFormat(), snapshot.dataHash(), snapshot.metadataHash(), snapshot.payload().toJson(), now)).toList());
        for (var step : plan.builds()) {
            String version = plan.environmentSnapshots().stream().filter(pointer -> pointer.physicalTable().equals(step.physicalTable()))
                    .map(PlanFile.PlannedPointer::version).findFirst().orElseThrow();
            state.recordBuilt(step.physicalTable(), ModelName.parse(step.model()), version);
            VersionKey key = new VersionKey(ModelName.parse(step.model()), version);
            step.intervals().forEach(interval -> state.recordInterval(key, interval));
        }
        List<SnapshotPointer> pointers = plan.environmentSnapshots().stream()
                .map(pointer -> new SnapshotPointer(ModelName.parse(pointer.model()), pointer.fingerprint(), pointer.version(),
                        pointer.physicalTable(), pointer.kind()))
                .toList();
        state.commitEnvironment(new EnvironmentRecord(plan.environment(), plan.planId(), plan.baseEnvironment(), pointers, now, now,
                plan.expiresAt(), false), plan.expectedPlanId());
        state.markFinalized(plan.environment(), plan.planId());
    }
}
