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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Files kept at the desk and originals presented there count in the completeness check (docs/adr/
 * 0052): a file labelled with a requirement satisfies it whatever its name, a KTP scan stands for a
 * NIK, an original shown and handed back satisfies a document requirement; a waiting case goes on
 * when an officer attaches or sees what it waited for.
 */
class DeskFilesCompletenessTest {

  private static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  private static final Agency BDG = CATALOG.byCode("BDG").orElseThrow();
  private static final Instant AT = Instant.parse("2026-03-17T02:15:30Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 17);
  private static final String ACCOUNT = "Bantuan PKH ibu saya belum cair sejak Januari lalu";

  private static List<Agency.Requirement> bandungWalkIn() {
    return BDG.rules().requirementsFor("COMPLAINT", "FRONT_DESK");
  }

  private static Map<String, String> form() {
    return Map.of("description", ACCOUNT);
  }

  @Test
  void labelledScansSatisfyTheirRequirementsWhateverTheirNames() {
    Completeness.Result result =
        Completeness.check(
            bandungWalkIn(),
            new Completeness.Evidence(
                List.of(),
                List.of(
                    new Completeness.Attachment("scan-001.pdf", "application/pdf", null, "kk"),
                    new Completeness.Attachment("scan-002.jpg", "image/jpeg", null, "ktp")),
                form(),
                Set.of()),
            TODAY);

    assertThat(result.missing()).isEmpty();
    assertThat(result.nik()).isNull();
  }

  @Test
  void unlabelledScansWithUnhelpfulNamesStillCountForNothing() {
    Completeness.Result result =
        Completeness.check(
            bandungWalkIn(),
            new Completeness.Evidence(
                List.of(),
                List.of(new Completeness.Attachment("scan-001.pdf", "application/pdf", null)),
                form()),
            TODAY);

    assertThat(result.missing()).containsExactly("kk", "ktp");
  }

  @Test
  void originalsPresentedAtTheDeskSatisfyDocumentAndNikRequirements() {
    Completeness.Result result =
        Completeness.check(
            bandungWalkIn(),
            new Completeness.Evidence(List.of(), List.of(), form(), Set.of("kk", "ktp")),
            TODAY);

    assertThat(result.missing()).isEmpty();
    // Presenting the form requirement (a description) is not a thing: it still needs the words.
    assertThat(
            Completeness.check(
                    bandungWalkIn(),
                    new Completeness.Evidence(
                        List.of(), List.of(), Map.of(), Set.of("kk", "ktp", "form")),
                    TODAY)
                .missing())
        .containsExactly("form");
  }

  @Test
  void aWaitingCaseGoesOnWhenTheOfficerAttachesAndSeesWhatItWaitedFor() {
    CaseState.Builder received =
        CaseState.received(
            "BDG-2026-000001", "BDG", CaseType.COMPLAINT, Channel.FRONT_DESK, "walk-in", AT, AT);
    received.form = new java.util.LinkedHashMap<>(form());
    CaseState state = received.build();
    Case c =
        Case.open("c-1", state, null, "bdg.loket", BDG, state.evidence(), AT, TODAY).aggregate();
    assertThat(c.status()).isEqualTo(CaseStatus.INCOMPLETE);
    assertThat(c.missing()).containsExactly("kk", "ktp");

    List<CaseEvent> attached =
        c.attachFiles(
            BDG,
            List.of(CaseState.FileInfo.caseFile("f-1", "kk.pdf", "application/pdf", "kk")),
            "bdg.loket",
            AT,
            TODAY);
    assertThat(attached).singleElement().isInstanceOf(CaseEvent.InformationRequested.class);
    assertThat(c.missing()).containsExactly("ktp");
    assertThat(c.state().caseFileCount()).isEqualTo(1);
    assertThat(c.state().messages().getLast().attachmentIds()).containsExactly("f-1");

    List<CaseEvent> presented = c.presentedAtDesk(BDG, List.of("ktp"), "bdg.loket", AT, TODAY);
    assertThat(presented).singleElement().isInstanceOf(CaseEvent.InformationReceived.class);
    assertThat(c.status()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(c.state().presented()).containsExactly("ktp");
    assertThat(c.audit().stream().map(AuditEntry::action))
        .contains("files-attached", "presented-at-desk", "information-received");
  }

  @Test
  void onlyTheAgencysDocumentRequirementsCanBeLabelledOrPresented() {
    assertThatThrownBy(() -> Case.checkDeskRequirements(BDG, List.of("kk", "passport")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("passport");
    assertThatThrownBy(() -> Case.checkDeskRequirements(BDG, List.of("form")))
        .isInstanceOf(IllegalArgumentException.class);
    Case.checkDeskRequirements(BDG, List.of("kk", "ktp"));
  }
}
