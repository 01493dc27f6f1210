package dev.veneer.planner.interval;

import static dev.veneer.planner.interval.IntervalsTest.days;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchesTest {
    @Test
    void tenDaysInBatchesOfThreeAreFourBatches() {
        Batches batches = new Batches(List.of(days(1, 11)), IntervalUnit.DAY, Optional.of(3));

        assertThat(batches.toList()).containsExactly(days(1, 4), days(4, 7), days(7, 10), days(10, 11));
        assertThat(batches.count()).isEqualTo(4);
    }

    @Test
    void eachRangeIsBatchedOnItsOwn() {
        Batches batches = new Batches(List.of(days(1, 3), days(5, 10)), IntervalUnit.DAY, Optional.of(2));

        assertThat(batches.toList()).containsExactly(days(1, 3), days(5, 7), days(7, 9), days(9, 10));
        assertThat(batches.count()).isEqualTo(4);
    }

    @Test
    void withoutABatchSizeEachRangeIsOneBatch() {
        Batches batches = new Batches(List.of(days(1, 3), days(5, 10)), IntervalUnit.DAY, Optional.empty());

        assertThat(batches.toList()).containsExactly(days(1, 3), days(5, 10));
        assertThat(batches.count()).isEqualTo(2);
    }

    @Test
    void threeYearsOfFiveMinuteUnitsAreCountedWithoutMakingThem() {
        Interval threeYears = new Interval(Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"));
        Batches batches = new Batches(List.of(threeYears), IntervalUnit.FIVE_MINUTE, Optional.of(1));

        assertThat(batches.count()).isEqualTo(1095L * 288);
        assertThat(batches.iterator().next()).isEqualTo(new Interval(threeYears.start(), threeYears.start().plusSeconds(300)));
    }

    @Test
    void monthsBatchOnTheCalendar() {
        Interval quarter = new Interval(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"));

        assertThat(new Batches(List.of(quarter), IntervalUnit.MONTH, Optional.of(1)).toList()).containsExactly(
                new Interval(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z")),
                new Interval(Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z")),
                new Interval(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")));
    }
}
