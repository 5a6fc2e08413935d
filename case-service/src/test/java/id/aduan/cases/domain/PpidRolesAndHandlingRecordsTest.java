package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: Lebak's PPID step HEAD taken on only by the head; Bangka Belitung's field investigation
 * and consequence test (uji konsekuensi) as records on the case, the latter required before an
 * information request is refused as exempt.
 */
class PpidRolesAndHandlingRecordsTest {

  private static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  private static final Agency LBK = CATALOG.byCode("LBK").orElseThrow();
  private static final Agency BABEL = CATALOG.byCode("BABEL").orElseThrow();
  private static final Agency BDG = CATALOG.byCode("BDG").orElseThrow();
  private static final Instant AT = Instant.parse("2026-03-17T02:15:30Z");
  private static final LocalDate TODAY = LocalDate.parse("2026-03-17");

  private static Case request(String step) {
    return CaseLifecycleTest.caseIn(
        CaseStatus.IN_PROGRESS, CaseType.INFORMATION_REQUEST, "c-1", "LBK-2026-000001", step);
  }

  @Test
  void lebaksHeadStepIsTakenOnOnlyByTheHead() {
    Case c = request("HEAD");

    assertThatThrownBy(() -> c.advancePpid(LBK, "SECRETARY", "lbk.admin", "ADMIN", AT))
        .isInstanceOf(StepRefusedException.class)
        .hasMessageContaining("Langkah HEAD hanya dapat diteruskan oleh peran HEAD, bukan ADMIN")
        .hasMessageContaining("The step HEAD is taken on only by the role HEAD, not ADMIN");
    assertThat(c.ppidStep()).isEqualTo("HEAD");
    int audit = c.audit().size();

    List<CaseEvent> events = c.advancePpid(LBK, "SECRETARY", "lbk.kepala", "HEAD", AT);

    assertThat(events).singleElement().isInstanceOf(CaseEvent.CaseStatusChanged.class);
    assertThat(c.ppidStep()).isEqualTo("SECRETARY");
    assertThat(c.audit()).hasSize(audit + 1);
    // ...and the head takes no other step of Lebak's.
    assertThatThrownBy(() -> c.advancePpid(LBK, "VERIFICATION", "lbk.kepala", "HEAD", AT))
        .isInstanceOf(StepRefusedException.class);
  }

  @Test
  void anAgencyWithoutStepRolesLetsEveryAllowedRoleAdvance() {
    Case c =
        CaseLifecycleTest.caseIn(
            CaseStatus.IN_PROGRESS, CaseType.INFORMATION_REQUEST, "c-1", "BDG-2026-000001", "PPID");

    c.advancePpid(BDG, "VERIFICATION", "bdg.kepala", "HEAD", AT);

    assertThat(c.ppidStep()).isEqualTo("VERIFICATION");
  }

  @Test
  void bangkaBelitungRefusesAsExemptOnlyAfterAConsequenceTestThatFoundHarm() {
    Case c = request("VERIFICATION");

    assertThatThrownBy(() -> c.refuseInformation(BABEL, "UU 14/2008 Pasal 17 huruf h", "a", AT))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("uji konsekuensi belum dicatat");

    c.recordConsequenceTest(
        new Case.ConsequenceTest(
            TODAY,
            List.of("babel.koordinator"),
            "UU 14/2008 Pasal 17 huruf h (data pribadi)",
            Case.ConsequenceTest.DISCLOSE,
            "Data yang diminta sudah diumumkan"),
        "babel.koordinator",
        AT,
        TODAY);
    assertThatThrownBy(() -> c.refuseInformation(BABEL, "UU 14/2008 Pasal 17 huruf h", "a", AT))
        .hasMessageContaining("may be disclosed, not exempt");

    c.recordConsequenceTest(
        new Case.ConsequenceTest(
            TODAY,
            List.of("babel.koordinator", "babel.admin"),
            "UU 14/2008 Pasal 17 huruf h (data pribadi)",
            Case.ConsequenceTest.EXEMPT,
            "Membuka NIK penerima merugikan hak atas data pribadi"),
        "babel.koordinator",
        AT,
        TODAY);
    AuditEntry test = c.audit().getLast();
    assertThat(test.action()).isEqualTo("consequence-test");
    assertThat(test.from()).isEqualTo(CaseStatus.IN_PROGRESS);
    assertThat(test.to()).isEqualTo(CaseStatus.IN_PROGRESS);
    assertThat(test.reason())
        .startsWith("EXEMPT: 2026-03-17")
        .contains("babel.koordinator, babel.admin", "Pasal 17 huruf h", "merugikan");

    List<CaseEvent> refused = c.refuseInformation(BABEL, "UU 14/2008 Pasal 17 huruf h", "a", AT);

    assertThat(refused).singleElement().isInstanceOf(CaseEvent.CaseRejected.class);
    assertThat(c.status()).isEqualTo(CaseStatus.REJECTED);
  }

