package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each agency's intake requirements, as its standard writes them, checked on what a citizen sends:
 * a case opens INCOMPLETE naming exactly what is missing, and later messages resume it.
 */
class AgencyStandardsCompletenessTest {

  private static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  private static final Instant AT = Instant.parse("2026-03-17T02:15:30Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 17);
  private static final String VALID_NIK = "3273014101900001";

  /**
   * agency | channel | case type | text | attachment file names | front-desk form (k=v;k=v) |
   * expected missing | expected invalid.
   */
  @ParameterizedTest(name = "{0} {1} {2}: missing [{6}] invalid [{7}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "~",
      value = {
        // Bandung: copies of KK and KTP, and the request form (the citizen's own account)
        "BDG | WHATSAPP | COMPLAINT | Bantuan PKH ibu saya belum cair sejak Januari | ~ | ~ | kk,ktp | ''",
        "BDG | WHATSAPP | COMPLAINT | PKH belum cair | ~ | ~ | kk,ktp,form | ''",
        "BDG | WHATSAPP | COMPLAINT | Bantuan PKH ibu saya belum cair, NIK 3273014101900001 | kk-ibu.jpg | ~ | '' | ''",
        "BDG | WHATSAPP | COMPLAINT | Bantuan PKH ibu saya belum cair, NIK 3273013201900001 | kk.jpg | ~ | ktp | nik:birth-date",
        "BDG | EMAIL | COMPLAINT | Bantuan PKH ibu saya belum cair, terlampir KK dan KTP | scan.pdf | ~ | '' | ''",
        // Bangka Belitung: identity and supporting documents on WhatsApp/Facebook/Instagram/walk-in
        "BABEL | FACEBOOK | COMPLAINT | Jalan desa rusak parah sejak tahun lalu | ~ | ~ | identity,supporting | ''",
        "BABEL | INSTAGRAM | COMPLAINT | Jalan desa rusak parah sejak tahun lalu NIK 1971010101900001 | foto.jpg | ~ | '' | ''",
        "BABEL | LAPOR | COMPLAINT | Jalan desa rusak parah sejak tahun lalu | ~ | ~ | '' | ''",
        // Buton: the written complaint's content, on front-desk letters
        "BTN | FRONT_DESK | COMPLAINT | ~ | ~ | name=La Ode;address=Pasarwajo;description=Bantuan beras tidak sampai ke keluarga kami;loss=Tiga bulan tanpa beras;remedy=Penyaluran ulang;placeAndTime=Pasarwajo 2 Maret;signed=true | '' | ''",
        "BTN | FRONT_DESK | COMPLAINT | ~ | ~ | name=La Ode;description=Bantuan beras tidak sampai ke keluarga kami;signed=false | address,loss,remedy,placeAndTime,signature | ''",
        "BTN | WHATSAPP | COMPLAINT | Bantuan beras tidak sampai ke keluarga kami | ~ | ~ | '' | ''",
        // Lebak: information requests need the requester's identity and the request form
        "LBK | EMAIL | INFORMATION_REQUEST | Permohonan informasi data penerima bansos desa | ~ | ~ | identity | ''",
        "LBK | EMAIL | INFORMATION_REQUEST | Permohonan informasi data penerima bansos desa NIK 3602010101900001 | ~ | ~ | '' | ''",
        "LBK | INSTAGRAM | COMPLAINT | pelayanan lambat | ~ | ~ | '' | ''",
        // Nothing required is missing: an invalid NIK is kept (not as valid) but holds nothing
        "LBK | INSTAGRAM | COMPLAINT | pelayanan lambat NIK 3602013201900001 | ~ | ~ | '' | nik:birth-date",
        // Pasuruan: as Buton for written complaints; online SP4N-LAPOR! needs the description
        "PSR | FRONT_DESK | COMPLAINT | ~ | ~ | description=Dana desa tidak transparan di desa kami;signed=true | name,address,loss,remedy,placeAndTime | ''",
        "PSR | LAPOR | COMPLAINT | Dana desa | ~ | ~ | description | ''"
      })
  void eachStandardsIntakeRequirements(
      String code,
      Channel channel,
      CaseType type,
      String text,
      String files,
      String form,
      String missing,
      String invalid) {
    Agency agency = CATALOG.byCode(code).orElseThrow();
    Completeness.Evidence evidence =
        new Completeness.Evidence(
            text == null ? List.of() : List.of(text),
            files == null
                ? List.of()
                : Arrays.stream(files.split(","))
                    .map(f -> new Completeness.Attachment(f, "image/jpeg", text))
                    .toList(),
            form(form));

    Case.Opened opened =
        Case.open(
            new Case.Opening(
                "c-1",
                code + "-2026-000001",
                channel,
                channel == Channel.FRONT_DESK ? "letter" : "ONLINE",
                type,
                AT,
                new ReplyAddress(channel, "acct", "citizen"),
                "m-1",
                "system"),
            agency,
            evidence,
            AT,
            TODAY);

    assertThat(String.join(",", opened.aggregate().missing())).isEqualTo(missing);
    assertThat(String.join(",", opened.aggregate().invalid())).isEqualTo(invalid);
    assertThat(opened.events().getFirst()).isInstanceOf(CaseEvent.CaseOpened.class);
    assertThat(opened.events().getFirst().status()).isEqualTo(CaseStatus.RECEIVED);
    if (missing.isEmpty()) {
      assertThat(opened.aggregate().status()).isEqualTo(CaseStatus.RECEIVED);
    } else {
      assertThat(opened.aggregate().status()).isEqualTo(CaseStatus.INCOMPLETE);
      assertThat(opened.events().getLast())
          .isInstanceOfSatisfying(
              CaseEvent.InformationRequested.class,
              r -> {
                assertThat(r.missing()).containsExactly(missing.split(","));
                assertThat(r.status()).isEqualTo(CaseStatus.INCOMPLETE);
                assertThat(r.replyAddress()).isNotNull();
              });
    }
  }

  private static Map<String, String> form(String form) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (form != null) {
      for (String pair : form.split(";")) {
        String[] kv = pair.split("=", 2);
        fields.put(kv[0], kv[1]);
      }
    }
    return fields;
  }

