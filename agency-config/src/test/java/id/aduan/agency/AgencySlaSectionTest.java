package id.aduan.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code sla} section: escalation delays, the agency's own days off, LAPOR!'s clocks. */
class AgencySlaSectionTest {

  private static final String HEAD =
      """
      code: XYZ
      name: Test
      timeZone: Asia/Makassar
      standard: {file: x.txt}
      channels: {}
      escalation: [COORDINATOR, HEAD]
      """;

  @Test
  void theBundledFilesCarryTheirEscalationDelaysAndLaporClocks() {
    AgencyCatalog catalog = AgencyCatalog.load(Optional.empty());

    Agency babel = catalog.byCode("BABEL").orElseThrow();
    assertThat(babel.rules().sla().escalationAfter())
        .containsExactly(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(2));
    assertThat(catalog.byCode("BTN").orElseThrow().rules().sla().laporClock("follow-up"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.duration()).isEqualTo(5);
              assertThat(c.unit()).isEqualTo("WORKING_DAYS");
            });
    assertThat(
            catalog.byCode("BTN").orElseThrow().rules().slaClass("WALK_IN").orElseThrow().stages())
        .first()
        .extracting(Agency.Stage::unit)
        .isEqualTo("WORKING_HOURS");
  }

  @Test
  void aFileWithoutTheSectionGetsTheDefaults() {
    Agency agency = AgencyCatalog.parse("xyz.yaml", HEAD);

    assertThat(agency.rules().sla()).isEqualTo(Agency.Sla.DEFAULTS);
    assertThat(agency.rules().sla().lapor())
        .extracting(Agency.LaporClock::clock)
        .containsExactly("follow-up", "close-without-reply");
  }

  @Test
  void daysOffAndDelaysAreRead() {
    Agency agency =
        AgencyCatalog.parse(
            "xyz.yaml",
            HEAD
                + """
                sla:
                  escalationAfter: [PT2H, P2D]
                  daysOff:
                    - {date: 2026-06-01, name: "Hari jadi"}
                  lapor:
                    - {clock: follow-up, duration: 3, unit: WORKING_DAYS, source: "test"}
                """);

    assertThat(agency.rules().sla().escalationAfter())
        .containsExactly(Duration.ofHours(2), Duration.ofDays(2));
    assertThat(agency.rules().sla().daysOff())
        .containsExactly(new Agency.DayOff(LocalDate.of(2026, 6, 1), "Hari jadi"));
    assertThat(agency.rules().sla().laporClock("close-without-reply")).isEmpty();
  }

  @Test
  void oneDelayPerRoleABadDateAndAnUnknownClockAreRefusedWithTheLine() {
    assertThatThrownBy(
            () -> AgencyCatalog.parse("xyz.yaml", HEAD + "sla:\n  escalationAfter: [PT0S]\n"))
        .isInstanceOf(AgencyConfigException.class)
        .hasMessageContaining("xyz.yaml:8: sla.escalationAfter")
        .hasMessageContaining("1 delays for 2 escalation roles");
    assertThatThrownBy(
            () ->
                AgencyCatalog.parse(
                    "xyz.yaml", HEAD + "sla:\n  daysOff:\n    - {date: 2026-02-30, name: x}\n"))
        .hasMessageContaining("xyz.yaml:9")
        .hasMessageContaining("'2026-02-30' is not a date");
    assertThatThrownBy(
            () ->
                AgencyCatalog.parse(
                    "xyz.yaml",
                    HEAD
                        + "sla:\n  lapor:\n    - {clock: reply, duration: 1, unit: HOURS,"
                        + " source: x}\n"))
        .hasMessageContaining("unknown LAPOR! clock 'reply'");
  }
}
