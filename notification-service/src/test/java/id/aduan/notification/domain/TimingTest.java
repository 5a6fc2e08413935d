package id.aduan.notification.domain;

import static id.aduan.notification.domain.Fixtures.agency;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quiet hours (21:00-06:00 agency time in the bundled files) on fixed instants. */
class TimingTest {

  @ParameterizedTest(name = "{0} at {1} (urgent {2}, {3}) -> {4}")
  @CsvSource({
    // Bandung is WIB (UTC+7): 14:30Z is 21:30 local, held until 06:00 local = 23:00Z
    "BDG, 2026-11-20T14:30:00Z, false, WHATSAPP, 2026-11-20T23:00:00Z",
    "BDG, 2026-11-20T20:00:00Z, false, EMAIL,    2026-11-20T23:00:00Z",
    "BDG, 2026-11-20T13:59:00Z, false, WHATSAPP, 2026-11-20T13:59:00Z",
    "BDG, 2026-11-20T23:00:00Z, false, WHATSAPP, 2026-11-20T23:00:00Z",
    "BDG, 2026-11-20T14:30:00Z, true,  WHATSAPP, 2026-11-20T14:30:00Z",
    "BDG, 2026-11-20T14:30:00Z, false, LAPOR,    2026-11-20T14:30:00Z",
    // Buton is WITA (UTC+8): 13:30Z is 21:30 local, held until 06:00 local = 22:00Z
    "BTN, 2026-11-20T13:30:00Z, false, WHATSAPP, 2026-11-20T22:00:00Z",
    "BTN, 2026-11-20T13:30:00Z, false, INSTAGRAM, 2026-11-20T22:00:00Z"
  })
  void nonUrgentMessagesWaitOutTheAgencysQuietHours(
      String code, Instant at, boolean urgent, Channel channel, Instant expected) {
    assertThat(Timing.sendAt(at, urgent, channel, agency(code))).isEqualTo(expected);
  }

  @Test
  void overTheDailyLimitMeansTheNextMorningInTheAgencysTimeZone() {
    // 2026-11-20 10:00 WIB -> 2026-11-21 06:00 WIB
    assertThat(Timing.nextMorning(Instant.parse("2026-11-20T03:00:00Z"), agency("BDG")))
        .isEqualTo(Instant.parse("2026-11-20T23:00:00Z"));
    // 2026-11-20 23:30 WIB is still the 20th locally
    assertThat(Timing.day(Instant.parse("2026-11-20T16:30:00Z"), agency("BDG")))
        .hasToString("2026-11-20");
  }
}
