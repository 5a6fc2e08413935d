package id.aduan.notification.domain;

import static id.aduan.notification.domain.Fixtures.agency;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each channel gets, in each language. */
class RenderingTest {

  private static final ChannelRules.Mode FREE = new ChannelRules.FreeText();
  private static final ChannelRules.Mode TEMPLATE = new ChannelRules.Template();

  private static Part part(
      String purpose, String template, Map<String, String> values, boolean automatic) {
    return new Part("n-1", purpose, template, values, automatic, "wamid.IN-1");
  }

  private static Part ack() {
    return part(
        "ACKNOWLEDGEMENT",
        "acknowledgement",
        Map.of("ticket", "BDG-2026-000123", "howToCheck", "Cek di http://x/status."),
        true);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "id, 'Pengaduan Anda telah kami terima dengan nomor tiket BDG-2026-000123.'",
    "en, 'We have received your complaint under ticket number BDG-2026-000123.'"
  })
  void theAgencysTemplateIsFilledInTheCitizensLanguage(String language, String expected) {
    Rendering.Rendered r =
        Rendering.render(
            List.of(ack()),
            Channel.WHATSAPP,
            FREE,
            agency("BDG"),
            language,
            "BDG-2026-000123",
            null);

    assertThat(r.text()).startsWith(expected).endsWith("Cek di http://x/status.");
    assertThat(r.template()).isNull();
  }

  @Test
  void outsideTheWhatsAppWindowThePurposesApprovedTemplateCarriesItsParameters() {
    Rendering.Rendered r =
        Rendering.render(
            List.of(ack()),
            Channel.WHATSAPP,
            TEMPLATE,
            agency("BDG"),
            "id",
            "BDG-2026-000123",
            null);

    assertThat(r.template())
        .isEqualTo(
            new OutboundMessage.Template(
                "aduan_tiket_diterima",
                "id",
                List.of("BDG-2026-000123", "Dinas Sosial Kota Bandung")));
  }

  @Test
  void withoutAnApprovedTemplateForThePurposeTheNumbersWindowTemplateCarriesTheFlattenedText() {
    String longAnswer = "Baris satu.\n\nBaris\tdua.      " + "x".repeat(2000);
    Part answer = part("ANSWER", "answer", Map.of("ticket", "BDG-1", "answer", longAnswer), false);

    Rendering.Rendered r =
        Rendering.render(
            List.of(answer), Channel.WHATSAPP, TEMPLATE, agency("BDG"), "id", "BDG-1", null);

    assertThat(r.template().name()).isEqualTo("aduan_pesan_lanjutan");
    String parameter = r.template().parameters().getFirst();
    assertThat(parameter)
        .hasSizeLessThanOrEqualTo(Rendering.WHATSAPP_PARAMETER_LIMIT)
        .doesNotContain("\n", "\t", "    ")
        .endsWith("…");
    assertThat(parameter).startsWith("Tanggapan atas pengaduan BDG-1: Baris satu. Baris dua.");
    assertThat(r.text()).contains(longAnswer);
  }

  @Test
  void emailHasTheTicketInTheSubjectAndAnEscapedHtmlPart() {
    Part answer =
        part(
            "ANSWER",
            "answer",
            Map.of("ticket", "BDG-1", "answer", "<b>Ya</b> & selesai\n\nParagraf dua"),
            false);

    Rendering.Rendered id =
        Rendering.render(List.of(answer), Channel.EMAIL, FREE, agency("BDG"), "id", "BDG-1", null);
    Rendering.Rendered en =
        Rendering.render(List.of(answer), Channel.EMAIL, FREE, agency("BDG"), "en", "BDG-1", null);

    assertThat(id.subject()).isEqualTo("[BDG-1] Tanggapan atas pengaduan Anda");
    assertThat(en.subject()).isEqualTo("[BDG-1] Answer to your complaint");
    assertThat(id.text()).contains("<b>Ya</b> & selesai");
    assertThat(id.html())
        .startsWith("<!DOCTYPE html>")
        .contains("&lt;b&gt;Ya&lt;/b&gt; &amp; selesai</p><p>Paragraf dua</p>");
  }

  @Test
  void laporFollowUpsArePublishedWithoutPersonalData() {
    Part answer =
        part(
            "ANSWER",
            "answer",
            Map.of(
                "ticket", "BABEL-2026-000001",
                "answer",
                    "Bapak Budi Santoso (NIK 3273012501900001, HP 0812-3456-7890, budi@mail.test) sudah dikunjungi."),
            false);

    Rendering.Rendered r =
        Rendering.render(
            List.of(answer), Channel.LAPOR, FREE, agency("BABEL"), "id", "BABEL-2026-000001", null);

    assertThat(r.text())
        .isEqualTo(
            "Tanggapan atas pengaduan BABEL-2026-000001: Bapak [nama] (NIK [NIK], HP [nomor telepon], [email]) sudah dikunjungi.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"FACEBOOK, 2000", "INSTAGRAM, 1000"})
  void metaChannelsAreCutToTheirLimitAtAWord(Channel channel, int limit) {
    Part answer =
        part("ANSWER", "answer", Map.of("ticket", "LBK-1", "answer", "kata ".repeat(1000)), false);

    Rendering.Rendered r =
        Rendering.render(List.of(answer), channel, FREE, agency("LBK"), "id", "LBK-1", null);

    assertThat(r.text()).hasSizeLessThanOrEqualTo(limit).endsWith("kata…");
  }

  @Test
  void heldPartsForOneCitizenGoOutAsOneMessage() {
    Part routed =
        part(
            "STATUS",
            "routed",
            Map.of("ticket", "BDG-1", "division", "Bidang Rehabilitasi Sosial"),
            true);
    Part progress = part("STATUS", "inProgress", Map.of("ticket", "BDG-1"), true);

    Rendering.Rendered r =
        Rendering.render(
            List.of(routed, progress),
            Channel.WHATSAPP,
            TEMPLATE,
            agency("BDG"),
            "id",
            "BDG-1",
            null);

    assertThat(r.text())
        .isEqualTo(
            """
            Kabar terbaru pengaduan BDG-1:
            - Pengaduan BDG-1 telah diteruskan ke Bidang Rehabilitasi Sosial untuk ditindaklanjuti.
            - Pengaduan BDG-1 sedang ditindaklanjuti oleh petugas kami.""");
    assertThat(r.template().name())
        .as("merged: the generic template")
        .isEqualTo("aduan_pesan_lanjutan");
  }

  @Test
  void twoTemplatesOfOnePartAreOneText() {
    Part p =
        part(
            "INFORMATION_REQUEST",
            "informationRequest+invalidNik",
            Map.of("ticket", "BDG-1", "missing", "KK", "invalid", "nik:checksum"),
            true);

    assertThat(Rendering.text(p, agency("BDG"), "en"))
        .startsWith("To process complaint BDG-1, please send: KK.")
        .contains("The NIK you sent for BDG-1 is not valid (nik:checksum).");
  }
}