  @Test
  void aConsequenceTestNeedsItsResultReasoningAndAPastDate() {
    Case c = request("VERIFICATION");

    assertThatThrownBy(
            () ->
                c.recordConsequenceTest(
                    new Case.ConsequenceTest(TODAY, List.of("x"), "Pasal 17", "MAYBE", "r"),
                    "a",
                    AT,
                    TODAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EXEMPT atau DISCLOSE");
    assertThatThrownBy(
            () ->
                c.recordConsequenceTest(
                    new Case.ConsequenceTest(
                        TODAY.plusDays(1), List.of("x"), "Pasal 17", "EXEMPT", "r"),
                    "a",
                    AT,
                    TODAY))
        .hasMessageContaining("in the future");
    assertThatThrownBy(
            () ->
                c.recordConsequenceTest(
                    new Case.ConsequenceTest(TODAY, List.of("x"), "Pasal 17", "EXEMPT", " "),
                    "a",
                    AT,
                    TODAY))
        .hasMessageContaining("reasoning is required");
  }

  @Test
  void aFieldInvestigationIsRecordedWithPhotosOfTheCaseWhereTheStandardNamesIt() {
    Case routed = CaseLifecycleTest.caseIn(CaseStatus.ROUTED, CaseType.COMPLAINT);
    Case c =
        new Case(
            "c-1",
            routed
                .state()
                .withMessage(
                    new CaseState.Message(
                        "m-1",
                        Channel.WHATSAPP,
                        "INBOUND",
                        null,
                        "foto rumah",
                        AT,
                        List.of("wa-photo-1"),
                        List.of(
                            new CaseState.FileInfo(
                                "rumah.jpg", "image/jpeg", "wa-photo-1", "gridfs-1"))),
                    List.of()));
    Case.FieldInvestigation visit =
        new Case.FieldInvestigation(
            TODAY,
            List.of("babel.linjamsos", "babel.koordinator"),
            "Rumah pelapor rusak berat, layak RTLH",
            List.of("wa-photo-1", "gridfs-1"));

    assertThatThrownBy(() -> c.recordFieldInvestigation(LBK, visit, "a", AT, TODAY))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("names no field investigation");
    assertThatThrownBy(
            () ->
                c.recordFieldInvestigation(
                    BABEL,
                    new Case.FieldInvestigation(
                        TODAY, List.of("x"), "temuan", List.of("not-a-file")),
                    "a",
                    AT,
                    TODAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[not-a-file]");

    List<CaseEvent> events = c.recordFieldInvestigation(BABEL, visit, "babel.linjamsos", AT, TODAY);

    assertThat(events).isEmpty();
    assertThat(c.status()).isEqualTo(CaseStatus.ROUTED);
    AuditEntry entry = c.audit().getLast();
    assertThat(entry.action()).isEqualTo("field-investigation");
    assertThat(entry.actor()).isEqualTo("babel.linjamsos");
    assertThat(entry.reason())
        .contains("2026-03-17", "babel.linjamsos, babel.koordinator", "layak RTLH", "wa-photo-1");
  }
}
