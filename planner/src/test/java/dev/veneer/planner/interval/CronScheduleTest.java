package dev.veneer.planner.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    @Test
    void unitsAreDerivedFromTheCron() {
        assertThat(CronSchedule.parse("@daily").intervalUnit()).isEqualTo(IntervalUnit.DAY);
        assertThat(CronSchedule.parse("@hourly").intervalUnit()).isEqualTo(IntervalUnit.HOUR);
        assertThat(CronSchedule.parse("*/5 * * * *").intervalUnit()).isEqualTo(IntervalUnit.FIVE_MINUTE);
        assertThat(CronSchedule.parse("*/15 * * * *").intervalUnit()).isEqualTo(IntervalUnit.QUARTER_HOUR);
        assertThat(CronSchedule.parse("0 6 * * *").intervalUnit()).isEqualTo(IntervalUnit.DAY);
        assertThat(CronSchedule.parse("@weekly").intervalUnit()).isEqualTo(IntervalUnit.DAY);
        assertThat(CronSchedule.parse("@monthly").intervalUnit()).isEqualTo(IntervalUnit.MONTH);
        assertThat(CronSchedule.parse("@yearly").intervalUnit()).isEqualTo(IntervalUnit.YEAR);
    }

    @Test
    void lastExecutionIsAtOrBeforeTheInstant() {
        CronSchedule daily = CronSchedule.parse("@daily");
        assertThat(daily.lastExecutionAtOrBefore(Instant.parse("2024-01-11T03:00:00Z"))).isEqualTo(Instant.parse("2024-01-11T00:00:00Z"));
        assertThat(daily.lastExecutionAtOrBefore(Instant.parse("2024-01-11T00:00:00Z"))).isEqualTo(Instant.parse("2024-01-11T00:00:00Z"));
        CronSchedule sixAm = CronSchedule.parse("0 6 * * *");
        assertThat(sixAm.lastExecutionAtOrBefore(Instant.parse("2024-01-11T03:00:00Z"))).isEqualTo(Instant.parse("2024-01-10T06:00:00Z"));
        assertThat(sixAm.nextExecutionAfter(Instant.parse("2024-01-11T03:00:00Z"))).contains(Instant.parse("2024-01-11T06:00:00Z"));
    }

    @Test
    void aBadCronSaysWhy() {
        assertThatThrownBy(() -> CronSchedule.parse("every day")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).isInstanceOf(IllegalArgumentException.class);
    }
}
