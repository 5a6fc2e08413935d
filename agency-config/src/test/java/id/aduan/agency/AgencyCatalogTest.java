package id.aduan.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgencyCatalogTest {

  private final AgencyCatalog catalog = AgencyCatalog.bundled();

  @Test
  void bundlesTheFiveDemoAgencies() {
    assertThat(catalog.all())
        .extracting(Agency::code)
        .containsExactly("BDG", "BABEL", "BTN", "LBK", "PSR");
  }

  @ParameterizedTest
  @CsvSource({
    "100000000000001, BDG, Asia/Jakarta",
    "100000000000002, BABEL, Asia/Jakarta",
    "100000000000003, BTN, Asia/Makassar",
    "100000000000004, LBK, Asia/Jakarta",
    "100000000000005, PSR, Asia/Jakarta"
  })
  void findsTheAgencyOwningAWhatsAppNumber(String phoneNumberId, String code, String zone) {
    Agency agency = catalog.byWhatsAppPhoneNumberId(phoneNumberId).orElseThrow();

    assertThat(agency.code()).isEqualTo(code);
    assertThat(agency.timeZone()).isEqualTo(ZoneId.of(zone));
    assertThat(catalog.byMailbox("Pengaduan@" + code.toLowerCase() + ".aduan.test"))
        .contains(agency);
  }

  @Test
  void bandungsHotlineIsChatOnlyAndOthersAreNot() {
    assertThat(catalog.byCode("BDG").orElseThrow().channels().whatsapp().chatOnly()).isTrue();
    assertThat(catalog.byCode("BTN").orElseThrow().channels().whatsapp().chatOnly()).isFalse();
  }

  @Test
  void socialAccountsAndLaporIdsRoute() {
    assertThat(catalog.bySocialAccountId("200000000000002").map(Agency::code)).contains("BABEL");
    assertThat(catalog.bySocialAccountId("300000000000004").map(Agency::code)).contains("LBK");
    assertThat(catalog.byLaporAgencyId("LAPOR-PSR").map(Agency::code)).contains("PSR");
    assertThat(catalog.byWhatsAppPhoneNumberId("999")).isEmpty();
  }

  @Test
  void aBadTimeZoneNamesFileLineAndReason() {
    String yaml =
        """
        code: XYZ
        name: Test
        timeZone: Asia/Atlantis
        standard: {file: x.txt}
        channels: {}
        """;

    assertThatThrownBy(() -> AgencyCatalog.parse("xyz.yaml", yaml))
        .isInstanceOf(AgencyConfigException.class)
        .hasMessage(
            "xyz.yaml:3: timeZone: 'Asia/Atlantis' is not a time zone such as Asia/Jakarta");
  }

  @Test
  void anUnknownKeyIsRefusedNotIgnored() {
    String yaml =
        """
        code: XYZ
        name: Test
        timeZone: Asia/Jakarta
        standard: {file: x.txt}
        channels:
          whatsap:
            phoneNumberId: "1"
        """;

    assertThatThrownBy(() -> AgencyCatalog.parse("xyz.yaml", yaml))
        .hasMessageStartingWith("xyz.yaml:7: channels.whatsap: unknown key 'whatsap'");
  }

  /** Lebak's "Kontak Kami" and Bangka Belitung's website: a web form; the others have none. */
  @Test
  void theWebFormIsOnWhereTheStandardNamesTheWebsiteWithTheOptionsTheAgencyAllows() {
    assertThat(catalog.byCode("LBK").orElseThrow().channels().web())
        .isEqualTo(new Agency.Web(true, true));
    assertThat(catalog.byCode("BABEL").orElseThrow().channels().web())
        .isEqualTo(new Agency.Web(false, true));
    assertThat(catalog.all())
        .filteredOn(a -> a.channels().webForm().isPresent())
        .extracting(Agency::code)
        .containsExactly("BABEL", "LBK");
    // Bangka Belitung's identity and supporting documents are asked of the form too.
    assertThat(catalog.byCode("BABEL").orElseThrow().rules().intake())
        .filteredOn(r -> r.appliesTo("COMPLAINT", "WEB"))
        .extracting(Agency.Requirement::id)
        .containsExactly("identity", "supporting", "form");
  }

  @Test
  void aWebFormOptionThatIsNotKnownOrNotABooleanIsRefused() {
    String unknown =
        """
        code: XYZ
        name: Test
        timeZone: Asia/Jakarta
        standard: {file: x.txt}
        channels:
          web:
            anonymus: true
        """;
    String notABoolean = unknown.replace("anonymus: true", "anonymous: ya");

    assertThatThrownBy(() -> AgencyCatalog.parse("xyz.yaml", unknown))
        .isInstanceOf(AgencyConfigException.class)
        .hasMessageContaining("xyz.yaml:7")
        .hasMessageContaining("unknown key 'anonymus'");
    assertThatThrownBy(() -> AgencyCatalog.parse("xyz.yaml", notABoolean))
        .isInstanceOf(AgencyConfigException.class)
        .hasMessageContaining("xyz.yaml:7")
        .hasMessageContaining("true or false");
    // An empty section is a form without options.
    assertThat(
            AgencyCatalog.parse("xyz.yaml", unknown.replace("anonymus: true", "{}"))
                .channels()
                .web())
        .isEqualTo(new Agency.Web(false, false));
  }

  @Test
  void aMissingFieldAndBrokenYamlAreReported() {
    assertThatThrownBy(() -> AgencyCatalog.parse("a.yaml", "code: XYZ\nname: Test\n"))
        .hasMessage("a.yaml:1: timeZone: is required");
    assertThatThrownBy(() -> AgencyCatalog.parse("b.yaml", "code: [XYZ\n"))
        .hasMessageStartingWith("b.yaml:2: : not valid YAML");
    assertThatThrownBy(() -> AgencyCatalog.parse("c.yaml", "code: bdg\n"))
        .hasMessage(
            "c.yaml:1: code: must be 2 to 8 capital letters (it starts every ticket number)");
  }

  @Test
  void twoAgenciesCannotShareAWhatsAppNumber() {
    Agency bdg = catalog.byCode("BDG").orElseThrow();
    Agency copy =
        new Agency(
            "BDX",
            bdg.name(),
            bdg.timeZone(),
            "id",
            bdg.standard(),
            bdg.officeHours(),
            new Agency.Channels(
                bdg.channels().whatsapp(),
                java.util.List.of(),
                null,
                null,
                null,
                java.util.List.of()),
            "bdx.yaml");

    assertThatThrownBy(() -> AgencyCatalog.of(java.util.List.of(bdg, copy)))
        .hasMessageContaining(
            "WhatsApp phone-number id '100000000000001' is also used by bdg.yaml");
  }
}