  @Test
  void theCitizensLaterMessagesAreCheckedAgainAndResumeTheCase() {
    Agency bdg = CATALOG.byCode("BDG").orElseThrow();
    String first = "Bantuan PKH ibu saya belum cair sejak Januari";
    Case c =
        Case.open(
                new Case.Opening(
                    "c-1",
                    "BDG-2026-000001",
                    Channel.WHATSAPP,
                    "ONLINE",
                    CaseType.COMPLAINT,
                    AT,
                    null,
                    "m-1",
                    "system"),
                bdg,
                new Completeness.Evidence(List.of(first), List.of(), Map.of()),
                AT,
                TODAY)
            .aggregate();
    assertThat(c.missing()).containsExactly("kk", "ktp");

    // A wrong NIK: still waiting, and the citizen is told what is wrong (not the number itself).
    List<CaseEvent> wrong =
        c.addCitizenMessage(
            "m-2",
            AT,
            null,
            bdg,
            new Completeness.Evidence(List.of(first, "NIK 3273013201900001"), List.of(), Map.of()),
            CitizenReply.of("x", false),
            AT,
            TODAY);
    assertThat(wrong.getLast())
        .isInstanceOfSatisfying(
            CaseEvent.InformationRequested.class,
            r -> {
              assertThat(r.missing()).containsExactly("kk", "ktp");
              assertThat(r.invalid()).containsExactly("nik:birth-date");
            });

    // The same again changes nothing: no second request.
    assertThat(
            c.addCitizenMessage(
                "m-3",
                AT,
                null,
                bdg,
                new Completeness.Evidence(
                    List.of(first, "NIK 3273013201900001", "?"), List.of(), Map.of()),
                CitizenReply.of("x", false),
                AT,
                TODAY))
        .singleElement()
        .isInstanceOf(CaseEvent.CitizenMessageAdded.class);

    // A valid NIK and a photo of the KK: complete, the case resumes.
    List<CaseEvent> done =
        c.addCitizenMessage(
            "m-4",
            AT,
            null,
            bdg,
            new Completeness.Evidence(
                List.of(first, "NIK " + VALID_NIK, "ini KK saya"),
                List.of(new Completeness.Attachment("IMG_001.jpg", "image/jpeg", "ini KK saya")),
                Map.of()),
            CitizenReply.of("x", false),
            AT,
            TODAY);
    assertThat(done)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("CitizenMessageAdded", "InformationReceived");
    assertThat(c.status()).isEqualTo(CaseStatus.RECEIVED);
  }
}
