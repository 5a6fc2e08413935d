package id.aduan.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayCalendarTest {

  static List<String> bundledLines() {
    try (InputStream in =
        HolidayCalendarTest.class.getResourceAsStream("/calendar/indonesia.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static HolidayCalendar bundled() {
    return HolidayCalendar.parse("calendar/indonesia.txt", bundledLines());
  }

  @Test
  void theBundledFileHoldsTheDecreesOf2025And2026AsTheReferenceCountsThem() {
    HolidayCalendar calendar = bundled();

    assertThat(calendar.decreeYears()).containsExactly(2025, 2026);
    assertThat(calendar.daysOff().values())
        .filteredOn(d -> d.date().getYear() == 2026)
        .extracting(HolidayCalendar.DayOff::kind)
        .containsOnly(HolidayCalendar.Kind.HOLIDAY, HolidayCalendar.Kind.CUTI_BERSAMA)
        .hasSize(25);
    assertThat(
            calendar.daysOff().values().stream()
                .filter(d -> d.date().getYear() == 2026)
                .filter(d -> d.kind() == HolidayCalendar.Kind.CUTI_BERSAMA)
                .count())
        .isEqualTo(8);
    assertThat(
            calendar.daysOff().values().stream()
                .filter(d -> d.date().getYear() == 2025)
                .filter(d -> d.kind() == HolidayCalendar.Kind.CUTI_BERSAMA)
                .count())
        .as("2025 with the amendment that added 18 August")
        .isEqualTo(11);
    assertThat(calendar.hasDecree(2027)).isFalse();
  }

  @ParameterizedTest(name = "{0} is a day off: {1}")
  @CsvSource({
    "2026-03-18, true", // cuti bersama Nyepi
    "2026-03-19, true", // Nyepi
    "2026-03-20, true", // cuti bersama Idul Fitri
    "2026-03-23, true",
    "2026-03-24, true",
    "2026-03-25, false",
    "2026-08-17, true",
    "2025-08-18, true", // added by amendment
    "2026-08-18, false",
    "2026-12-24, true",
    "2026-11-25, false"
  })
  void knowsTheDaysOff(LocalDate date, boolean off) {
    assertThat(bundled().isDayOff(date)).isEqualTo(off);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "2026-13-01 holiday X => t.txt:2: '2026-13-01' is neither 'decree' nor a date (yyyy-mm-dd)",
        "2026-01-02 libur X => t.txt:2: 'libur' must be 'holiday' or 'cuti-bersama'",
        "2026-01-01 holiday Again => t.txt:3: 2026-01-01 is listed twice",
        "2026-01-05 holiday => t.txt:2: a day off is: <yyyy-mm-dd> holiday|cuti-bersama <name>",
        "decree 2026 again => t.txt:2: a second decree line for 2026",
        "decree twenty text => t.txt:2: 'twenty' is not a year",
        "2027-01-01 holiday Tahun Baru => t.txt: 2027-01-01 is listed but the file has no 'decree 2027' line"
      })
  void aBadLineIsReportedWithFileLineAndReason(String badLine, String message) {
    List<String> lines = new ArrayList<>(List.of("decree 2026 SKB", badLine));
    lines.add(2, "2026-01-01 holiday Tahun Baru");

    assertThatThrownBy(() -> HolidayCalendar.parse("t.txt", lines))
        .isInstanceOf(CalendarFileException.class)
        .hasMessage(message);
  }

  @Test
  void changedDatesAreTheDaysOffAddedOrRemovedAndEveryDateOfAYearWhoseDecreeArrived() {
    HolidayCalendar before = bundled();
    List<String> amended = new ArrayList<>(bundledLines());
    amended.add("2026-08-18 cuti-bersama Hari Kemerdekaan (amendment)");
    amended.removeIf(l -> l.startsWith("2026-12-24"));
    amended.add("decree 2027 SKB 2027");
    amended.add("2027-01-01 holiday Tahun Baru 2027 Masehi");

    var changed = before.changedDates(HolidayCalendar.parse("amended", amended));

    assertThat(changed)
        .contains(LocalDate.parse("2026-08-18"), LocalDate.parse("2026-12-24"))
        .doesNotContain(LocalDate.parse("2026-12-25"));
    assertThat(changed.stream().filter(d -> d.getYear() == 2027)).hasSize(365);
    assertThat(changed).hasSize(2 + 365);
  }
}
