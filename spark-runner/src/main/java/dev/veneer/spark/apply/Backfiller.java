package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.spark.apply.ApplyListener.ModelProgress;
import dev.veneer.spark.apply.ApplyListener.ModelProgress.Outcome;
import dev.veneer.spark.apply.ApplyResult.BuiltModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes build steps in dependency order, independent models at once, with progress: what both
 * {@code apply} and {@code run} do with their steps. A step state says is complete is reported as
 * reused and not run again.
 */
public final class Backfiller {
    private static final Logger log = LoggerFactory.getLogger(Backfiller.class);

    public record Builds(List<BuiltModel> built, List<String> reused, Duration elapsed) {
        static final Builds NONE = new Builds(List.of(), List.of(), Duration.ZERO);
    }

    private final PhysicalLayer physicalLayer;
    private final StateStore state;
    private final ApplyListener listener;
    private final ApplyOptions options;

    Backfiller(PhysicalLayer physicalLayer, StateStore state, ApplyListener listener, ApplyOptions options) {
        this.physicalLayer = requireNonNull(physicalLayer, "physicalLayer is null");
        this.state = requireNonNull(state, "state is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * @param versions model to the version its step materializes
     * @param buildFailed the error for a step that failed with a Spark or state error
     * @param schemasFailed the error when the physical schemas cannot be created
     */
    Builds run(List<BuildStep> steps, Map<String, String> versions, Instant executionTime, String environment,
            BiFunction<BuildStep, Throwable, VeneerException> buildFailed, Function<Throwable, VeneerException> schemasFailed) {
        long start = System.nanoTime();
        BuildGraph graph = BuildGraph.of(steps, cycle -> new IllegalArgumentException("cycle among build steps: " + cycle));
        Set<String> builtTables = state.builtTables(steps.stream().map(BuildStep::physicalTable).toList());
        Map<VersionKey, List<Interval>> stored = state.intervals(steps.stream().map(step -> key(step, versions)).toList());
        Progress progress = new Progress(steps.size());

        Set<String> done = new HashSet<>();
        List<String> reused = new ArrayList<>();
        List<BuildStep> toBuild = new ArrayList<>();
        for (BuildStep step : steps) {
            if (StepRunner.isComplete(step, stored.getOrDefault(key(step, versions), List.of()), builtTables)) {
                done.add(step.model());
                reused.add(step.model());
                listener.modelFinished(progress.next(step, Outcome.REUSED, Duration.ZERO));
            }
            else {
                toBuild.add(step);
            }
        }
        if (toBuild.isEmpty()) {
            return new Builds(List.of(), reused, Duration.ofNanos(System.nanoTime() - start));
        }
        try {
            physicalLayer.createSchemas(toBuild);
        }
        catch (RuntimeException e) {
            throw schemasFailed.apply(e);
        }

        List<BuiltModel> built = new ArrayList<>();
        Optional<BuildScheduler.Failure> failure;
        try (Leases leases = new Leases(state)) {
            StepRunner runner = new StepRunner(physicalLayer.spark(), state, leases, executionTime, batchEvents(),
                    new AuditRunner(physicalLayer.spark(), state, environment, listener, options.clock()));
            failure = new BuildScheduler(options.buildThreads()).run(graph, done, step -> SparkJobCounter.tagged(physicalLayer.spark(),
                            step.model(), () -> runner.run(step, versions.get(step.model()))),
                    new BuildScheduler.Events() {
                        @Override
                        public void started(BuildStep step) {
                            listener.modelStarted(step.model(), step.physicalTable());
                        }

                        @Override
                        public void succeeded(BuildStep step, Duration elapsed) {
                            FaultInjection.reached("after-build:" + step.model());
                            built.add(new BuiltModel(step.model(), step.physicalTable(), elapsed));
                            listener.modelFinished(progress.next(step, Outcome.BUILT, elapsed));
                        }

                        @Override
                        public void failed(BuildStep step, Throwable error, Duration elapsed) {
                            log.debug("model {} failed to build", step.model(), error);
                            listener.modelFinished(progress.next(step, Outcome.FAILED, elapsed));
                        }
                    });
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw buildFailed.apply(toBuild.get(0), e);
        }
        if (failure.isPresent()) {
            Throwable error = failure.get().error();
            throw error instanceof VeneerException veneer ? veneer : buildFailed.apply(failure.get().step(), error);
        }
        return new Builds(built, reused, Duration.ofNanos(System.nanoTime() - start));
    }

    private static VersionKey key(BuildStep step, Map<String, String> versions) {
        return new VersionKey(ModelName.parse(step.model()), versions.get(step.model()));
    }

    private StepRunner.BatchEvents batchEvents() {
        return new StepRunner.BatchEvents() {
            @Override
            public void batchFinished(BuildStep step, int index, long total, Interval batch, Duration elapsed) {
                listener.batchFinished(step.model(), index, total, batch, elapsed);
            }

            @Override
            public void waitingForLease(BuildStep step, String holder) {
                listener.waitingForLease(step.model(), step.physicalTable(), holder);
            }
        };
    }

    /** Counts models as they finish, for "[3/7]" progress lines. Used on the applying thread only. */
    private static final class Progress {
        private final int total;
        private int position;

        Progress(int total) {
            this.total = total;
        }

        ModelProgress next(BuildStep step, Outcome outcome, Duration elapsed) {
            position++;
            return new ModelProgress(position, total, step.model(), step.physicalTable(), outcome, elapsed);
        }
    }
}
