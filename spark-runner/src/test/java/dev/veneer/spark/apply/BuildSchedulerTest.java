package dev.veneer.spark.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.plan.PlanFile.BuildStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BuildSchedulerTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void buildsParentsBeforeChildren() throws InterruptedException {
        BuildGraph graph = graph(step("s.a"), step("s.b", "s.a"), step("s.c", "s.b"), step("s.d", "s.a"));

        Optional<BuildScheduler.Failure> failure = new BuildScheduler(4).run(graph, Set.of(), s -> events.add(s.model()), recorder());

        assertThat(failure).isEmpty();
        assertThat(events.indexOf("s.a")).isLessThan(events.indexOf("s.b"));
        assertThat(events.indexOf("s.b")).isLessThan(events.indexOf("s.c"));
        assertThat(events.indexOf("s.a")).isLessThan(events.indexOf("s.d"));
    }

    @Test
    void independentModelsBuildAtTheSameTime() throws InterruptedException {
        CountDownLatch bothRunning = new CountDownLatch(2);
        BuildGraph graph = graph(step("s.a"), step("s.b"));

        Optional<BuildScheduler.Failure> failure = new BuildScheduler(2).run(graph, Set.of(), s -> {
            bothRunning.countDown();
            if (!bothRunning.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other model never started");
            }
        }, recorder());

        assertThat(failure).isEmpty();
    }

    @Test
    void afterAFailureNothingNewStartsAndRunningBuildsFinish() throws InterruptedException {
        // s.slow is still running when the scheduler learns of s.bad's failure: it ends only after the failure is reported
        CountDownLatch failureReported = new CountDownLatch(1);
        BuildGraph graph = graph(step("s.slow"), step("s.bad"), step("s.child", "s.slow"), step("s.other"));

        Optional<BuildScheduler.Failure> failure = new BuildScheduler(2).run(graph, Set.of(), s -> {
            switch (s.model()) {
                case "s.bad" -> throw new IllegalStateException("boom");
                case "s.slow" -> failureReported.await(10, TimeUnit.SECONDS);
                default -> { }
            }
        }, recorder(failureReported));

        assertThat(failure).hasValueSatisfying(f -> assertThat(f.step().model()).isEqualTo("s.bad"));
        assertThat(events).containsExactlyInAnyOrder("started s.slow", "started s.bad", "failed s.bad", "built s.slow");
    }

    @Test
    void modelsAlreadyBuiltCountAsDone() throws InterruptedException {
        BuildGraph graph = graph(step("s.a"), step("s.b", "s.a"));

        new BuildScheduler(1).run(graph, Set.of("s.a"), s -> { }, recorder());

        assertThat(events).containsExactly("started s.b", "built s.b");
    }

    private BuildScheduler.Events recorder() {
        return recorder(new CountDownLatch(1));
    }

    private BuildScheduler.Events recorder(CountDownLatch onFailure) {
        return new BuildScheduler.Events() {
            @Override
            public void started(BuildStep step) {
                events.add("started " + step.model());
            }

            @Override
            public void succeeded(BuildStep step, Duration elapsed) {
                events.add("built " + step.model());
            }

            @Override
            public void failed(BuildStep step, Throwable error, Duration elapsed) {
                events.add("failed " + step.model());
                onFailure.countDown();
            }
        };
    }

    private static BuildGraph graph(BuildStep... steps) {
        return BuildGraph.of(List.of(steps), cycle -> new IllegalStateException(cycle));
    }

    static BuildStep step(String model, String... dependsOn) {
        return new BuildStep(model, "spark_catalog.veneer__s." + model.replace('.', '_'), "FULL", "delta", "SELECT 1", List.of(), List.of(dependsOn));
    }
}
