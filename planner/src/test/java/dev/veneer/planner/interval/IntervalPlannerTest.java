package dev.veneer.planner.interval;

import static dev.veneer.planner.interval.IntervalsTest.day;
import static dev.veneer.planner.interval.IntervalsTest.days;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntervalPlannerTest {
    private static Schedule daily(int lookback) {
        return new Schedule(Optional.of(day(1)), Optional.empty(), "@daily", IntervalUnit.DAY, Optional.of(3), 1, lookback);
    }

    @Test
    void aNewModelIsDueFromItsStartToTheLastCompleteDay() {
        Instant now = Instant.parse("2024-01-11T05:00:00Z");

        assertThat(IntervalPlanner.due(daily(0), true, List.of(), now, Optional.empty())).containsExactly(days(1, 11));
    }

    @Test
    void aDayLaterOneIntervalIsDue() {
        Instant now = Instant.parse("2024-01-12T00:30:00Z");

        assertThat(IntervalPlanner.due(daily(0), true, List.of(days(1, 11)), now, Optional.empty())).containsExactly(days(11, 12));
        assertThat(IntervalPlanner.due(daily(0), true, List.of(days(1, 12)), now, Optional.empty())).isEmpty();
    }

    @Test
    void lookbackRecomputesTheDaysBeforeTheMissingOne() {
        Instant now = Instant.parse("2024-01-12T00:30:00Z");

        assertThat(IntervalPlanner.due(daily(2), true, List.of(days(1, 11)), now, Optional.empty())).containsExactly(days(9, 12));
        assertThat(IntervalPlanner.due(daily(2), true, List.of(days(1, 12)), now, Optional.empty()))
                .as("nothing missing, nothing looked back at").isEmpty();
    }

    @Test
    void gapsAreFilled() {
        Instant now = Instant.parse("2024-01-11T05:00:00Z");

        assertThat(IntervalPlanner.due(daily(0), true, List.of(days(2, 4), days(6, 11)), now, Optional.empty()))
                .containsExactly(days(1, 2), days(4, 6));
    }

    @Test
    void aStartAfterNowIsNotDue() {
        Schedule future = new Schedule(Optional.of(day(20)), Optional.empty(), "@daily", IntervalUnit.DAY, Optional.empty(), 1, 0);

        assertThat(IntervalPlanner.due(future, true, List.of(), day(10), Optional.empty())).isEmpty();
    }

    @Test
    void theModelsEndStopsTheRange() {
        Schedule ended = new Schedule(Optional.of(day(1)), Optional.of(day(5)), "@daily", IntervalUnit.DAY, Optional.empty(), 1, 0);

        assertThat(IntervalPlanner.due(ended, true, List.of(), day(30), Optional.empty())).containsExactly(days(1, 5));
    }

    @Test
    void aRestrictionKeepsOnlyItsWholeUnits() {
        Instant now = Instant.parse("2024-01-11T05:00:00Z");
        Interval restriction = new Interval(day(3).plusSeconds(3600), day(5));

        assertThat(IntervalPlanner.due(daily(0), true, List.of(), now, Optional.of(restriction))).containsExactly(days(3, 5));
    }

    @Test
    void aWholeModelIsDueOnceTheCronCompletedAnIntervalSinceItsLastBuild() {
        Schedule schedule = Schedule.daily();

        assertThat(IntervalPlanner.due(schedule, false, List.of(), Instant.parse("2024-01-11T05:00:00Z"), Optional.empty()))
                .as("the first build covers all history").containsExactly(new Interval(Instant.EPOCH, day(11)));
        assertThat(IntervalPlanner.due(schedule, false, List.of(days(10, 11)), Instant.parse("2024-01-11T23:00:00Z"), Optional.empty()))
                .isEmpty();
        assertThat(IntervalPlanner.due(schedule, false, List.of(days(10, 11)), Instant.parse("2024-01-13T01:00:00Z"), Optional.empty()))
                .containsExactly(days(11, 13));
    }

    @Test
    void fiveMinuteUnitsOverThreeYearsStayOneRange() {
        Schedule schedule = new Schedule(Optional.of(Instant.parse("2021-01-01T00:00:00Z")), Optional.empty(), "*/5 * * * *",
                IntervalUnit.FIVE_MINUTE, Optional.of(12), 1, 0);
        List<Interval> stored = List.of(new Interval(Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2023-06-01T00:00:00Z")));

        List<Interval> due = IntervalPlanner.due(schedule, true, stored, Instant.parse("2024-01-01T00:02:00Z"), Optional.empty());

        assertThat(due).containsExactly(new Interval(Instant.parse("2023-06-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z")));
    }
}
