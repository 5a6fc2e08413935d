package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Threading, duplicate flags and classification suggestions at intake. */
class IntakeRulesTest {

  private static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  private static final Agency BDG = CATALOG.byCode("BDG").orElseThrow();
  private static final Agency BABEL = CATALOG.byCode("BABEL").orElseThrow();
  private static final Instant NOW = Instant.parse("2026-03-17T02:15:30Z");

  /** The reporter of every candidate below, writing on WhatsApp. */
  private static final Reporters.Sender REPORTER =
      new Reporters.Sender(Channel.WHATSAPP, "6281200000001", true, null);

  private static Optional<Threading.Candidate> candidate(String id, CaseStatus s, Instant last) {
    return Optional.of(
        new Threading.Candidate(
            id,
            "BDG-2026-00000" + id.charAt(2),
            s,
            last,
            new Reporters(
                new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281200000001"),
                List.of(),
                null)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "~",
      value = {
        "a reply joins even an old case,          REPLY,  c-1, ~,   ~,   P30D, c-1",
        "a ticket in the text joins,              ~,      ~,   c-2, ~,   P30D, c-2",
        "a reply wins over a ticket,              REPLY,  c-1, c-2, c-3, PT1H, c-1",
        "within the window joins,                 ~,      ~,   ~,   c-3, P6D,  c-3",
        "after the window opens a new case,       ~,      ~,   ~,   c-3, P8D,  ~",
      })
  void aMessageJoinsTheCitizensOpenCaseOrOpensOne(
      String name,
      String replyReason,
      String replied,
      String ticket,
      String latest,
      java.time.Duration age,
      String expected) {
    Instant last = NOW.minus(age);
    Optional<Threading.Join> join =
        Threading.decide(
                BDG,
                NOW,
                REPORTER,
                replied == null ? Optional.empty() : candidate(replied, CaseStatus.ROUTED, last),
                ticket == null ? Optional.empty() : candidate(ticket, CaseStatus.ANSWERED, last),
                latest == null ? Optional.empty() : candidate(latest, CaseStatus.INCOMPLETE, last))
            .join();

    assertThat(join.map(Threading.Join::caseId).orElse(null)).isEqualTo(expected);
  }

  @Test
  void closedCasesAreNotJoinedAndTicketsAreFoundOnlyForTheAgency() {
    assertThat(
            Threading.decide(
                BDG,
                NOW,
                REPORTER,
                candidate("c-1", CaseStatus.RESOLVED, NOW),
                candidate("c-2", CaseStatus.ARCHIVED, NOW),
                candidate("c-3", CaseStatus.MERGED, NOW)))
        .isEqualTo(new Threading.Decision(Optional.empty(), List.of()));
    assertThat(Threading.ticketsIn("soal tiket bdg-2026-000123 dan PSR-2026-000001", "BDG"))
        .containsExactly("BDG-2026-000123");
  }

  /** Issue 19: the tracking id links a complaint on another channel and its LAPOR! report. */
  @Test
  void aWhatsAppComplaintNamingTheTrackingIdIsFlaggedAsTheLaporReportsDuplicate() {
    IdentityKeys identity = new IdentityKeys((kind, value) -> kind + ":" + value.hashCode());
    ComplaintReceived report =
        new ComplaintReceived(
            "e-1",
            NOW,
            "BABEL",
            Channel.LAPOR,
            "LAPOR-BABEL",
            "LAPOR-2026-0001234",
            new ComplaintReceived.Sender("u-9", null, false, false),
            "lapor-report",
            null,
            "Bantuan PKH keluarga kami belum cair",
            List.of(),
            null,
            null,
            List.of(),
            NOW,
            java.util.Map.of("laporTrackingId", "LAPOR-2026-0001234"),
            null);
    List<Duplicates.Candidate> open =
        List.of(
            new Duplicates.Candidate(
                "c-1",
                "BABEL-2026-000001",
                Channel.LAPOR,
                NOW.minusSeconds(3600),
                "Bantuan PKH keluarga kami belum cair",
                identity.of(report, null)));
    String whatsapp = "Saya sudah lapor di lapor-2026-0001234, bagaimana kelanjutannya?";

    List<Duplicates.Suspect> suspects =
        Duplicates.find(
            BABEL,
            NOW,
            whatsapp,
            identity.of(Channel.WHATSAPP, "6281299990001", null, whatsapp),
            open);

    assertThat(suspects)
        .singleElement()
        .satisfies(s -> assertThat(s.reasons()).containsExactly("same-lapor"));
    assertThat(
            Duplicates.find(
                BABEL,
                NOW,
                "Saya sudah lapor di LAPOR-2026-0009999",
                identity.of(
                    Channel.WHATSAPP,
                    "6281299990001",
                    null,
                    "Saya sudah lapor di LAPOR-2026-0009999"),
                open))
        .isEmpty();
  }

  @Test
  void aWhatsAppComplaintThatAlsoArrivesThroughLaporIsFlagged() {
    String text = "Jalan desa Air Itam rusak parah sejak tahun lalu, mohon segera diperbaiki";
    IdentityKeys identity = new IdentityKeys((kind, value) -> kind + ":" + value.hashCode());
    Set<String> whatsapp = identity.of(Channel.WHATSAPP, "6281277452024", null, text);
    Set<String> lapor =
        identity.of(Channel.LAPOR, "TRK-1", null, text + " Kontak saya 0812-7745-2024");
    List<Duplicates.Candidate> open =
        List.of(
            new Duplicates.Candidate(
                "c-1",
                "BABEL-2026-000001",
                Channel.WHATSAPP,
                NOW.minusSeconds(86400),
                text,
                whatsapp),
            new Duplicates.Candidate(
                "c-2",
                "BABEL-2026-000002",
                Channel.WHATSAPP,
                NOW.minusSeconds(86400),
                "Bantuan PKH belum cair",
                whatsapp),
            new Duplicates.Candidate(
                "c-3",
                "BABEL-2026-000003",
                Channel.WHATSAPP,
                NOW.minus(java.time.Duration.ofDays(40)),
                text,
                whatsapp));

    List<Duplicates.Suspect> suspects =
        Duplicates.find(BABEL, NOW, text + " Kontak saya 0812-7745-2024", lapor, open);

    assertThat(suspects)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.ticket()).isEqualTo("BABEL-2026-000001");
              assertThat(s.reasons()).containsExactly("same-phone");
            });
    assertThat(String.join(",", lapor)).doesNotContain("812");
  }

  @Test
  void classificationRulesSuggestTheCaseTypeAndTheDivision() {
    Agency lbk = CATALOG.byCode("LBK").orElseThrow();
    assertThat(Classifier.caseType(lbk, "Saya mengajukan permohonan informasi daftar penerima"))
        .isEqualTo(CaseType.INFORMATION_REQUEST);
    assertThat(Classifier.caseType(lbk, "Bantuan PKH belum cair")).isEqualTo(CaseType.COMPLAINT);
    assertThat(Classifier.suggestDivision(BDG, "Bantuan PKH dan BPNT ibu saya belum cair"))
        .contains("LINJAMSOS");
    assertThat(Classifier.suggestDivision(BDG, "Terima kasih")).isEmpty();
  }
}
