package id.aduan.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DueScheduleTest {

  private static final WorkingDays BANDUNG =
      new WorkingDays(
          ZoneId.of("Asia/Jakarta"),
          LocalTime.of(8, 0),
          LocalTime.of(16, 0),
          HolidayCalendarTest.bundled(),
          Set.of());

  @Test
  void warningsFallAtTheFractionsOfOfficeTimeThenTheBreachThenEachEscalationStep() {
    // Mon 23 Nov 08:00 WIB to Thu 26 Nov 16:00 WIB: four days of 8 office hours = 32 h.
    Instant start = Instant.parse("2026-11-23T01:00:00Z");
    Instant deadline = Instant.parse("2026-11-26T09:00:00Z");

    List<DueSchedule.Due> due =
        DueSchedule.of(
            start,
            deadline,
            BANDUNG,
            List.of(0.5, 0.8),
            List.of(
                new DueSchedule.Escalation("coordinator", Duration.ZERO),
                new DueSchedule.Escalation("head", Duration.ofDays(1))));

    assertThat(due)
        .containsExactly(
            // 16 h of office time: Mon and Tue full days, so Tue 16:00 WIB.
            new DueSchedule.Due(
                DueLevel.parse("warning:0.5"), Instant.parse("2026-11-24T09:00:00Z")),
            // 25.6 h: three full days are 24 h, then 1 h 36 min on Thursday: 09:36 WIB.
            new DueSchedule.Due(
                DueLevel.parse("warning:0.8"), Instant.parse("2026-11-26T02:36:00Z")),
            new DueSchedule.Due(DueLevel.parse("breach"), deadline),
            new DueSchedule.Due(DueLevel.parse("escalation:1"), deadline),
            new DueSchedule.Due(
                DueLevel.parse("escalation:2"), Instant.parse("2026-11-27T09:00:00Z")));
    assertThat(DueLevel.parse("warning:0.8")).isEqualTo(new DueLevel.Warning(0.8));
    assertThat(DueLevel.parse("escalation:2")).isEqualTo(new DueLevel.Escalation(2));
  }

  @Test
  void aWarningAcrossTheIdulFitriWeekFallsOnOfficeTimeNotCalendarTime() {
    // Tue 17 March 2026 08:00 WIB, deadline Mon 30 March 16:00: 4 working days = 40 h... office
    // days are 17, 25, 26, 27, 30 (five days, 40 h); half is 20 h: 17 (8), 25 (8), 26 until 12:00.
    List<DueSchedule.Due> due =
        DueSchedule.of(
            Instant.parse("2026-03-17T01:00:00Z"),
            Instant.parse("2026-03-30T09:00:00Z"),
            BANDUNG,
            List.of(0.5),
            List.of());

    assertThat(due.getFirst())
        .isEqualTo(
            new DueSchedule.Due(
                DueLevel.parse("warning:0.5"), Instant.parse("2026-03-26T05:00:00Z")));
  }

  @Test
  void refusesAFractionOutsideZeroToOne() {
    assertThatThrownBy(
            () ->
                DueSchedule.of(
                    Instant.parse("2026-11-23T01:00:00Z"),
                    Instant.parse("2026-11-26T09:00:00Z"),
                    BANDUNG,
                    List.of(1.0),
                    List.of()))
        .hasMessageContaining("between 0 and 1");
  }
}
