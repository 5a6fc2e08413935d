package id.aduan.cases.application;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsReportTest {

  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z"); // 08:00 WIB

  @Test
  void volumesAreCountedPerDayInTheAgencysZoneChannelAndAgency() {
    var report =
        OperationsReport.of(
            List.of("BDG", "BTN"),
            List.of(
                received("BDG", Channel.WHATSAPP, T0),
                received("BDG", Channel.WHATSAPP, T0.plusSeconds(60)),
                // 23:30 UTC on the 2nd is already the 3rd in Jakarta.
                received("BDG", Channel.EMAIL, Instant.parse("2026-03-02T23:30:00Z")),
                received("BTN", Channel.FRONT_DESK, T0)),
            List.of(),
            T0.minus(Duration.ofDays(7)),
            T0.plus(Duration.ofDays(1)),
            WIB);
    assertThat(report.received()).isEqualTo(4);
    assertThat(report.volumes())
        .containsExactly(
            new OperationsReport.Volume(LocalDate.parse("2026-03-02"), "BDG", "WHATSAPP", 2),
            new OperationsReport.Volume(LocalDate.parse("2026-03-02"), "BTN", "FRONT_DESK", 1),
            new OperationsReport.Volume(LocalDate.parse("2026-03-03"), "BDG", "EMAIL", 1));
  }

  @Test
  void mediansCountFromReceiptToTheFirstOfficerActionAndToResolution() {
    CaseDocument fast =
        withTimeline(
            received("BDG", Channel.WHATSAPP, T0),
            entry(T0, "system", "opened", null, CaseStatus.RECEIVED),
            entry(
                T0.plusSeconds(30),
                "system",
                "invalid-input",
                CaseStatus.RECEIVED,
                CaseStatus.RECEIVED),
            entry(
                T0.plusSeconds(600),
                "bdg.admin",
                "verified",
                CaseStatus.RECEIVED,
                CaseStatus.VERIFIED),
            entry(
                T0.plusSeconds(7200),
                "bdg.admin",
                "resolved",
                CaseStatus.ANSWERED,
                CaseStatus.RESOLVED));
    CaseDocument slow =
        withTimeline(
            received("BDG", Channel.EMAIL, T0),
            entry(T0, "bdg.admin", "opened", null, CaseStatus.RECEIVED),
            entry(
                T0.plusSeconds(1800),
                "bdg.admin",
                "verified",
                CaseStatus.RECEIVED,
                CaseStatus.VERIFIED));
    CaseDocument untouched = received("BDG", Channel.EMAIL, T0);

    var medians =
        OperationsReport.of(List.of("BDG"), List.of(fast, slow, untouched), List.of(), T0, T0, WIB)
            .medians();
    assertThat(medians.firstResponseSeconds()).isEqualTo((600 + 1800) / 2);
    assertThat(medians.firstResponseSamples()).isEqualTo(2);
    assertThat(medians.resolutionSeconds()).isEqualTo(7200);
    assertThat(medians.resolutionSamples()).isEqualTo(1);
  }

  @Test
  void complianceIsMetOverMetAndLateAndTheBacklogIsGroupedByDivisionAndState() {
    CaseDocument met = withDeadline(received("BDG", Channel.EMAIL, T0), "MET");
    CaseDocument late = withDeadline(received("BDG", Channel.EMAIL, T0), "BREACHED");
    CaseDocument lateStopped = withDeadline(received("BDG", Channel.EMAIL, T0), "STOPPED_LATE");
    CaseDocument paused = withDeadline(received("BDG", Channel.EMAIL, T0), "PAUSED");
    var report =
        OperationsReport.of(
            List.of("BDG"),
            List.of(met, late, lateStopped, paused),
            List.of(paused, late),
            T0,
            T0,
            WIB);
    assertThat(report.sla().met()).isEqualTo(1);
    assertThat(report.sla().late()).isEqualTo(2);
    assertThat(report.sla().compliance()).isEqualTo(1.0 / 3);
    assertThat(report.sla().paused()).isEqualTo(1);
    assertThat(report.sla().breachesPerDay()).hasSize(1);
    assertThat(report.backlog())
        .containsExactly(new OperationsReport.Backlog("BDG", "-", CaseStatus.RECEIVED, 2));
  }

  @Test
  void nothingMeasuredYetIsNullNotZero() {
    var report = OperationsReport.of(List.of("BDG"), List.of(), List.of(), T0, T0, WIB);
    assertThat(report.sla().compliance()).isNull();
    assertThat(report.medians().firstResponseSeconds()).isNull();
    assertThat(report.medians().resolutionSeconds()).isNull();
  }

  private static CaseDocument received(String agency, Channel channel, Instant at) {
    return new CaseDocument(
        "id-" + System.nanoTime(),
        CaseState.received(
                agency + "-2026-000001", agency, CaseType.COMPLAINT, channel, "online", at, at)
            .build(),
        List.of(),
        false,
        0L,
        false);
  }

  private static AuditEntry entry(
      Instant at, String actor, String action, CaseStatus from, CaseStatus to) {
    return new AuditEntry(at, actor, action, from, to, null);
  }

  private static CaseDocument withTimeline(CaseDocument c, AuditEntry... entries) {
    CaseState.Builder state = c.state().toBuilder();
    state.timeline = List.of(entries);
    return c.with(state.build(), List.of());
  }

  private static CaseDocument withDeadline(CaseDocument c, String state) {
    return c.with(
        c.state()
            .withDeadline(new CaseState.Deadline("completion", T0.plusSeconds(3600), state, T0)),
        List.of());
  }
}
