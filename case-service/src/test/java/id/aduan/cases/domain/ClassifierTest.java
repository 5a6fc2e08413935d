package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classifier at intake: the proposal after CaseOpened, and what an unsure one changes. */
class ClassifierTest {

  static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  static final Instant AT = Instant.parse("2026-03-02T03:00:00Z");

  static CaseEvent.CaseOpened opened(String agency, String intakeMode) {
    return new CaseEvent.CaseOpened(
        "e1",
        AT,
        "case-1",
        agency + "-2026-000001",
        agency,
        CaseStatus.RECEIVED,
        Channel.WHATSAPP,
        intakeMode,
        CaseType.COMPLAINT,
        null,
        AT,
        null,
        "wamid.1",
        "id");
  }

  /** Issue 19: LAPOR!'s category, mapped to a division, is the proposal; an officer routes. */
  @Test
  void aDivisionLaporsCategoryMapsToIsProposed_anUnknownOneIsNot() {
    Agency lebak = CATALOG.byCode("LBK").orElseThrow();
    Classifier.Proposed plain =
        Classifier.propose(lebak, "Ada pungutan saat pembagian bantuan di desa kami.", "ONLINE");

    Classifier.Proposed mapped = Classifier.withChannelDivision(plain, lebak, "LINJAMSOS");

    assertThat(mapped.stored().division()).isEqualTo("LINJAMSOS");
    assertThat(mapped.decision().division()).isEqualTo("LINJAMSOS");
    assertThat(mapped.stored().explanation()).contains("LAPOR! category -> LINJAMSOS");
    assertThat(Classifier.withChannelDivision(plain, lebak, "NO-SUCH-DIVISION")).isSameAs(plain);
    assertThat(Classifier.withChannelDivision(plain, lebak, null)).isSameAs(plain);
  }

  @Test
  void theProposalFollowsCaseOpenedWithConfidenceAndTheWordsBehindIt() {
    Agency bdg = CATALOG.byCode("BDG").orElseThrow();
    CaseEvent.CaseOpened o = opened("BDG", "ONLINE");
    CaseEvent other =
        new CaseEvent.CaseStatusChanged(
            "e2",
            AT,
            "case-1",
            "BDG-2026-000001",
            "BDG",
            CaseStatus.RECEIVED,
            CaseStatus.RECEIVED,
            null,
            "system");

    List<CaseEvent> events =
        Classifier.withProposal(
            bdg, "PKH ibu saya sudah 3 bulan gak cair, mohon dibantu", "ONLINE", List.of(o, other));

    assertThat(events).hasSize(3);
    assertThat(events.get(0)).isSameAs(o);
    assertThat(events.get(2)).isSameAs(other);
    CaseEvent.CaseClassified p = (CaseEvent.CaseClassified) events.get(1);
    assertThat(p.actor()).isEqualTo(Classifier.ACTOR);
    assertThat(p.caseId()).isEqualTo("case-1");
    assertThat(p.caseType()).isEqualTo(CaseType.COMPLAINT);
    assertThat(p.topic()).isEqualTo("BANSOS");
    assertThat(p.division()).isEqualTo("LINJAMSOS");
    assertThat(p.slaClass()).isEqualTo("STANDARD");
    assertThat(p.unsure()).isFalse();
    assertThat(p.confidence()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(String.join("\n", p.explanation())).contains("pkh").contains("LINJAMSOS");
  }

  @Test
  void aWalkInAtButonIsProposedTheWalkInClass() {
    Agency btn = CATALOG.byCode("BTN").orElseThrow();
    CaseEvent.CaseClassified p =
        (CaseEvent.CaseClassified)
            Classifier.withProposal(
                    btn,
                    "Saya datang mau melapor bantuan PKH saya tidak cair",
                    "walk-in",
                    List.of(opened("BTN", "walk-in")))
                .get(1);
    assertThat(p.slaClass()).isEqualTo("WALK_IN");
  }

  @Test
  void anUnsureDecisionOpensAComplaintWithoutSuggestionAndIsMarkedForTriage() {
    // PKH is not the village-government agency's matter: no division of Pasuruan handles it.
    Agency psr = CATALOG.byCode("PSR").orElseThrow();
    String text = "PKH saya belum cair sudah tiga bulan";

    assertThat(Classifier.decide(psr, text, null).unsure()).isTrue();
    assertThat(Classifier.caseType(psr, text)).isEqualTo(CaseType.COMPLAINT);
    assertThat(Classifier.suggestDivision(psr, text)).isEmpty();
    CaseEvent.CaseClassified p =
        (CaseEvent.CaseClassified)
            Classifier.withProposal(psr, text, "ONLINE", List.of(opened("PSR", "ONLINE"))).get(1);
    assertThat(p.unsure()).isTrue();
    assertThat(p.explanation()).anySatisfy(e -> assertThat(e).startsWith("Ragu"));
  }

  @Test
  void withoutCaseOpenedTheEventsStayAsTheyAre() {
    Agency bdg = CATALOG.byCode("BDG").orElseThrow();
    assertThat(Classifier.withProposal(bdg, "PKH belum cair", "ONLINE", List.of())).isEmpty();
  }
}
