package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.planner.plan.PlanFile.BuildStep;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs build steps in dependency order, independent ones at once on a bounded pool.
 *
 * <p>Only as many steps as there are threads are handed to the pool; the rest wait here, so that
 * after the first failure nothing more starts while the running steps are allowed to finish
 * (a Spark job interrupted half-way would only leave a partial table to clean up).
 * Every callback runs on the calling thread, in completion order.
 */
final class BuildScheduler {
    /** Builds one step; runs on a pool thread. */
    interface StepAction {
        void build(BuildStep step) throws Exception;
    }

    /** What the scheduler reports, on the calling thread. */
    interface Events {
        void started(BuildStep step);

        /** May throw: then nothing more is scheduled and the exception is rethrown once the running steps end. */
        void succeeded(BuildStep step, Duration elapsed);

        void failed(BuildStep step, Throwable error, Duration elapsed);
    }

    record Failure(BuildStep step, Throwable error) {}

    private final int threads;

    BuildScheduler(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
    }

    /**
     * Builds every step of {@code graph} except the models in {@code done}, which count as finished.
     *
     * @return the first failure, if any; empty when every step succeeded
     */
    Optional<Failure> run(BuildGraph graph, Set<String> done, StepAction action, Events events) throws InterruptedException {
        requireNonNull(action, "action is null");
        requireNonNull(events, "events is null");
        Map<String, Integer> planOrder = new HashMap<>();
        graph.steps().keySet().forEach(model -> planOrder.put(model, planOrder.size()));
        PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing(planOrder::get));
        Map<String, Integer> waitingOn = new HashMap<>();
        graph.dependencies().forEach((model, parents) -> {
            if (!done.contains(model)) {
                int pending = (int) parents.stream().filter(parent -> !done.contains(parent)).count();
                waitingOn.put(model, pending);
                if (pending == 0) {
                    ready.add(model);
                }
            }
        });
        Map<String, List<String>> dependents = graph.dependents();

        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, waitingOn.size())), daemonThreads());
        CompletionService<Finished> completion = new ExecutorCompletionService<>(pool);
        Failure firstFailure = null;
        RuntimeException callbackError = null;
        int running = 0;
        try {
            while (true) {
                while (firstFailure == null && callbackError == null && running < threads && !ready.isEmpty()) {
                    BuildStep step = graph.steps().get(ready.poll());
                    events.started(step);
                    completion.submit(() -> timed(step, action));
                    running++;
                }
                if (running == 0) {
                    break;
                }
                Finished finished = takeResult(completion);
                running--;
                if (finished.error() != null) {
                    events.failed(finished.step(), finished.error(), finished.elapsed());
                    if (firstFailure == null) {
                        firstFailure = new Failure(finished.step(), finished.error());
                    }
                    continue;
                }
                try {
                    events.succeeded(finished.step(), finished.elapsed());
                }
                catch (RuntimeException e) {
                    if (callbackError == null) {
                        callbackError = e;
                    }
                    continue;
                }
                for (String child : dependents.get(finished.step().model())) {
                    if (waitingOn.merge(child, -1, Integer::sum) == 0) {
                        ready.add(child);
                    }
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
        if (callbackError != null) {
            throw callbackError;
        }
        return Optional.ofNullable(firstFailure);
    }

    private record Finished(BuildStep step, Duration elapsed, Throwable error) {}

    private static Finished timed(BuildStep step, StepAction action) {
        long start = System.nanoTime();
        try {
            action.build(step);
            return new Finished(step, Duration.ofNanos(System.nanoTime() - start), null);
        }
        catch (Throwable e) {
            return new Finished(step, Duration.ofNanos(System.nanoTime() - start), e);
        }
    }

    private static Finished takeResult(CompletionService<Finished> completion) throws InterruptedException {
        try {
            return completion.take().get();
        }
        catch (ExecutionException e) {
            // timed() catches everything; reaching here is a bug in this class
            throw new IllegalStateException("build task escaped its error handling", e.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "veneer-build-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
