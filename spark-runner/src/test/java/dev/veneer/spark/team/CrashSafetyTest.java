package dev.veneer.spark.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies killed at every step (DESIGN.md step 9), in real processes: with the test-only property
 * {@code veneer.test.crash-at} the child JVM halts at that point as SIGKILL would, and two more are
 * killed with SIGKILL at random times. Prod's views and record stay as they were, re-applying each
 * plan converges without redoing a finished build, and the janitor finds no orphan afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashSafetyTest {
    /** Crash points of a dev apply; the five builds run in the order a, b, c, (d, e). */
    static final List<String> POINTS = List.of(
            "during-build:staging.b",
            "after-build:staging.a",
            "after-build:marts.c",
            "before-commit",
            "after-commit",
            "after-view:staging__crash6.a",
            "before-finalize");
    static final int RANDOM_KILLS = 2;

    @TempDir
    static Path tmp;

    TeamLakehouse team;

    @AfterAll
    void dropLakehouse() {
        if (team != null) {
            team.close();
        }
    }

    @Test
    void applyKilledAtAnyPointLeavesProdAsItWasAndReapplyingConverges() throws Exception {
        team = TeamLakehouse.create(tmp);
        Path prodProject = team.project("prod", 0);
        team.veneer("prod", prodProject, List.of(), "plan", "prod", "--auto-apply").ok();
        Map<String, String> prodViews = team.prodViews();
        EnvironmentRecord prodBefore = environment("prod").orElseThrow();

        // one plan per crash, each with its own versions, all made before anything crashes
        Map<String, Path> plans = new LinkedHashMap<>();
        for (int i = 0; i < POINTS.size() + RANDOM_KILLS; i++) {
            plans.put("crash" + i, plan(team.project("crash" + i, 1000 + i), "crash" + i));
        }
        Path prodPlan = plan(team.project("prod_next", 500), "prod");

        List<TeamLakehouse.Child> crashing = new ArrayList<>();
        for (int i = 0; i < POINTS.size(); i++) {
            crashing.add(team.veneer("crash" + i, team.root.resolve("crash" + i),
                    List.of("-Dveneer.test.crash-at=" + POINTS.get(i).replace("crash6", "crash" + i)),
                    "apply", plans.get("crash" + i).toString()));
            if (crashing.size() == 3) {
                awaitCrashes(crashing);
            }
        }
        crashing.add(team.veneer("prod_crash", team.root.resolve("prod_next"), List.of("-Dveneer.test.crash-at=before-commit"),
                "apply", prodPlan.toString()));
        awaitCrashes(crashing);
        Random random = new Random(42);
        for (int i = POINTS.size(); i < POINTS.size() + RANDOM_KILLS; i++) {
            TeamLakehouse.Child child = team.veneer("crash" + i, team.root.resolve("crash" + i), List.of(), "apply", plans.get("crash" + i).toString());
            // SIGKILL between the Spark start and the end of the builds: timed from the child's own
            // "session started" line, not from its launch, which takes what the machine gives it
            awaitSparkStarted(child);
            Thread.sleep(random.nextInt(2_000));
            assertThat(child.process().isAlive()).as("still applying when killed: " + child.output()).isTrue();
            child.process().destroyForcibly();
            child.await();
        }

        assertThat(team.prodViews()).as("prod's views after every crash").isEqualTo(prodViews);
        assertThat(environment("prod")).as("prod's record after every crash").contains(prodBefore);
        assertThat(environment("crash" + POINTS.indexOf("before-commit"))).as("not committed").isEmpty();
        assertThat(environment("crash" + POINTS.indexOf("after-commit")).orElseThrow().finalized()).isFalse();
        Set<String> builtAfterCrashes = builtTables();
        String afterBuildA = PlanFiles.read(plans.get("crash" + POINTS.indexOf("after-build:staging.a"))).builds().get(0).physicalTable();
        assertThat(builtAfterCrashes).contains(afterBuildA);

        List<String> batch = new ArrayList<>();
        plans.forEach((environment, plan) -> batch.addAll(List.of("--project", team.root.resolve(environment).toString(),
                "apply", plan.toString(), CliBatch.SEPARATOR)));
        batch.addAll(List.of("--project", team.root.resolve("prod_next").toString(), "apply", prodPlan.toString(), CliBatch.SEPARATOR));
        batch.addAll(List.of("--project", prodProject.toString(), "janitor", "--sweep-orphans", "--dry-run", "--grace", "0s", "--json"));
        TeamLakehouse.Child rerun = team.batch("rerun", batch);
        String stdout = rerun.ok();
        List<String> outputs = List.of(rerun.stderr().split(CliBatch.MARKER + "\\d+[^\\n]*\\n"));
        assertThat(stdout).as(rerun.output()).doesNotContain(CliBatch.MARKER + "1");

        int index = 0;
        for (Map.Entry<String, Path> entry : plans.entrySet()) {
            PlanFile plan = PlanFiles.read(entry.getValue());
            EnvironmentRecord environment = environment(entry.getKey()).orElseThrow();
            assertThat(environment.planId()).isEqualTo(plan.planId());
            assertThat(environment.finalized()).isTrue();
            Map<String, String> objects = team.metastoreObjects();
            for (PlanFile.ViewChange view : plan.views()) {
                String shortName = view.physicalTable().substring(view.physicalTable().lastIndexOf('.') + 1);
                assertThat(objects.get(view.view())).as(view.view()).contains(shortName);
            }
            String output = outputs.get(index++);
            for (BuildStep step : plan.builds()) {
                if (builtAfterCrashes.contains(step.physicalTable())) {
                    assertThat(output).as("no finished build is redone: " + entry.getKey() + "\n" + output)
                            .doesNotContain(step.model() + "  built in");
                }
            }
        }
        assertThat(environment("prod").orElseThrow().planId()).isEqualTo(PlanFiles.read(prodPlan).planId());

        String[] chunks = stdout.split(CliBatch.MARKER + "\\d+\\n");
        JsonNode janitor = PlanFiles.mapper().readTree(chunks[chunks.length - 1]);
        List<String> orphans = new ArrayList<>();
        janitor.get("actions").forEach(action -> {
            if (action.get("subject").asText().equals("ORPHAN")) {
                orphans.add(action.get("name").asText());
            }
        });
        assertThat(orphans).as("every table a crashed apply made is known to state").isEmpty();
    }

    private static void awaitSparkStarted(TeamLakehouse.Child child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!child.stderr().contains("session started in")) {
            assertThat(child.process().isAlive()).as("exited before its Spark session started: " + child.output()).isTrue();
            assertThat(System.nanoTime()).as("no Spark session after 5 minutes: " + child.output()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitCrashes(List<TeamLakehouse.Child> children) {
        for (TeamLakehouse.Child child : children) {
            assertThat(child.await()).as(child.output()).isEqualTo(137);
            assertThat(child.stderr()).contains("veneer: crash injected at ");
        }
        children.clear();
    }

    private Path plan(Path project, String environment) {
        Planner planner = new Planner();
        try (StateStore state = StateStores.open(team.stateUrl)) {
            PlanFile plan = planner.plan(planner.compile(project), state, PlanRequest.of(environment));
            Path file = project.resolve("plan.json");
            PlanFiles.write(plan, file);
            return file;
        }
    }

    private Optional<EnvironmentRecord> environment(String name) {
        try (StateStore state = StateStores.open(team.stateUrl)) {
            return state.environment(name);
        }
    }

    private Set<String> builtTables() {
        try (StateStore state = StateStores.open(team.stateUrl)) {
            return new TreeSet<>(state.builtTables());
        }
    }
}
