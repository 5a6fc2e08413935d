package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: LAPOR!'s own changes come back into the case as timeline entries, with who and when.
 */
class LaporChangeTest {

  private static final Instant CHANGED = Instant.parse("2026-03-06T02:00:00Z");

  private static ComplaintReceived update(String type, Map<String, String> metadata) {
    return new ComplaintReceived(
        "evt-1",
        CHANGED.plusSeconds(30),
        "LBK",
        Channel.LAPOR,
        "LAPOR-LBK",
        "LAPOR-SIM-000002/v4",
        new ComplaintReceived.Sender("u-demo-2", null, false, false),
        type,
        null,
        null,
        List.of(),
        null,
        "LAPOR-SIM-000002",
        List.of("LAPOR-SIM-000002"),
        CHANGED,
        metadata,
        null);
  }

  @Test
  void aStatusSetInLaporIsATimelineEntryAtLaporsOwnTime() {
    LaporChange change =
        LaporChange.of(update("lapor-update", Map.of("change", "status", "laporStatus", "tunda")))
            .orElseThrow();

    assertThat(change.trackingId()).isEqualTo("LAPOR-SIM-000002");
    assertThat(change.at()).isEqualTo(CHANGED);
    assertThat(change.actor()).isEqualTo("LAPOR!");
    assertThat(change.description()).contains("tunda");
  }

  @Test
  void aNewDispositionNamesWhoSentItWhere() {
    LaporChange change =
        LaporChange.of(
                update(
                    "lapor-update",
                    Map.of(
                        "change",
                        "status",
                        "laporStatus",
                        "disposisi",
                        "laporDispositionFrom",
                        "Admin Nasional",
                        "laporDispositionTo",
                        "Dinas Sosial Kab. Lebak")))
            .orElseThrow();

    assertThat(change.actor()).isEqualTo("LAPOR! (Admin Nasional)");
    assertThat(change.description()).contains("Admin Nasional", "Dinas Sosial Kab. Lebak");
  }

  @Test
  void aDispositionAwayFromTheAgencyIsMarkedSo_andOtherChangesAreNot() {
    LaporChange away =
        LaporChange.of(
                update(
                    "lapor-update",
                    Map.of(
                        "change",
                        "status",
                        "laporChange",
                        "disposition_away",
                        "laporStatus",
                        "disposisi",
                        "laporDispositionFrom",
                        "Admin Nasional",
                        "laporDispositionTo",
                        "Pemkab Pandeglang")))
            .orElseThrow();

    assertThat(away.away()).isTrue();
    assertThat(away.actor()).isEqualTo("LAPOR! (Admin Nasional)");
    assertThat(away.description()).contains("didisposisikan ulang", "Pemkab Pandeglang");
    assertThat(
            LaporChange.of(
                    update("lapor-update", Map.of("change", "status", "laporStatus", "tunda")))
                .orElseThrow()
                .away())
        .isFalse();
  }

  @Test
  void theReportersFollowUpAndTheReportItselfAreNoChangeOfLapor() {
    assertThat(LaporChange.of(update("lapor-update", Map.of("change", "follow_up")))).isEmpty();
    assertThat(LaporChange.of(update("lapor-report", Map.of("change", "report")))).isEmpty();
  }
}
