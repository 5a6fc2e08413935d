package id.aduan.classification;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseType;
import org.junit.jupiter.api.Test;

/** Decisions for the five standards: what each part is and how it is explained. */
class ComplaintClassifierTest {

  static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  static final ComplaintClassifier CLASSIFIER = ComplaintClassifier.bundled(CATALOG);

  static Decision classify(String agency, String text, String intakeMode) {
    return CLASSIFIER.classify(CATALOG.byCode(agency).orElseThrow(), text, intakeMode);
  }

  @Test
  void aComplaintGetsTypeTopicDivisionAndClassEachWithConfidenceAndWords() {
    Decision d =
        classify("BDG", "bansos ortu sy udh 2 bln gak cair, kartu kks nya keblokir", "ONLINE");
    assertThat(d.caseType()).isEqualTo(CaseType.COMPLAINT);
    assertThat(d.topic()).isEqualTo("BANSOS");
    assertThat(d.division()).isEqualTo("LINJAMSOS");
    assertThat(d.slaClass()).isEqualTo("STANDARD");
    assertThat(d.unsure()).isFalse();
    assertThat(d.caseTypeConfidence()).isBetween(0.5, 1.0);
    assertThat(d.topicConfidence()).isBetween(0.5, 1.0);
    assertThat(d.divisionConfidence()).isBetween(0.5, 1.0);
    assertThat(d.confidence()).isEqualTo(Math.min(d.caseTypeConfidence(), d.divisionConfidence()));
    assertThat(d.explanation().get(0)).startsWith("Jenis COMPLAINT");
    assertThat(d.explanation().get(1))
        .startsWith("Topik BANSOS")
        .contains("aturan")
        .contains("\"kks\"");
    assertThat(d.explanation().get(2)).startsWith("Bidang LINJAMSOS");
  }

  @Test
  void notAComplaintHasNoDivisionAndNoClass() {
    Decision d = classify("LBK", "Hatur nuhun, bantosanana tos katampi", "ONLINE");
    assertThat(d.caseType()).isEqualTo(CaseType.NOT_A_COMPLAINT);
    assertThat(d.topic()).isEqualTo("OTHER");
    assertThat(d.division()).isNull();
    assertThat(d.slaClass()).isNull();
    assertThat(d.unsure()).isFalse();
  }

  @Test
  void anInformationRequestGoesToThePpidWithItsDeadlineClass() {
    Decision lbk =
        classify(
            "LBK", "Dengan hormat, kami memohon salinan data penerima PKH tahun 2025", "ONLINE");
    assertThat(lbk.caseType()).isEqualTo(CaseType.INFORMATION_REQUEST);
    assertThat(lbk.division()).isEqualTo("SEKRETARIAT");
    assertThat(lbk.slaClass()).isEqualTo("PPID");
    // Bangka Belitung has no secretariat division: the PPID flow, with the statutory deadline.
    Decision babel =
        classify("BABEL", "Permohonan informasi publik data penerima BPNT tahun 2025", "ONLINE");
    assertThat(babel.caseType()).isEqualTo(CaseType.INFORMATION_REQUEST);
    assertThat(babel.division()).isNull();
    assertThat(babel.slaClass()).isEqualTo("PPID");
  }

  @Test
  void theSlaClassFollowsTheAgencysRulesAndModel() {
    assertThat(classify("BTN", "Saya mau lapor PKH saya tidak cair", "walk-in").slaClass())
        .isEqualTo("WALK_IN");
    assertThat(classify("BTN", "Saya mau lapor PKH saya tidak cair", "ONLINE").slaClass())
        .isEqualTo("WRITTEN");
    Decision lebak =
        classify("LBK", "Ada oknum petugas minta uang supaya nama masuk PKH, ini pungli", "ONLINE");
    assertThat(lebak.slaClass()).isEqualTo("OVERSIGHT");
    assertThat(lebak.explanation())
        .anySatisfy(e -> assertThat(e).startsWith("Kelas SLA OVERSIGHT").contains("\"pungli\""));
  }

  @Test
  void aMatterOutsideTheAgencysDivisionsIsUnsureNotAGuess() {
    Decision d = classify("PSR", "PKH saya belum cair sudah tiga bulan", "ONLINE");
    assertThat(d.caseType()).isEqualTo(CaseType.COMPLAINT);
    assertThat(d.topic()).isEqualTo("BANSOS");
    assertThat(d.unsure()).isTrue();
    assertThat(d.confidence()).isLessThan(0.5);
    assertThat(d.explanation().getLast()).startsWith("Ragu");
  }

  @Test
  void emptyAndMissingTextAreClassifiedWithoutFailing() {
    assertThat(classify("BDG", "", "ONLINE").caseType()).isNotNull();
    assertThat(CLASSIFIER.classify(CATALOG.byCode("BDG").orElseThrow(), null, null).topic())
        .isNotNull();
  }
}
