package id.aduan.email.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser against a corpus of real-world-shaped mails (src/test/resources/corpus): one row per
 * file with what an officer must see and what must be cut.
 */
class MailParserCorpusTest {

  private final MailParser parser = new MailParser(MimeLimits.DEFAULT);

  record Row(
      String file,
      MailKind kind,
      @Nullable String subject,
      @Nullable String from,
      List<String> textContains,
      List<String> textLacks,
      @Nullable String ticket) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Row> corpus() {
    return Stream.of(
        new Row(
            "gmail-reply-html.eml",
            MailKind.COMPLAINT,
            "Re: [BDG-2026-000123] Pengaduan Anda sudah kami terima",
            "siti.aminah@gmail.example",
            List.of("sudah saya kirim lewat kantor kelurahan minggu lalu."),
            List.of("menulis:", "Mohon lengkapi KK"),
            "BDG-2026-000123"),
        new Row(
            "gmail-html-only.eml",
            MailKind.COMPLAINT,
            "Bantuan sembako tidak sampai",
            "rudi.hartono@gmail.example",
            List.of("Selamat siang,", "sejak bulan Februari. Mohon ditindaklanjuti & dikabari."),
            List.of("<p>", "alert", "color: red", "pixel.gif"),
            null),
        new Row(
            "outlook-html-windows-1252.eml",
            MailKind.COMPLAINT,
            "RE: Pengaduan BDG-2026-000124",
            "dewi.lestari@outlook.example",
            List.of("Data kami sudah “terverifikasi” di kelurahan – tapi bantuan belum masuk."),
            List.of("Riwayat lama", "MsoNormal", "From:"),
            "BDG-2026-000124"),
        new Row(
            "latin1-plain.eml",
            MailKind.COMPLAINT,
            "Keluhan pelayanan",
            "agus@yahoo.example",
            List.of("loket café depan kantor meminta biaya « administrasi »."),
            List.of("Pasarwajo"),
            null),
        new Row(
            "windows-1252-labelled-ascii.eml",
            MailKind.COMPLAINT,
            "Surat tidak dibalas",
            "warga@mail.example",
            List.of("surat “permohonan” dua kali – belum ada jawaban."),
            List.of("iPhone"),
            null),
        new Row(
            "encoded-subject.eml",
            MailKind.COMPLAINT,
            "Pengaduan: bantuan belum cair – café ditutup",
            "nur@mail.example",
            List.of("Mohon dibantu, bantuan belum cair."),
            List.of(),
            null),
        new Row(
            "attachments-rfc2231.eml",
            MailKind.COMPLAINT,
            "Lampiran KTP dan KK",
            "budi@mail.example",
            List.of("Berikut KTP dan KK saya."),
            List.of("cid:"),
            null),
        new Row(
            "nested-forward.eml",
            MailKind.COMPLAINT,
            "Fwd: Fwd: Keluhan warga soal PKH",
            "camat@kecamatan.example",
            List.of(
                "Mohon ditindaklanjuti",
                "Diteruskan dari warga.",
                "Dana PKH keluarga kami dipotong oleh pendamping.",
                "Perihal / Subject: Keluhan warga soal PKH"),
            List.of(),
            null),
        new Row(
            "bounce.eml",
            MailKind.BOUNCE,
            "Undelivered Mail Returned to Sender",
            "mailer-daemon@mx.mail.example",
            List.of(),
            List.of(),
            null),
        new Row(
            "out-of-office.eml",
            MailKind.AUTO_REPLY,
            "Balasan Otomatis: [BDG-2026-000123] Pengaduan Anda sudah kami terima",
            "kepala.seksi@outlook.example",
            List.of("cuti"),
            List.of(),
            "BDG-2026-000123"),
        new Row(
            "mailing-list.eml",
            MailKind.AUTO_REPLY,
            "Buletin bulanan",
            "news@list.example",
            List.of(),
            List.of(),
            null));
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void eachMailReadsAsAnOfficerMustSeeIt(Row row) throws Exception {
    ParsedMail mail = parser.parse(read(row.file()));

    assertThat(mail.kind()).isEqualTo(row.kind());
    assertThat(mail.subject()).isEqualTo(row.subject());
    assertThat(mail.fromAddress()).isEqualTo(row.from());
    for (String expected : row.textContains()) {
      assertThat(mail.text()).contains(expected);
    }
    for (String cut : row.textLacks()) {
      assertThat(mail.text()).doesNotContain(cut);
    }
    assertThat(Tickets.in(mail.subject())).isEqualTo(java.util.Optional.ofNullable(row.ticket()));
    assertThat(mail.contentHash()).hasSize(64);
  }

  @Test
  void theFullOriginalKeepsWhatTheComplaintTextTrims() throws Exception {
    ParsedMail mail = parser.parse(read("gmail-reply-html.eml"));

    assertThat(mail.fullText()).contains("Mohon lengkapi KK dan KTP.");
    assertThat(mail.messageId()).isEqualTo("<CAF=gmail-reply-1@mail.gmail.example>");
    assertThat(mail.inReplyTo()).isEqualTo("<BDG-2026-000123.ack@bdg.aduan.test>");
    assertThat(mail.references())
        .containsExactly("<ack-1@bdg.aduan.test>", "<BDG-2026-000123.ack@bdg.aduan.test>");
    assertThat(mail.fromName()).isEqualTo("Siti Aminah");
  }

  @Test
  void attachmentsKeepTheirDecodedNamesAndInlineImagesTheirContentId() throws Exception {
    ParsedMail mail = parser.parse(read("attachments-rfc2231.eml"));

    assertThat(mail.parts())
        .extracting(MailPart::fileName)
        .containsExactly(
            null, "Surat Keterangan Tidak Mampu – Budi.pdf", "Kartu Keluarga – 2026.jpg");
    MailPart inline = mail.parts().get(0);
    assertThat(inline.inline()).isTrue();
    assertThat(inline.contentId()).isEqualTo("<foto1@mail.example>");
    assertThat(inline.mediaType()).isEqualTo("image/png");
    assertThat(mail.parts().get(1).content())
        .startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aBounceNamesTheOutboundMailItAnswers() throws Exception {
    ParsedMail mail = parser.parse(read("bounce.eml"));

    assertThat(mail.bounce()).isNotNull();
    assertThat(mail.bounce().originalMessageIds())
        .containsExactly("<outbound-4f1c2e9a@bdg.aduan.test>");
    assertThat(mail.bounce().status()).isEqualTo("5.1.1");
    assertThat(mail.envelopeAddresses())
        .extracting(a -> Verp.outboundId(a).orElse(null))
        .contains("4f1c2e9a-0b6e-4c2a-9f1e-5b7d2f1a9c01");
  }

  @Test
  void aNestedForwardCountsEachForwardedMessage() throws Exception {
    assertThat(parser.parse(read("nested-forward.eml")).forwardedMessages()).isEqualTo(2);
  }

  @Test
  void brokenTransferEncodingIsRejectedAsMalformed() {
    assertThatThrownBy(() -> parser.parse(read("broken-base64.eml")))
        .isInstanceOf(UnparseableMailException.class)
        .extracting(e -> ((UnparseableMailException) e).reason())
        .isEqualTo("MALFORMED");
  }

  static byte[] read(String file) throws IOException {
    try (InputStream in = MailParserCorpusTest.class.getResourceAsStream("/corpus/" + file)) {
      assertThat(in).as(file).isNotNull();
      return in.readAllBytes();
    }
  }
}
