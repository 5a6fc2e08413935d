package id.aduan.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * The berita acara and the case record as PDF, read back with OpenPDF's text extractor: the agency,
 * the ticket, the resolution's text and the labels in Bahasa Indonesia (English when asked), dates
 * in the agency's zone, and personal data masked unless rendered in clear.
 */
class CasePdfTest {

  private static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  private static final Agency BTN = CATALOG.byCode("BTN").orElseThrow();
  private static final Instant RECEIVED = Instant.parse("2026-11-02T03:00:00Z");
  // 2026-11-05 01:30 UTC is 09:30 WITA (Buton, UTC+8).
  private static final Instant DONE = Instant.parse("2026-11-05T01:30:00Z");
  private static final String NIK = "7471012345678901";

  static CaseState resolved() {
    CaseState.Builder s =
        CaseState.received(
            "BTN-2026-000042",
            "BTN",
            CaseType.COMPLAINT,
            Channel.WHATSAPP,
            "AUTOMATIC",
            RECEIVED,
            RECEIVED);
    s.status = CaseStatus.RESOLVED;
    s.citizenName = "Siti Rahmawati";
    s.replyAddress = new ReplyAddress(Channel.WHATSAPP, "wa-account", "6281234567890");
    s.form.put("nik", NIK);
    s.topic = "jalan rusak";
    s.division = "PUPR";
    s.timeline.add(
        new AuditEntry(
            DONE, "btn.admin", "resolved", CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, "selesai"));
    s.resolution =
        new CaseEvent.ResolutionRecord(
            "Jalan di depan rumah warga NIK " + NIK + " sudah ditambal",
            List.of("Tim PUPR"),
            DONE,
            List.of(),
            "WHATSAPP",
            null);
    return s.build();
  }

  private static String text(byte[] pdf) throws IOException {
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("%PDF-");
    PdfReader reader = new PdfReader(pdf);
    try {
      StringBuilder all = new StringBuilder();
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        all.append(extractor.getTextFromPage(page)).append('\n');
      }
      return all.toString();
    } finally {
      reader.close();
    }
  }

  private static CasePdf.Request request(CaseState state, Language language, boolean clear) {
    return new CasePdf.Request(state, 7, BTN, language, clear, DONE);
  }

  @Test
  void theBeritaAcaraCarriesTheTicketTheResolutionAndIndonesianLabelsWithDatesInTheAgencysZone()
      throws IOException {
    String text = text(CasePdf.beritaAcara(request(resolved(), Language.ID, false)));

    assertThat(text)
        .contains("BERITA ACARA PENYELESAIAN PENGADUAN")
        .contains(BTN.name())
        .contains("BTN-2026-000042")
        .contains("sudah ditambal")
        .contains("Tim PUPR")
        .contains("Uraian penyelesaian")
        .contains("Tanggal penyelesaian")
        .contains("Pelapor diberitahu melalui")
        .contains("Selesai")
        .contains("5 November 2026, 09:30 WITA");
  }

  @Test
  void maskedThereIsNoNikPhoneOrNameInClear() throws IOException {
    String text = text(CasePdf.beritaAcara(request(resolved(), Language.ID, false)));

    assertThat(text)
        .doesNotContain(NIK)
        .doesNotContain("6281234567890")
        .doesNotContain("Rahmawati")
        .contains("7471")
        .contains("Data pribadi disamarkan");
  }

  @Test
  void inClearTheReporterIsShownForARoleThatMayReadIt() throws IOException {
    String text = text(CasePdf.beritaAcara(request(resolved(), Language.ID, true)));

    assertThat(text).contains(NIK).contains("Siti Rahmawati").contains("6281234567890");
  }

  @Test
  void englishWhenAsked() throws IOException {
    String text = text(CasePdf.beritaAcara(request(resolved(), Language.EN, false)));

    assertThat(text)
        .contains("RECORD OF COMPLAINT RESOLUTION")
        .contains("What was done")
        .contains("Resolved")
        .doesNotContain("Uraian penyelesaian");
  }

  @Test
  void theCaseRecordHasTheSummaryTimelineDeadlinesResolutionAndFiles() throws IOException {
    CaseState.Builder s = resolved().toBuilder();
    s.deadlines.put(
        "PENYELESAIAN",
        new CaseState.Deadline("PENYELESAIAN", Instant.parse("2026-11-16T03:00:00Z"), "MET", DONE));
    s.messages.add(
        new CaseState.Message(
            "m-1",
            Channel.WHATSAPP,
            "INBOUND",
            "wamid.1",
            "Jalan rusak, NIK saya " + NIK,
            RECEIVED,
            List.of("a-1"),
            List.of(new CaseState.FileInfo("foto-jalan.jpg", "image/jpeg", "a-1", "ref-1"))));

    String text = text(CasePdf.caseRecord(request(s.build(), Language.ID, false)));

    assertThat(text)
        .contains("BERKAS ARSIP PENGADUAN")
        .contains("BTN-2026-000042")
        .contains("Riwayat penanganan")
        .contains("btn.admin")
        .contains("Tenggat waktu")
        .contains("PENYELESAIAN")
        .contains("16 November 2026, 11:00 WITA")
        .contains("Penyelesaian")
        .contains("sudah ditambal")
        .contains("Daftar lampiran")
        .contains("foto-jalan.jpg")
        .contains("Jalan rusak")
        .doesNotContain(NIK);
  }

  @Test
  void aCaseWithoutAResolutionHasNoBeritaAcara() {
    CaseState.Builder s = resolved().toBuilder();
    s.resolution = null;
    s.status = CaseStatus.IN_PROGRESS;

    assertThat(CasePdf.hasBeritaAcara(s.build())).isFalse();
    assertThatThrownBy(() -> CasePdf.beritaAcara(request(s.build(), Language.ID, false)))
        .isInstanceOf(IllegalStateException.class);
  }
}
