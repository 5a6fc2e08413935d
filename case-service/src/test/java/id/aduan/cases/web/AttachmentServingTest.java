package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.cases.CaseServiceApplication;
import id.aduan.contracts.Channel;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Citizens' files served to officers by the started case service, read from the adapters' GridFS
 * databases on the MongoDB-protocol server: always sandboxed, a download unless the bytes are a
 * passive image, and found by their own id within the case's agency only (docs/adr/0028).
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentServingTest {

  private static final String PASSWORD = "attachment-test-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] HTML =
      "<html><body><script>fetch('/api/v1/workspace')</script></body></html>"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpClient http = HttpClient.newHttpClient();
  private static final String whatsappDb = "attachments-wa-" + UUID.randomUUID();
  private static final String emailDb = "attachments-email-" + UUID.randomUUID();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "attachments")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.outbox-sweep-interval", "200ms")
          .property("aduan.cases.attachments.databases.WHATSAPP", whatsappDb)
          .property("aduan.cases.attachments.databases.EMAIL", emailDb);

  private MongoClient mongo;
  private String base;

  private String mixed;
  private String svgRef;
  private String htmlRef;
  private String pngRef;
  private String babelEmail;
  private String babelRef;
  private String bdgEmailKeptBefore;
  private String bdgForged;
  private String whatsappKeptBefore;

  @BeforeAll
  void start() {
    String uri = service.databaseUri();
    mongo = MongoClients.create(InJvmMongo.start());
    base = service.baseUrl();
    CitizenFiles files =
        new CitizenFiles(service.context(), mongo, uri.substring(uri.lastIndexOf('/') + 1));

    // WhatsApp: an SVG with a script, HTML declared as a photo, a real PNG declared as HTML.
    svgRef =
        files.store(whatsappDb, "m-svg", FileServingTest.SVG, "image/svg+xml", wa("wamid.F-1"));
    htmlRef = files.store(whatsappDb, "m-html", HTML, "image/png", wa("wamid.F-1"));
    pngRef = files.store(whatsappDb, "m-png", FileServingTest.PNG, "text/html", wa("wamid.F-1"));
    mixed =
        files.complaint(
            "BDG",
            Channel.WHATSAPP,
            "100000000000001",
            "wamid.F-1",
            "Foto jalan rusak dan bukti terlampir",
            List.of(
                CitizenFiles.stored(
                    "m-svg", "image/svg+xml", "../\"peta\".svg", FileServingTest.SVG, svgRef),
                CitizenFiles.stored("m-html", "image/png", "foto.png", HTML, htmlRef),
                CitizenFiles.stored(
                    "m-png", "text/html", "bukti.png", FileServingTest.PNG, pngRef)));

    // Email: an outsider's file named part-1 mailed to Babel, as channel-email stored it.
    byte[] secret = "%PDF-1.4 surat warga Babel".getBytes(StandardCharsets.ISO_8859_1);
    babelRef =
        files.store(
            emailDb,
            "part-1",
            secret,
            "application/pdf",
            new Document("kind", "attachment")
                .append("mailbox", "pengaduan@babel.aduan.test")
                .append("agencyCode", "BABEL"));
    babelEmail =
        files.complaint(
            "BABEL",
            Channel.EMAIL,
            "pengaduan@babel.aduan.test",
            "<babel-1@warga.test>",
            "Bantuan sosial belum diterima, surat terlampir",
            List.of(CitizenFiles.stored(babelRef, "application/pdf", "part-1", secret, babelRef)));
    // A Bandung mail kept before storage references were recorded: its file was named part-1.
    bdgEmailKeptBefore =
        files.complaint(
            "BDG",
            Channel.EMAIL,
            "pengaduan@bdg.aduan.test",
            "<bdg-1@warga.test>",
            "Pengaduan bansos dengan lampiran",
            List.of(
                CitizenFiles.stored(
                    "part-1", "application/pdf", "surat.pdf", secret, babelRef + "x")));
    files.asKeptBefore(bdgEmailKeptBefore);
    // A Bandung case whose reference names Babel's file.
    bdgForged =
        files.complaint(
            "BDG",
            Channel.EMAIL,
            "pengaduan@bdg.aduan.test",
            "<bdg-2@warga.test>",
            "Pengaduan kedua dengan lampiran",
            List.of(CitizenFiles.stored("x-1", "application/pdf", "a.pdf", secret, babelRef)));
    // A WhatsApp photo kept before references were recorded, named by its media id.
    files.store(whatsappDb, "media-old-1", FileServingTest.PNG, "image/png", wa("wamid.OLD-1"));
    whatsappKeptBefore =
        files.complaint(
            "BDG",
            Channel.WHATSAPP,
            "100000000000001",
            "wamid.OLD-1",
            "Foto lama terlampir",
            List.of(
                CitizenFiles.stored(
                    "media-old-1", "image/png", "lama.png", FileServingTest.PNG, "unknown")));
    files.asKeptBefore(whatsappKeptBefore);
  }

  private static Document wa(String wamid) {
    return new Document("wamid", wamid).append("agency", "BDG");
  }

  @AfterAll
  void stop() {
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void anSvgWithAScriptIsASandboxedDownloadEvenWhenAPreviewIsAsked() throws Exception {
    HttpResponse<byte[]> r = file("bdg.admin", mixed, svgRef, "?disposition=inline");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(FileServingTest.SVG);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"_peta_.svg\"; filename*=UTF-8''_peta_.svg");
    assertSandboxed(r);
    assertThat(
            service
                .bean(MeterRegistry.class)
                .counter(
                    "aduan.attachments.served",
                    "disposition",
                    "attachment",
                    "kind",
                    "other",
                    "declared_active",
                    "true")
                .count())
        .isPositive();
  }

  @Test
  void htmlDeclaredAsAPhotoIsNeverServedAsWhatItClaims() throws Exception {
    HttpResponse<byte[]> r = file("bdg.admin", mixed, htmlRef, "?disposition=inline");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;");
    assertSandboxed(r);
  }

  @Test
  void aPngIsPreviewedAsPngWhateverTypeItsSenderDeclared() throws Exception {
    HttpResponse<byte[]> preview = file("bdg.admin", mixed, pngRef, "?disposition=inline");
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(preview.headers().firstValue("Content-Disposition"))
        .hasValue("inline; filename=\"bukti.png\"; filename*=UTF-8''bukti.png");
    assertSandboxed(preview);
    HttpResponse<byte[]> download = file("bdg.admin", mixed, pngRef, "");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;");
    assertThat(file("bdg.admin", mixed, pngRef, "?disposition=script").statusCode()).isEqualTo(400);
  }

  @Test
  void theCaseNamesEachFileByItsOwnId() throws Exception {
    HttpResponse<byte[]> r = get("bdg.admin", "/api/v1/cases/" + mixed);
    JsonNode attachments = JSON.readTree(r.body()).path("attachments");
    assertThat(attachments.size()).isEqualTo(3);
    assertThat(attachments.get(0).path("attachmentId").asText()).isEqualTo("m-svg");
    assertThat(attachments.get(0).path("fileId").asText()).isEqualTo(svgRef);
    assertThat(attachments.get(2).path("href").asText())
        .isEqualTo("/api/v1/cases/" + mixed + "/attachments/" + pngRef);
  }

  @Test
  void aFileIsServedOnlyByItsOwnIdAndOnlyToItsAgency() throws Exception {
    // Babel's officer gets Babel's file by its id.
    HttpResponse<byte[]> own = file("babel.admin", babelEmail, babelRef, "");
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(new String(own.body(), StandardCharsets.ISO_8859_1)).contains("warga Babel");
    assertThat(own.headers().firstValue("Content-Type")).hasValue("application/pdf");
    // Bandung's officer: not through Babel's case, not by the file name an outsider chose on a
    // Bandung case, not through a Bandung case whose reference names Babel's file, not by an id
    // that is on another case.
    assertThat(file("bdg.admin", babelEmail, babelRef, "").statusCode()).isEqualTo(404);
    assertThat(file("bdg.admin", bdgEmailKeptBefore, "part-1", "").statusCode()).isEqualTo(404);
    assertThat(file("bdg.admin", bdgForged, babelRef, "").statusCode()).isEqualTo(404);
    assertThat(file("bdg.admin", mixed, babelRef, "").statusCode()).isEqualTo(404);
    assertThat(file("bdg.admin", mixed, "m-svg", "").statusCode()).isEqualTo(404);
  }

  @Test
  void aProviderNamedFileKeptBeforeReferencesStillDownloadsWithinItsAgency() throws Exception {
    HttpResponse<byte[]> r = file("bdg.admin", whatsappKeptBefore, "media-old-1", "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(FileServingTest.PNG);
    assertSandboxed(r);
    JsonNode view = JSON.readTree(get("bdg.admin", "/api/v1/cases/" + whatsappKeptBefore).body());
    assertThat(view.path("attachments").get(0).path("fileId").asText()).isEqualTo("media-old-1");
  }

  private static void assertSandboxed(HttpResponse<byte[]> r) {
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("sandbox;");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
  }

  private HttpResponse<byte[]> file(String user, String ticket, String id, String query)
      throws Exception {
    return get(user, "/api/v1/cases/" + ticket + "/attachments/" + id + query);
  }

  private HttpResponse<byte[]> get(String user, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
