package dev.veneer.planner.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.Interval;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalsTest {
    static Instant day(int day) {
        return Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * (day - 1));
    }

    static Interval days(int from, int to) {
        return new Interval(day(from), day(to));
    }

    @Test
    void mergeJoinsOverlappingAndTouchingRangesAndSorts() {
        assertThat(Intervals.merge(List.of(days(5, 6), days(1, 3), days(2, 4), days(4, 5), days(8, 9))))
                .containsExactly(days(1, 6), days(8, 9));
        assertThat(Intervals.merge(List.of())).isEmpty();
    }

    @Test
    void subtractLeavesTheGaps() {
        assertThat(Intervals.subtract(days(1, 11), List.of(days(2, 4), days(6, 7)))).containsExactly(days(1, 2), days(4, 6), days(7, 11));
        assertThat(Intervals.subtract(days(1, 11), List.of())).containsExactly(days(1, 11));
        assertThat(Intervals.subtract(days(1, 11), List.of(days(1, 11)))).isEmpty();
        assertThat(Intervals.subtract(days(3, 5), List.of(days(1, 4), days(4, 9)))).isEmpty();
        assertThat(Intervals.subtract(days(3, 5), List.of(days(10, 12), days(0, 1)))).containsExactly(days(3, 5));
    }

    @Test
    void lookbackStartsEachGapEarlierButNotBeforeTheStart() {
        assertThat(Intervals.withLookback(List.of(days(9, 11)), IntervalUnit.DAY, 2, day(1))).containsExactly(days(7, 11));
        assertThat(Intervals.withLookback(List.of(days(2, 3)), IntervalUnit.DAY, 5, day(1))).containsExactly(days(1, 3));
        assertThat(Intervals.withLookback(List.of(days(3, 4), days(6, 7)), IntervalUnit.DAY, 2, day(1))).containsExactly(days(1, 7));
        assertThatThrownBy(() -> Intervals.withLookback(List.of(), IntervalUnit.DAY, -1, day(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clipKeepsOnlyWhatIsInsideTheBounds() {
        assertThat(Intervals.clip(List.of(days(1, 4), days(6, 9)), days(3, 7))).containsExactly(days(3, 4), days(6, 7));
        assertThat(Intervals.clip(List.of(days(1, 2)), days(5, 7))).isEmpty();
    }

    @Test
    void emptyIntervalsDoNotExist() {
        assertThatThrownBy(() -> new Interval(day(2), day(2))).hasMessageContaining("Empty interval");
        assertThatThrownBy(() -> new Interval(day(3), day(2))).hasMessageContaining("Empty interval");
    }
}
