package id.aduan.email.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The caps that keep one mail from exhausting the service, and the small rules beside the parser.
 */
class MailParserLimitsTest {

  private static final MimeLimits SMALL = new MimeLimits(5, 3, 4096, 16);

  @Test
  void moreThanTheMaximumNumberOfPartsIsRejected() {
    StringBuilder mail = new StringBuilder(headers("multipart/mixed; boundary=b"));
    for (int i = 0; i < 6; i++) {
      mail.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
    }
    mail.append("--b--\n");

    assertReason(mail.toString(), "TOO_MANY_PARTS");
  }

  @Test
  void nestingDeeperThanTheMaximumIsRejected() {
    String mail =
        headers("multipart/mixed; boundary=a")
            + "--a\nContent-Type: multipart/mixed; boundary=b\n\n"
            + "--b\nContent-Type: multipart/mixed; boundary=c\n\n"
            + "--c\nContent-Type: multipart/mixed; boundary=d\n\n"
            + "--d\nContent-Type: text/plain\n\ndeep\n--d--\n--c--\n--b--\n--a--\n";

    assertReason(mail, "TOO_DEEP");
  }

  @Test
  void aMessageOverTheSizeCapIsRejectedBeforeParsing() {
    assertReason(headers("text/plain") + "x".repeat(5000), "TOO_LARGE");
  }

