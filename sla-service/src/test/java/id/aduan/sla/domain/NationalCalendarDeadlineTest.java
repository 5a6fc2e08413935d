package id.aduan.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deadlines on the real 2025-2026 calendar, per agency: Nyepi and Idul Fitri 2026 close the offices
 * from Wednesday 18 to Tuesday 24 March; Christmas 24-25 December; 2027 has no decree. Office hours
 * 08:00-16:00 local, so close is 09:00Z in WIB and 08:00Z in WITA.
 */
class NationalCalendarDeadlineTest {

  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final ZoneId WITA = ZoneId.of("Asia/Makassar");
  private static final HolidayCalendar NATIONAL = HolidayCalendarTest.bundled();

  private static WorkingDays agency(ZoneId zone) {
    return new WorkingDays(zone, LocalTime.of(8, 0), LocalTime.of(16, 0), NATIONAL, Set.of());
  }

  @ParameterizedTest(name = "[{index}] {0} {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        // agency | received | duration | deadline | why
        "BDG | 2026-03-17T03:00:00Z | 4 working-days | 2026-03-30T09:00:00Z | Tue before Nyepi, the week off skipped",
        "BDG | 2026-03-13T09:30:00Z | 4 working-days | 2026-03-27T09:00:00Z | Fri 16:30 after hours, day 0 Monday",
        "BABEL | 2026-03-18T02:00:00Z | 5 working-days | 2026-04-01T09:00:00Z | received on cuti bersama, day 0 is 25 March",
        "BABEL | 2026-03-16T03:00:00Z | 14 working-days | 2026-04-13T09:00:00Z | across Idul Fitri and Good Friday",
        "BTN | 2026-03-19T02:00:00Z | 3 working-days | 2026-03-30T08:00:00Z | WITA, received on Nyepi",
        "BTN | 2026-11-23T07:30:00Z | 1 working-hours | 2026-11-24T00:30:00Z | walk-in at 15:30 WITA: 30 min today, 30 tomorrow",
        "BTN | 2026-11-23T02:00:00Z | 1 working-hours | 2026-11-23T03:00:00Z | walk-in at 10:00 WITA",
        "PSR | 2026-11-20T03:00:00Z | 3 calendar-days | 2026-11-23T09:00:00Z | Fri: 3 days, the weekend counts",
        "PSR | 2026-11-20T10:00:00Z | 3 calendar-days | 2026-11-26T09:00:00Z | Fri 17:00 after hours, day 0 Monday",
        "LBK | 2026-11-25T03:00:00Z | 5 working-days | 2026-12-02T09:00:00Z | an ordinary week",
        "LBK | 2026-11-25T03:00:00Z | 48 hours | 2026-11-27T03:00:00Z | plain hours, day and night"
      })
  void deadlinesFollowEachStandardOnTheRealCalendar(
      String agency, String received, String duration, String deadline, String why) {
    ZoneId zone = agency.equals("BTN") ? WITA : WIB;

    Deadline computed = agency(zone).deadline(Instant.parse(received), SlaDuration.parse(duration));

    assertThat(computed.at()).as(why).isEqualTo(Instant.parse(deadline));
    assertThat(computed.provisional()).isFalse();
  }

  @Test
  void aDeadlineReachingIntoAYearWithoutDecreeIsProvisionalAndCountsOnlyWeekendsThere() {
    // Wed 23 Dec 10:00 WIB: 24 and 25 off, weekend, 28-31 are days 1-4, and 1 January 2027 is
    // counted as a working day because no 2027 decree says otherwise.
    Deadline deadline =
        agency(WIB)
            .deadline(Instant.parse("2026-12-23T03:00:00Z"), SlaDuration.parse("5 working-days"));

    assertThat(deadline.at()).isEqualTo(Instant.parse("2027-01-01T09:00:00Z"));
    assertThat(deadline.provisional()).isTrue();
    assertThat(deadline.yearsWithoutDecree()).containsExactly(2027);
  }

  @Test
  void sixtyWorkingDaysFromLateNovemberAreProvisional() {
    Deadline deadline =
        agency(WIB)
            .deadline(Instant.parse("2026-11-25T03:00:00Z"), SlaDuration.parse("60 working-days"));

    assertThat(deadline.yearsWithoutDecree()).containsExactly(2027);
  }

  @Test
  void aPauseAcrossNyepiAndIdulFitriMovesTheDeadlineByThePausedWorkingTimeOnly() {
    WorkingDays bandung = agency(WIB);
    Instant deadline = Instant.parse("2026-03-30T09:00:00Z");
    // Paused Tue 17 March 14:00 WIB, resumed Wed 25 March 10:00 WIB: 2 h + 2 h of office time.
    Instant pausedAt = Instant.parse("2026-03-17T07:00:00Z");
    Instant resumedAt = Instant.parse("2026-03-25T03:00:00Z");

    assertThat(bandung.workingTimeBetween(pausedAt, resumedAt)).isEqualTo(Duration.ofHours(4));
    assertThat(bandung.resumed(deadline, pausedAt, resumedAt).at())
        .as("Tue 31 March 12:00 WIB")
        .isEqualTo(Instant.parse("2026-03-31T05:00:00Z"));
  }

  @Test
  void aPauseOverAWeekendOnlyLeavesTheDeadlineWhereItWas() {
    Instant deadline = Instant.parse("2026-11-26T09:00:00Z");

    assertThat(
            agency(WIB)
                .resumed(
                    deadline,
                    Instant.parse("2026-11-20T09:00:00Z"),
                    Instant.parse("2026-11-23T01:00:00Z"))
                .at())
        .isEqualTo(deadline);
  }

  @Test
  void anAgencysOwnDayOffCountsLikeANationalOne() {
    WorkingDays lebakWithAnniversary =
        new WorkingDays(
            WIB,
            LocalTime.of(8, 0),
            LocalTime.of(16, 0),
            NATIONAL,
            Set.of(LocalDate.parse("2026-12-02")));

    assertThat(
            lebakWithAnniversary
                .deadline(
                    Instant.parse("2026-11-25T03:00:00Z"), SlaDuration.parse("5 working-days"))
                .at())
        .isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
  }
}
