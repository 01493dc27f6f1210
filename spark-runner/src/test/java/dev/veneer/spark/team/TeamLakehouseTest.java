package dev.veneer.spark.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team shape with real processes: every JVM below is a separate {@code veneer} process on one
 * PostgreSQL state and one PostgreSQL Hive metastore, as engineers, notebooks and schedulers are.
 * (With embedded Derby the second JVM could not even open the metastore.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamLakehouseTest {
    @TempDir
    static Path tmp;

    TeamLakehouse team;
    Map<String, String> prodViews;
    EnvironmentRecord prodRecord;

    @BeforeAll
    void deployProd() {
        team = TeamLakehouse.create(tmp);
        team.veneer("prod", team.project("prod", 0), List.of(), "plan", "prod", "--auto-apply").ok();
        prodViews = team.prodViews();
        prodRecord = environment("prod");
        assertThat(prodViews).containsKeys("staging.a", "staging.b", "marts.c", "marts.d", "reporting.e");
    }

    @AfterAll
    void dropLakehouse() {
        if (team != null) {
            team.close();
        }
    }

    /**
     * Ten dev environments applied by ten processes at once (each rebuilds one model and creates five
     * views), then two processes racing to apply different plans to one of them.
     */
    @Test
    void tenProcessesApplyTenDevEnvironmentsAtOnceAndOfTwoPlansForOneEnvironmentExactlyOneWins() {
        List<TeamLakehouse.Child> children = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            children.add(team.veneer("dev" + k, team.project("dev" + k, 0, k), List.of(), "plan", "dev" + k, "--auto-apply"));
        }
        for (TeamLakehouse.Child child : children) {
            assertThat(child.await()).as(child.output()).isZero();
        }
        Map<String, String> objects = team.metastoreObjects();
        for (int k = 1; k <= 10; k++) {
            assertThat(environment("dev" + k).finalized()).isTrue();
            assertThat(objects).containsKeys("staging__dev" + k + ".a", "marts__dev" + k + ".d", "reporting__dev" + k + ".e");
            assertThat(objects.get("reporting__dev" + k + ".e")).isNotEqualTo(prodViews.get("reporting.e"));
            assertThat(objects.get("staging__dev" + k + ".a")).as("unchanged models read prod's tables").isEqualTo(prodViews.get("staging.a"));
        }
        assertThat(team.prodViews()).isEqualTo(prodViews);
        assertThat(environment("prod")).isEqualTo(prodRecord);

        Path planA = plan(team.project("race_a", 0, 101), "dev1");
        Path planB = plan(team.project("race_b", 0, 102), "dev1");
        TeamLakehouse.Child a = team.veneer("race-a", team.root.resolve("race_a"), List.of(), "apply", planA.toString());
        TeamLakehouse.Child b = team.veneer("race-b", team.root.resolve("race_b"), List.of(), "apply", planB.toString());
        int exitA = a.await();
        int exitB = b.await();

        assertThat(List.of(exitA, exitB)).as(a.output() + b.output()).containsExactlyInAnyOrder(0, 1);
        TeamLakehouse.Child loser = exitA == 0 ? b : a;
        assertThat(loser.stderr()).contains("environment 'dev1' changed since this plan was made; plan again");
        assertThat(environment("dev1").planId()).isEqualTo(PlanFiles.read(exitA == 0 ? planA : planB).planId());
        assertThat(environment("dev1").finalized()).isTrue();
        assertThat(team.prodViews()).isEqualTo(prodViews);
        assertThat(environment("prod")).isEqualTo(prodRecord);
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

    private EnvironmentRecord environment(String name) {
        try (StateStore state = StateStores.open(team.stateUrl)) {
            return state.environment(name).orElseThrow();
        }
    }
}