  @Test
  void anAttachmentOverItsCapIsKeptAsAReferenceWithoutBytes() throws Exception {
    String mail =
        headers("multipart/mixed; boundary=b")
            + "--b\nContent-Type: text/plain\n\nlihat lampiran\n"
            + "--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=big.pdf\n\n"
            + "0123456789012345678901234567890123456789\n--b--\n";

    ParsedMail parsed = new MailParser(SMALL).parse(mail.getBytes(StandardCharsets.US_ASCII));

    assertThat(parsed.parts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.tooLarge()).isTrue();
              assertThat(p.sizeBytes()).isGreaterThan(16);
            });
  }

  @Test
  void aBrokenFromHeaderStillYieldsTheAddress() throws Exception {
    String mail =
        "From: Budi Santoso <budi@mail.example\nMessage-ID: <x@y>\nContent-Type: text/plain\n\nhalo\n";

    ParsedMail parsed = new MailParser(SMALL).parse(mail.getBytes(StandardCharsets.US_ASCII));

    assertThat(parsed.fromAddress()).isEqualTo("budi@mail.example");
  }

  @ParameterizedTest
  @CsvSource({
    // label, body bytes (hex, windows-1252), text expected
    "utf-8, 4a616c616e20727573616b209620646920646570616e20636166e9, Jalan rusak – di depan café",
    "x-unknown-charset, 4c616d7075206a616c616e20936d617469942073656a616b2053656e696e, Lampu jalan “mati” sejak Senin",
    "us-ascii, 5369746920416d696e61682096205254203035, Siti Aminah – RT 05"
  })
  void aMislabelledOrUnknownCharsetFallsBackToWindows1252(String label, String hex, String text)
      throws Exception {
    byte[] head =
        ("From: warga@mail.example\nMessage-ID: <cs@mail.example>\nMIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset="
                + label
                + "\nContent-Transfer-Encoding: 8bit\n\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] body = java.util.HexFormat.of().parseHex(hex);
    byte[] mail = new byte[head.length + body.length];
    System.arraycopy(head, 0, mail, 0, head.length);
    System.arraycopy(body, 0, mail, head.length, body.length);

    assertThat(new MailParser(SMALL).parse(mail).text()).isEqualTo(text);
  }

  @Test
  void aMailWithoutMessageIdIsIdentifiedByItsContentHash() throws Exception {
    ParsedMail parsed =
        new MailParser(SMALL)
            .parse("From: a@b.example\n\nhalo\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(parsed.messageId()).isNull();
    assertThat(parsed.identity()).isEqualTo("sha256:" + parsed.contentHash());
  }

  @ParameterizedTest
  @CsvSource({
    "Auto-Submitted: auto-generated, AUTO_REPLY",
    "Auto-Submitted: auto-replied, AUTO_REPLY",
    "Auto-Submitted: no, COMPLAINT",
    "Precedence: bulk, AUTO_REPLY",
    "Precedence: list, AUTO_REPLY",
    "Precedence: junk, AUTO_REPLY",
    "Precedence: first-class, COMPLAINT",
    "X-Autoreply: yes, AUTO_REPLY",
    "X-Autorespond: yes, AUTO_REPLY",
    "List-Post: <mailto:l@x.example>, AUTO_REPLY",
    "List-Id: <warga.list.example>, AUTO_REPLY",
    "List-Unsubscribe: <mailto:u@x.example>, AUTO_REPLY",
    "Return-Path: <>, AUTO_REPLY",
    "X-Mailer: Thunderbird, COMPLAINT"
  })
  void automaticMailIsToldApartFromCitizens(String header, MailKind kind) throws Exception {
    String mail = "From: warga@mail.example\n" + header + "\nContent-Type: text/plain\n\nhalo\n";

    assertThat(new MailParser(SMALL).parse(mail.getBytes(StandardCharsets.US_ASCII)).kind())
        .isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource({
    "postmaster@mail.example, AUTO_REPLY",
    "MAILER-DAEMON@mail.example, AUTO_REPLY",
    "warga@mail.example, COMPLAINT"
  })
  void mailFromTheMailSystemIsNotAComplaint(String from, MailKind kind) throws Exception {
    String mail = "From: " + from + "\nContent-Type: text/plain\n\nhalo\n";

    assertThat(new MailParser(SMALL).parse(mail.getBytes(StandardCharsets.US_ASCII)).kind())
        .isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource({
    "'Re: [BDG-2026-000123] Pengaduan', BDG-2026-000123",
    "'tiket lbk-2026-000007 belum dijawab', LBK-2026-000007",
    "'Nomor 2026-000123 saja', ''",
    "'BDG-2026-0001234 terlalu panjang', ''"
  })
  void aTicketNumberInTheSubjectIsFound(String subject, String ticket) {
    assertThat(Tickets.in(subject))
        .isEqualTo(Optional.ofNullable(ticket).filter(t -> !t.isEmpty()));
  }

  @Test
  void aVerpAddressRoundTripsItsOutboundId() {
    String path = Verp.returnPath("pengaduan@bdg.aduan.test", "4f1c2e9a-0b6e-4c2a");

    assertThat(path).isEqualTo("pengaduan+bounce-4f1c2e9a-0b6e-4c2a@bdg.aduan.test");
    assertThat(Verp.outboundId(path)).contains("4f1c2e9a-0b6e-4c2a");
    assertThat(Verp.outboundId("pengaduan@bdg.aduan.test")).isEmpty();
  }

  @Test
  void aChangedUidValidityMeansReadingEverythingAgain() {
    Checkpoint checkpoint = new Checkpoint("pengaduan@bdg.aduan.test", 7, 42);

    assertThat(checkpoint.plan(7)).isEqualTo(new Checkpoint.Plan(43, false));
    assertThat(checkpoint.plan(8)).isEqualTo(new Checkpoint.Plan(1, true));
    assertThat(checkpoint.advancedTo(40).lastUid()).isEqualTo(42);
    assertThat(checkpoint.advancedTo(50).lastUid()).isEqualTo(50);
  }

  private static String headers(String contentType) {
    return "From: warga@mail.example\nMessage-ID: <limits@mail.example>\nMIME-Version: 1.0\n"
        + "Content-Type: "
        + contentType
        + "\n\n";
  }

  private static void assertReason(String mail, String reason) {
    assertThatThrownBy(() -> new MailParser(SMALL).parse(mail.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(UnparseableMailException.class)
        .extracting(e -> ((UnparseableMailException) e).reason())
        .isEqualTo(reason);
  }
}
