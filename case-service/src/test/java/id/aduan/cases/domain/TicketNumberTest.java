package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketNumberTest {

  @ParameterizedTest(name = "[{index}] {0}/{1}/{2} -> {3}")
  @CsvSource({
    "BDG, 2026, 1, BDG-2026-000001",
    "BDG, 2026, 123, BDG-2026-000123",
    "BTN, 2027, 999999, BTN-2027-999999",
    "BABEL, 2026, 42, BABEL-2026-000042",
    // Past 999999 the sequence grows a digit rather than wrapping or failing.
    "PSR, 2026, 1000000, PSR-2026-1000000"
  })
  void formatIsAgencyYearAndAZeroPaddedSequence(
      String agency, int year, long sequence, String expected) {
    assertThat(TicketNumber.format(agency, year, sequence)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void givenSequenceBelowOne_thenRefused(long sequence) {
    assertThatThrownBy(() -> TicketNumber.format("BDG", 2026, sequence))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * New Year's Eve: WIB (Asia/Jakarta) is UTC+7, WITA (Asia/Makassar, Buton) UTC+8, WIT
   * (Asia/Jayapura) UTC+9. At 16:30Z Makassar and Jayapura are already in 2027 while Jakarta is
   * still in 2026; from 17:00Z all three are in 2027.
   */
  @ParameterizedTest(name = "[{index}] {0} in {1} -> {2}")
  @CsvSource({
    "2026-12-31T14:59:59Z, Asia/Jayapura, 2026",
    "2026-12-31T15:00:00Z, Asia/Jayapura, 2027",
    "2026-12-31T15:59:59Z, Asia/Makassar, 2026",
    "2026-12-31T16:00:00Z, Asia/Makassar, 2027",
    "2026-12-31T16:30:00Z, Asia/Makassar, 2027",
    "2026-12-31T16:30:00Z, Asia/Jakarta, 2026",
    "2026-12-31T16:30:00Z, UTC, 2026",
    "2026-12-31T16:59:59Z, Asia/Jakarta, 2026",
    "2026-12-31T17:00:00Z, Asia/Jakarta, 2027",
    "2026-12-31T17:30:00Z, Asia/Makassar, 2027",
    "2026-12-31T17:30:00Z, Asia/Jakarta, 2027",
    "2026-12-31T23:59:59Z, UTC, 2026",
    "2027-01-01T00:00:00Z, UTC, 2027"
  })
  void theYearIsTheYearOfReceiptInTheAgencysTimeZone(String receivedAt, String zone, int year) {
    assertThat(TicketNumber.yearOf(Instant.parse(receivedAt), ZoneId.of(zone))).isEqualTo(year);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource({
    "BDG-2026-000123, true",
    "BABEL-2026-000001, true",
    "PSR-2026-1000000, true",
    "bdg-2026-000123, false",
    "BDG-26-000123, false",
    "BDG-2026-123, false",
    "B-2026-000123, false",
    "BDG-2026-000123 tolong, false",
    "'no tiket BDG-2026-000123', false",
    "'', false"
  })
  void looksLikeTicketOnlyForTheWholeFormat(String text, boolean expected) {
    assertThat(TicketNumber.looksLikeTicket(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 999999, 1000000})
  void everyFormattedTicketLooksLikeATicket(long sequence) {
    assertThat(TicketNumber.looksLikeTicket(TicketNumber.format("BTN", 2027, sequence))).isTrue();
  }
}
