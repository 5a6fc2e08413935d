package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The head's disposition (disposisi pimpinan, Buton's "Prosedur 2", docs/adr/0051): handled face to
 * face or online with its time and place or method, or not handled with a reason (rejected); where
 * the agency requires it, a complaint goes in progress only after one that handles it.
 */
class DispositionTest {

  private static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  private static final Agency BTN = CATALOG.byCode("BTN").orElseThrow();
  private static final Agency BDG = CATALOG.byCode("BDG").orElseThrow();
  private static final Instant AT = Instant.parse("2026-03-18T02:00:00Z");
  private static final Instant TOMORROW = AT.plusSeconds(86_400);
  private static final ReplyAddress CITIZEN =
      new ReplyAddress(Channel.WHATSAPP, "100000000000003", "6281234567890");

  private static Case btn(CaseStatus status) {
    return CaseStates.caseOf(
        "c-1",
        "BTN-2026-000001",
        "BTN",
        status,
        CaseType.COMPLAINT,
        Channel.WHATSAPP,
        AT.minusSeconds(3600),
        b -> {
          b.replyAddress = CITIZEN;
          b.slaClass = "WRITTEN";
          b.division = status == CaseStatus.ROUTED ? "LINJAMSOS" : null;
        });
  }

  private static Case.Disposition online(Instant time, String method) {
    return new Case.Disposition(true, "ONLINE", time, null, method, null, null);
  }

  @Test
  void anOnlineDispositionKeepsTheStateAndCarriesTimeAndMethodToTheCitizen() {
    Case c = btn(CaseStatus.ROUTED);

    List<CaseEvent> events =
        c.disposition(online(TOMORROW, "Panggilan video: https://meet.example/btn"), "kepala", AT);

    assertThat(c.status()).isEqualTo(CaseStatus.ROUTED);
    assertThat(events).hasSize(1);
    CaseEvent.CaseDispositioned d = (CaseEvent.CaseDispositioned) events.getFirst();
    assertThat(d.handled()).isTrue();
    assertThat(d.mode()).isEqualTo("ONLINE");
    assertThat(d.scheduledAt()).isEqualTo(TOMORROW);
    assertThat(d.method()).isEqualTo("Panggilan video: https://meet.example/btn");
    assertThat(d.place()).isNull();
    assertThat(d.replyAddress()).isEqualTo(CITIZEN);
    AuditEntry entry = c.audit().getLast();
    assertThat(entry.action()).isEqualTo("disposition");
    assertThat(entry.actor()).isEqualTo("kepala");
    assertThat(Case.Disposition.parse(entry.reason()))
        .isEqualTo(online(TOMORROW, "Panggilan video: https://meet.example/btn"));
  }

  @Test
  void aFaceToFaceDispositionNamesThePlace() {
    Case c = btn(CaseStatus.RECEIVED);

    CaseEvent.CaseDispositioned d =
        (CaseEvent.CaseDispositioned)
            c.disposition(
                    new Case.Disposition(
                        true, "FACE_TO_FACE", TOMORROW, "Ruang rapat lantai 3", null, null, null),
                    "kepala",
                    AT)
                .getFirst();

    assertThat(d.place()).isEqualTo("Ruang rapat lantai 3");
    assertThat(c.handledDisposition().place()).isEqualTo("Ruang rapat lantai 3");
  }

  @Test
  void notHandledRejectsTheCaseWithTheReason() {
    Case c = btn(CaseStatus.VERIFIED);

    List<CaseEvent> events =
        c.disposition(
            new Case.Disposition(
                false, null, null, null, null, "NOT_AUTHORITY", "Kewenangan Dinas Kesehatan"),
            "kepala",
            AT);

    assertThat(c.status()).isEqualTo(CaseStatus.REJECTED);
    assertThat(events).hasSize(2);
    CaseEvent.CaseDispositioned d = (CaseEvent.CaseDispositioned) events.getFirst();
    assertThat(d.handled()).isFalse();
    assertThat(d.reason()).isEqualTo("Kewenangan Dinas Kesehatan");
    assertThat(d.mode()).isNull();
    CaseEvent.CaseRejected rejected = (CaseEvent.CaseRejected) events.get(1);
    assertThat(rejected.reasonCode()).isEqualTo("NOT_AUTHORITY");
    assertThat(rejected.reason()).isEqualTo("Kewenangan Dinas Kesehatan");
    assertThat(c.audit().stream().map(AuditEntry::action))
        .containsSubsequence("disposition", "rejected");
    assertThat(c.handledDisposition()).isNull();
  }

  @Test
  void missingOrPastValuesAreRefusedInBothLanguagesAndChangeNothing() {
    Case c = btn(CaseStatus.ROUTED);
    int before = c.audit().size();

    assertThatThrownBy(() -> c.disposition(online(TOMORROW, " "), "kepala", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metode (daring) wajib diisi")
        .hasMessageContaining("method (online");
    assertThatThrownBy(() -> c.disposition(online(null, "telepon"), "kepala", AT))
        .hasMessageContaining("waktu penanganan wajib diisi / the time of handling is required");
    assertThatThrownBy(() -> c.disposition(online(AT.minusSeconds(60), "telepon"), "kepala", AT))
        .hasMessageContaining("sudah lewat")
        .hasMessageContaining("has passed");
    assertThatThrownBy(
            () ->
                c.disposition(
                    new Case.Disposition(true, "FACE_TO_FACE", TOMORROW, null, "x", null, null),
                    "kepala",
                    AT))
        .hasMessageContaining("tempat (tatap muka) wajib diisi");
    assertThatThrownBy(
            () ->
                c.disposition(
                    new Case.Disposition(true, null, TOMORROW, "x", "x", null, null), "kepala", AT))
        .hasMessageContaining("FACE_TO_FACE or ONLINE");
    assertThatThrownBy(
            () ->
                c.disposition(
                    new Case.Disposition(false, null, null, null, null, null, ""), "kepala", AT))
        .hasMessageContaining("reason is required");

    assertThat(c.audit()).hasSize(before);
    assertThat(c.status()).isEqualTo(CaseStatus.ROUTED);
  }

  @Test
  void butonStartsWorkOnlyAfterADispositionThatHandlesTheComplaint() {
    Case c = btn(CaseStatus.ROUTED);

    assertThatThrownBy(() -> c.startProgress(BTN, "koordinator", null, AT))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("disposisi pimpinan belum ada")
        .hasMessageContaining("the head's disposition is missing");
    assertThat(c.status()).isEqualTo(CaseStatus.ROUTED);

    c.disposition(online(TOMORROW, "telepon kantor"), "kepala", AT);
    c.startProgress(BTN, "koordinator", null, AT.plusSeconds(60));

    assertThat(c.status()).isEqualTo(CaseStatus.IN_PROGRESS);
  }

  @Test
  void anAgencyThatDoesNotRequireItStartsWorkWithout() {
    Case c = btn(CaseStatus.ROUTED);

    c.startProgress(BDG, "koordinator", null, AT);

    assertThat(c.status()).isEqualTo(CaseStatus.IN_PROGRESS);
  }

  @Test
  void noDispositionOnceWorkStarted() {
    Case working = btn(CaseStatus.IN_PROGRESS);
    assertThatThrownBy(() -> working.disposition(online(TOMORROW, "telepon"), "kepala", AT))
        .isInstanceOf(IllegalTransitionException.class);
  }
}
