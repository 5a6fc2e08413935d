package id.aduan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import id.aduan.cases.CaseServiceApplication;
import id.aduan.email.EmailChannelApplication;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A citizen's mail with a file, from SMTP to the officer's download: GreenMail (SMTP and IMAP) in
 * the JVM, channel-email and the case service on the in-JVM KRaft broker and the MongoDB-protocol
 * server, the case service reading channel-email's GridFS database. The file is downloadable by the
 * officers of the agency the mail was sent to and by nobody else, and a file an outsider names as
 * the adapter once named attachments ({@code part-1}) is served to no other agency (docs/adr/0028).
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailAttachmentEndToEndTest {

  private static final String PASSWORD = "e2e-mail-password";
  private static final String OFFICER_PASSWORD = "e2e-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> MAILBOXES =
      List.of(
          "pengaduan@bdg.aduan.test",
          "pengaduan@babel.aduan.test",
          "pengaduan@btn.aduan.test",
          "pengaduan@lbk.aduan.test",
          "pengaduan@psr.aduan.test");

  /** A real PNG header and a few bytes. */
  private static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 1, 2, 3
  };

  private final HttpClient http = HttpClient.newHttpClient();
  private static final GreenMail greenMail = startGreenMail();

  // Started in @Order, closed in the reverse order.
  @RegisterExtension
  @Order(1)
  static final AduanService email =
      AduanService.of(EmailChannelApplication::builder, "e2e-email")
          .properties(WalkingSkeletonEndToEndTest.WITHOUT_SECURITY)
          .property("aduan.email.imap.port", () -> greenMail.getImap().getPort())
          .property("aduan.email.smtp.port", () -> greenMail.getSmtp().getPort())
          .property("aduan.email.default-password", PASSWORD)
          .property("aduan.email.poll-interval", "2s")
          .thenClose(greenMail::stop);

  @RegisterExtension
  @Order(2)
  static final AduanService cases =
      AduanService.of(CaseServiceApplication::builder, "e2e-cases")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", OFFICER_PASSWORD)
          .property(
              "aduan.cases.attachments.databases.EMAIL",
              () -> {
                String emailUri = email.databaseUri();
                return emailUri.substring(emailUri.lastIndexOf('/') + 1);
              });

  private static GreenMail startGreenMail() {
    GreenMail mail = new GreenMail(new ServerSetup[] {loopback("smtp"), loopback("imap")});
    mail.start();
    MAILBOXES.forEach(m -> mail.setUser(m, m, PASSWORD));
    return mail;
  }

  private static ServerSetup loopback(String protocol) {
    ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol);
    setup.setServerStartupTimeout(30_000);
    return setup;
  }

  @Test
  void aMailedFileIsDownloadableByItsAgencysOfficerOnly() throws Exception {
    // An outsider first mails Babel a file named as the adapter used to name every first file.
    send(
        "pengaduan@babel.aduan.test",
        "orang.luar@luar.test",
        "Lampiran Babel",
        "Surat untuk Dinas Sosial Babel terlampir.",
        "part-1",
        "%PDF-1.4 bukan untuk Bandung".getBytes(StandardCharsets.ISO_8859_1),
        "application/pdf");
    String babel = awaitTicket("babel.admin", "Babel");
    send(
        "pengaduan@bdg.aduan.test",
        "siti.warga@warga.test",
        "Bantuan PKH belum cair",
        "Bantuan PKH ibu saya belum cair sejak Januari. Foto kartu terlampir.",
        "kartu PKH.png",
        PNG,
        "image/png");
    String bdg = awaitTicket("bdg.admin", "PKH");

    JsonNode file = json("bdg.admin", "/api/v1/cases/" + bdg).path("attachments").get(0);
    assertThat(file.path("fileName").asText()).isEqualTo("kartu PKH.png");
    String href = file.path("href").asText();

    HttpResponse<byte[]> download = get("bdg.admin", href);
    assertThat(download.statusCode()).as(href).isEqualTo(200);
    assertThat(download.body()).isEqualTo(PNG);
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"kartu PKH.png\"; filename*=UTF-8''kartu%20PKH.png");
    assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");

    // Another agency's officer: not the file, not even that the case exists.
    assertThat(get("babel.admin", href).statusCode()).isEqualTo(404);
    // The outsider's file: not through the Bandung case by the name it was given, nor by its id.
    String babelFile =
        json("babel.admin", "/api/v1/cases/" + babel)
            .path("attachments")
            .get(0)
            .path("fileId")
            .asText();
    assertThat(
            get("babel.admin", "/api/v1/cases/" + babel + "/attachments/" + babelFile).statusCode())
        .isEqualTo(200);
    assertThat(get("bdg.admin", "/api/v1/cases/" + bdg + "/attachments/part-1").statusCode())
        .isEqualTo(404);
    assertThat(get("bdg.admin", "/api/v1/cases/" + bdg + "/attachments/" + babelFile).statusCode())
        .isEqualTo(404);
  }

  private void send(
      String to,
      String from,
      String subject,
      String text,
      String fileName,
      byte[] content,
      String type)
      throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
    MimeMessage mail = new MimeMessage(Session.getInstance(props));
    mail.setFrom(new InternetAddress(from, "Warga"));
    mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    mail.setSubject(subject, "UTF-8");
    MimeBodyPart body = new MimeBodyPart();
    body.setText(text, "UTF-8");
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
    attachment.setFileName(fileName);
    attachment.setDisposition(MimeBodyPart.ATTACHMENT);
    mail.setContent(new MimeMultipart(body, attachment));
    Transport.send(mail);
  }

  private String awaitTicket(String officer, String word) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              JsonNode found = json(officer, "/api/v1/cases?q=" + word);
              JsonNode items = found.path("items");
              return items.isEmpty() ? null : items.get(0).path("ticket").asText();
            },
            t -> t != null);
  }

  private JsonNode json(String officer, String path) throws Exception {
    HttpResponse<byte[]> r = get(officer, path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<byte[]> get(String officer, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(cases.baseUrl() + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (officer + ":" + OFFICER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
