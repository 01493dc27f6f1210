package dev.veneer.spark.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} in real processes on the team lakehouse (PostgreSQL state and metastore): two runs of
 * one environment at once compute each interval once (the second waits for the first's write lease,
 * then finds the intervals done), and a run killed between batches is resumed by the next, which
 * computes only the batches that had not landed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    TeamLakehouse team;

    @AfterAll
    void dropLakehouse() {
        if (team != null) {
            team.close();
        }
    }

    /** One daily model over generated rows: ten a day from 2024-01-01 to 2024-01-20, computed a day per batch. */
    private Path project() {
        Path dir = team.root.resolve("runs");
        TeamLakehouse.write(dir.resolve("veneer.yaml"), team.veneerYaml("runs"));
        TeamLakehouse.write(dir.resolve("models/staging/events.sql"), """
                MODEL (
                  name staging.events,
                  kind INCREMENTAL_BY_TIME_RANGE (time_column ds, batch_size 1),
                  start '2024-01-01',
                  table_format delta
                );
                SELECT id, ds FROM (
                  SELECT id, date_add(DATE '2024-01-01', CAST(id % 20 AS INT)) AS ds FROM range(0, 200)
                ) AS generated
                WHERE ds BETWEEN @start_date AND @end_date
                """);
        return dir;
    }

    @Test
    void twoRunsAtOnceComputeEachIntervalOnceAndAKilledRunIsResumed() throws Exception {
        team = TeamLakehouse.create(tmp);
        Path project = project();
        team.veneer("init", project, List.of(), "plan", "prod", "--auto-apply", "--execution-time", "2024-01-03T01:00:00Z").ok();

        // killed after its third batch of [01-03, 01-08): the lease it held expires after 3 s
        TeamLakehouse.Child killed = team.veneer("killed", project,
                List.of("-Dveneer.test.crash-at=after-batch:staging.events:3", "-Dveneer.lease.ttl=PT3S"),
                "run", "--execution-time", "2024-01-08T01:00:00Z");
        assertThat(killed.await()).as(killed.output()).isEqualTo(137);
        TeamLakehouse.Child resumed = team.veneer("resumed", project, List.of("-Dveneer.lease.ttl=PT3S"),
                "run", "--execution-time", "2024-01-08T01:00:00Z");
        resumed.ok();
        assertThat(batchLines(killed)).hasSize(2).as("the third landed, then the process halted before reporting it");
        assertThat(batchLines(resumed)).as("only the batches that had not landed: " + resumed.output())
                .containsExactly("[2024-01-06, 2024-01-07)", "[2024-01-07, 2024-01-08)");

        List<TeamLakehouse.Child> racing = new ArrayList<>();
        for (String label : List.of("first", "second")) {
            racing.add(team.veneer(label, project, List.of(), "run", "--execution-time", "2024-01-21T01:00:00Z"));
        }
        List<String> computed = new ArrayList<>();
        for (TeamLakehouse.Child run : racing) {
            run.ok();
            computed.addAll(batchLines(run));
        }
        assertThat(computed).as("every day from 01-08 to 01-20 once, by one run or the other").hasSize(13).doesNotHaveDuplicates();

        JsonNode days = JSON.readTree(team.veneer("check", project, List.of(), "query", "--format", "json",
                "SELECT CAST(ds AS STRING) AS day, count(*) AS n FROM staging.events GROUP BY ds ORDER BY ds").ok());
        assertThat(days.get("rows")).hasSize(20).allSatisfy(day -> assertThat(day.get("n").asLong()).as(day.toString()).isEqualTo(10));
    }

    /** The {@code [start, end)} of every batch a run reported as landed. */
    private static List<String> batchLines(TeamLakehouse.Child run) {
        return run.stderr().lines()
                .filter(line -> line.contains("staging.events  batch "))
                .map(line -> line.substring(line.indexOf('['), line.indexOf(')') + 1))
                .toList();
    }
}
