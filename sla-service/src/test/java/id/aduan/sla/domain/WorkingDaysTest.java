package id.aduan.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Buton's calendar: WITA (Asia/Makassar, UTC+8), office 08:00-16:00, so close is 08:00Z. In the
 * week used here Monday is 2026-11-16 and Saturday 2026-11-21.
 */
class WorkingDaysTest {

  private static final ZoneId WITA = ZoneId.of("Asia/Makassar");
  private static final LocalDate HOLIDAY = LocalDate.parse("2026-11-25");

  private final WorkingDays buton =
      new WorkingDays(WITA, LocalTime.of(8, 0), LocalTime.of(16, 0), day -> false);

  private final WorkingDays butonWithAHoliday =
      new WorkingDays(WITA, LocalTime.of(8, 0), LocalTime.of(16, 0), HOLIDAY::equals);

  @ParameterizedTest(name = "[{index}] {3}: received {0} +{1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-11-16T02:00:00Z | 0 | 2026-11-16T08:00:00Z | Mon 10:00, day 0 ends at close that day",
        "2026-11-16T02:00:00Z | 1 | 2026-11-17T08:00:00Z | Mon 10:00, next working day",
        "2026-11-16T02:00:00Z | 5 | 2026-11-23T08:00:00Z | Mon 10:00, five working days over a weekend",
        "2026-11-19T02:00:00Z | 1 | 2026-11-20T08:00:00Z | Thu 10:00, Friday",
        "2026-11-19T02:00:00Z | 2 | 2026-11-23T08:00:00Z | Thu 10:00, the weekend does not count",
        "2026-11-15T23:00:00Z | 0 | 2026-11-16T08:00:00Z | Mon 07:00 before opening, still that day",
        "2026-11-20T07:59:59Z | 1 | 2026-11-23T08:00:00Z | Fri 15:59:59, still in office hours",
        "2026-11-20T08:00:00Z | 0 | 2026-11-23T08:00:00Z | Fri 16:00 at close, counts from Monday",
        "2026-11-20T08:00:00Z | 1 | 2026-11-24T08:00:00Z | Fri 16:00 at close, one day after Monday",
        "2026-11-20T15:30:00Z | 5 | 2026-11-30T08:00:00Z | Fri 23:30 after hours",
        "2026-11-21T02:00:00Z | 5 | 2026-11-30T08:00:00Z | Sat 10:00, day 0 is Monday",
        "2026-11-22T15:59:00Z | 0 | 2026-11-23T08:00:00Z | Sun 23:59, day 0 is Monday",
        "2026-11-20T16:30:00Z | 1 | 2026-11-24T08:00:00Z | still Friday in UTC but Saturday 00:30 in WITA",
        "2026-11-22T16:30:00Z | 1 | 2026-11-24T08:00:00Z | still Sunday in UTC but Monday 00:30 in WITA"
      })
  void theDeadlineIsTheCloseOfTheNthWorkingDayAfterDayZero(
      String receivedAt, int workingDays, String deadline, String why) {
    assertThat(buton.deadline(Instant.parse(receivedAt), workingDays))
        .isEqualTo(Instant.parse(deadline));
  }

  @ParameterizedTest(name = "[{index}] received {0} -> day 0 is {1}")
  @CsvSource({
    "2026-11-16T02:00:00Z, 2026-11-16",
    "2026-11-16T08:00:00Z, 2026-11-17",
    "2026-11-20T08:00:00Z, 2026-11-23",
    "2026-11-21T02:00:00Z, 2026-11-23",
    "2026-11-20T16:30:00Z, 2026-11-23"
  })
  void dayZeroIsTheDayOfReceiptOrTheNextWorkingDay(String receivedAt, String dayZero) {
    assertThat(buton.dayZero(Instant.parse(receivedAt))).isEqualTo(LocalDate.parse(dayZero));
  }

  @Test
  void aDayOffInsideThePeriodPushesTheDeadlineBack() {
    // Mon 23 10:00 WITA, three working days: Tue 24, (Wed 25 off), Thu 26, Fri 27.
    Instant receivedAt = Instant.parse("2026-11-23T02:00:00Z");

    assertThat(butonWithAHoliday.deadline(receivedAt, 3))
        .isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    assertThat(buton.deadline(receivedAt, 3)).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
  }

  @Test
  void somethingReceivedOnADayOffCountsFromTheNextWorkingDay() {
    Instant onTheHoliday = Instant.parse("2026-11-25T02:00:00Z");

    assertThat(butonWithAHoliday.dayZero(onTheHoliday)).isEqualTo(LocalDate.parse("2026-11-26"));
    assertThat(butonWithAHoliday.deadline(onTheHoliday, 1))
        .isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "2026-11-20, true",
    "2026-11-21, false",
    "2026-11-22, false",
    "2026-11-23, true",
    "2026-11-25, false"
  })
  void weekendsAndDaysOffAreNotWorkingDays(String day, boolean working) {
    assertThat(butonWithAHoliday.isWorkingDay(LocalDate.parse(day))).isEqualTo(working);
  }

  @Test
  void theSameInstantGivesAnotherDeadlineInAnotherZone() {
    WorkingDays jakarta =
        new WorkingDays(
            ZoneId.of("Asia/Jakarta"), LocalTime.of(8, 0), LocalTime.of(16, 0), day -> false);
    // Fri 08:30Z is 16:30 WITA (after close) but 15:30 WIB (still open).
    Instant receivedAt = Instant.parse("2026-11-20T08:30:00Z");

    assertThat(buton.deadline(receivedAt, 0)).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(jakarta.deadline(receivedAt, 0)).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
  }

  @Test
  void givenNegativeWorkingDays_thenRefused() {
    assertThatThrownBy(() -> buton.deadline(Instant.parse("2026-11-16T02:00:00Z"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
