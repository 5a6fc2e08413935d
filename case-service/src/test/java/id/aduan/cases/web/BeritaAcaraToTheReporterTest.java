package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.documents.PublicLinks;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.Channel;
import id.aduan.contracts.Topics;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The berita acara when it happens and to the reporter (docs/adr/0055), on the started case service
 * with the in-JVM broker: a Bangka Belitung resolution carries a public, signed, expiring link; the
 * berita acara is rendered and kept by the service's own consumer before anyone asks; the link, the
 * officer API and the status page serve the same bytes; a tampered, unknown or expired link says
 * nothing; a reopened and re-resolved case gets a new document and link; an archived case's record
 * is kept when archived. Bandung (not configured) sends no link.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BeritaAcaraToTheReporterTest {

  private static final String PASSWORD = "berita-acara-test-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PHONE_IN_TEXT = "081298765432";

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "berita-acara")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.outbox-sweep-interval", "200ms")
          .property("aduan.cases.public-status.requests-per-minute", 1000);

  private final HttpClient http = HttpClient.newHttpClient();
  private MongoClient mongo;
  private TopicProbe events;
  private String babel;
  private String bdg;

  @BeforeAll
  void start() throws Exception {
    String uri = service.databaseUri();
    mongo = MongoClients.create(InJvmMongo.start());
    events = new TopicProbe(service.brokers(), Topics.CASES_EVENTS);
    CitizenFiles files =
        new CitizenFiles(service.context(), mongo, uri.substring(uri.lastIndexOf('/') + 1));
    babel =
        files.complaint(
            "BABEL",
            Channel.WHATSAPP,
            "100000000000002",
            "wamid.BA-1",
            "Bantuan sembako belum diterima, hubungi saya di " + PHONE_IN_TEXT,
            List.of());
    bdg =
        files.complaint(
            "BDG",
            Channel.WHATSAPP,
            "100000000000001",
            "wamid.BA-2",
            "Bantuan sosial belum cair",
            List.of());
    resolve("babel", babel, "REHSOS", "Sembako disalurkan, warga dihubungi di " + PHONE_IN_TEXT);
    resolve("bdg", bdg, "LINJAMSOS", "Bantuan sosial dicairkan");
  }

  @AfterAll
  void stop() {
    if (events != null) {
      events.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void theResolutionCarriesALinkThatServesTheBeritaAcaraKeptWhenResolved() throws Exception {
    JsonNode link = resolutionLinks(babel, 1).getFirst();
    String url = link.get("url").asString();
    assertThat(url)
        .startsWith(service.baseUrl() + PublicLinks.PATH)
        .endsWith(".pdf")
        .doesNotContain(PHONE_IN_TEXT);
    Instant resolvedAt =
        Instant.parse(resolvedEvents(babel).getFirst().get("occurredAt").asString());
    assertThat(Instant.parse(link.get("expiresAt").asString()))
        .isBetween(
            resolvedAt.plus(Duration.ofDays(90)).minusSeconds(2),
            resolvedAt.plus(Duration.ofDays(90)));

    // Kept by the service's own consumer, before anyone asked for it.
    Document kept =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> keptBeritaAcara(babel, "id"), d -> !d.isEmpty())
            .getFirst();

    HttpResponse<byte[]> pdf = get(null, path(url));
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(pdf.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"" + babel + "-berita-acara.pdf\"");
    String sha = sha256(pdf.body());
    assertThat(kept.get("metadata", Document.class).getString("sha256")).isEqualTo(sha);
    assertThat(text(pdf.body()))
        .contains("BERITA ACARA PENYELESAIAN PENGADUAN")
        .contains(babel)
        .contains("Sembako disalurkan")
        .doesNotContain(PHONE_IN_TEXT);

    // The officer API shows the same document, and so does a second download.
    HttpResponse<byte[]> officer =
        get("babel.admin", "/api/v1/cases/" + babel + "/documents/berita-acara.pdf");
    assertThat(officer.headers().firstValue("Digest")).hasValue("sha-256=" + sha);
    assertThat(get(null, path(url)).body()).isEqualTo(pdf.body());
    assertThat(keptBeritaAcara(babel, "id")).hasSize(1);

    // In English when the reporter reads English.
    HttpResponse<byte[]> en = get(null, path(url) + "?lang=en");
    assertThat(en.statusCode()).isEqualTo(200);
    assertThat(text(en.body())).contains("RECORD OF COMPLAINT RESOLUTION");
  }

  @Test
  void theStatusPageShowsTheSameLinkOnlyWhereTheAgencySendsIt() throws Exception {
    String url = resolutionLinks(babel, 1).getFirst().get("url").asString();
    JsonNode status = json(get(null, "/api/v1/public/status/" + babel));
    assertThat(status.get("beritaAcara").get("url").asString()).isEqualTo(url);

    JsonNode other = json(get(null, "/api/v1/public/status/" + bdg));
    assertThat(other.get("status").asString()).isEqualTo("RESOLVED");
    assertThat(other.has("beritaAcara")).isFalse();
  }

  @Test
  void anAgencyThatDoesNotSendItCarriesNoLink() {
    List<JsonNode> resolved = resolvedEvents(bdg);
    assertThat(resolved).isNotEmpty();
    assertThat(resolved)
        .allMatch(e -> e.get("beritaAcara") == null || e.get("beritaAcara").isNull());
  }

  @Test
  void aTamperedUnknownOrExpiredLinkSaysNothing() throws Exception {
    String url = resolutionLinks(babel, 1).getFirst().get("url").asString();
    String token = url.substring(url.lastIndexOf('/') + 1, url.length() - ".pdf".length());
    String payload = token.substring(0, token.indexOf('.'));
    String signature = token.substring(token.indexOf('.') + 1);
    String otherTicket =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                    .replace(babel, bdg)
                    .getBytes(StandardCharsets.UTF_8));
    char last = signature.charAt(signature.length() - 1);
    String flipped = signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');
    PublicLinks links = service.bean(PublicLinks.class);

    List<String> notFound =
        List.of(
            otherTicket + "." + signature, // another ticket under this signature
            payload + "." + flipped, // an altered signature
            "AAAAAAAAAAAA.0000000000000000000000000000000000000000",
            "nonsense",
            // Signed, but no such resolution of the case.
            token(links.beritaAcara(babel, Instant.now().minus(1, ChronoUnit.DAYS)).url()));
    for (String t : notFound) {
      HttpResponse<byte[]> r = get(null, PublicLinks.PATH + t + ".pdf");
      assertThat(r.statusCode()).as(t).isEqualTo(404);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(babel);
    }
    HttpResponse<byte[]> expired =
        get(
            null,
            PublicLinks.PATH
                + token(links.beritaAcara(babel, Instant.now().minus(91, ChronoUnit.DAYS)).url())
                + ".pdf");
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(new String(expired.body(), StandardCharsets.UTF_8)).doesNotContain(babel);
    assertThat(get(null, path(url) + "?lang=fr").statusCode()).isEqualTo(400);
  }

  @Test
  void aReopenedAndResolvedAgainCaseGetsANewDocumentAndTheArchiveKeepsItsRecord() throws Exception {
    String ticket =
        new CitizenFiles(service.context(), mongo, database())
            .complaint(
                "BABEL",
                Channel.WHATSAPP,
                "100000000000002",
                "wamid.BA-3",
                "Bantuan sembako belum diterima",
                List.of());
    resolve("babel", ticket, "REHSOS", "Sembako disalurkan pertama");
    String first = resolutionLinks(ticket, 1).getFirst().get("url").asString();
    byte[] firstPdf = get(null, path(first)).body();

    act("babel.admin", ticket, "reopen", Map.of("reason", "Belum lengkap"));
    act("babel.admin", ticket, "answer", Map.of("text", "Sisa sembako disalurkan"));
    act("babel.admin", ticket, "resolve", beritaAcara("Sembako disalurkan kedua"));
    String second = resolutionLinks(ticket, 2).get(1).get("url").asString();
    assertThat(second).isNotEqualTo(first);
    byte[] secondPdf = get(null, path(second)).body();
    assertThat(text(secondPdf)).contains("Sembako disalurkan kedua");
    assertThat(sha256(secondPdf)).isNotEqualTo(sha256(firstPdf));
    // The earlier link still serves the earlier berita acara, as it was kept.
    assertThat(get(null, path(first)).body()).isEqualTo(firstPdf);

    act("babel.admin", ticket, "archive", Map.of("reason", "Didokumentasikan"));
    long archived = cases().byTicket(ticket).orElseThrow().version();
    Document record =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    mongo
                        .getDatabase(database())
                        .getCollection("case-documents.files")
                        .find(
                            new Document("metadata.ticket", ticket)
                                .append("metadata.kind", "case-record")
                                .append("metadata.caseVersion", archived))
                        .first(),
                d -> d != null);
    assertThat(record.get("metadata", Document.class).getString("language")).isEqualTo("id");
    // After archiving, the officer API still shows the berita acara the reporter got.
    assertThat(
            get("babel.admin", "/api/v1/cases/" + ticket + "/documents/berita-acara.pdf")
                .headers()
                .firstValue("Digest"))
        .hasValue("sha-256=" + sha256(secondPdf));
    assertThat(
            get("babel.admin", "/api/v1/cases/" + ticket + "/documents/case-record.pdf")
                .headers()
                .firstValue("Digest"))
        .hasValue("sha-256=" + record.get("metadata", Document.class).getString("sha256"));
  }

  private List<Document> keptBeritaAcara(String ticket, String language) {
    return mongo
        .getDatabase(database())
        .getCollection("case-documents.files")
        .find(
            new Document("metadata.ticket", ticket)
                .append("metadata.kind", "berita-acara")
                .append("metadata.language", language)
                .append("metadata.resolution", new Document("$exists", true)))
        .into(new ArrayList<>());
  }

  /** The links carried by the case's resolutions, waiting until {@code count} arrived. */
  private List<JsonNode> resolutionLinks(String ticket, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> resolvedEvents(ticket), l -> l.size() >= count)
        .stream()
        .map(e -> e.get("beritaAcara"))
        .toList();
  }

  /** The case's resolutions as published, once each (the relay publishes at least once). */
  private synchronized List<JsonNode> resolvedEvents(String ticket) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> r : events.drain(Duration.ofMillis(300))) {
      var type = r.headers().lastHeader("ce_type");
      if (type == null
          || !new String(type.value(), StandardCharsets.UTF_8)
              .equals("id.aduan.case.resolved.v1")) {
        continue;
      }
      JsonNode e = JSON.readTree(r.value());
      if (e.get("ticket").asString().equals(ticket)) {
        found.putIfAbsent(e.get("eventId").asString(), e);
      }
    }
    return List.copyOf(found.values());
  }

  private void resolve(String agency, String ticket, String division, String whatWasDone)
      throws Exception {
    String admin = agency + ".admin";
    if (cases().byTicket(ticket).orElseThrow().state().status().name().equals("INCOMPLETE")) {
      act(admin, ticket, "mark-complete", Map.of("reason", "KTP dan berkas dilihat"));
    }
    act(admin, ticket, "verify", Map.of());
    act(admin, ticket, "route", Map.of("division", division));
    act(admin, ticket, "start-progress", Map.of());
    act(admin, ticket, "answer", Map.of("text", "Sudah kami tindak lanjuti"));
    act(admin, ticket, "resolve", beritaAcara(whatWasDone));
  }

  private static Map<String, Object> beritaAcara(String whatWasDone) {
    return Map.of(
        "summary",
        "selesai",
        "beritaAcara",
        Map.of(
            "whatWasDone",
            whatWasDone,
            "doneBy",
            List.of("Koordinator Penanganan Pengaduan"),
            "doneAt",
            Instant.now().toString(),
            "citizenInformedVia",
            "WHATSAPP"));
  }

  private static String token(String url) {
    return url.substring(url.lastIndexOf('/') + 1, url.length() - ".pdf".length());
  }

  private static String path(String url) {
    return URI.create(url).getRawPath();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static JsonNode json(HttpResponse<byte[]> r) {
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String text(byte[] pdf) throws IOException {
    PdfReader reader = new PdfReader(pdf);
    try {
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      List<String> pages = new ArrayList<>();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        pages.add(extractor.getTextFromPage(page));
      }
      return String.join("\n", pages);
    } finally {
      reader.close();
    }
  }

  private String database() {
    String uri = service.databaseUri();
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  private Cases cases() {
    return service.bean(Cases.class);
  }

  private void act(String user, String ticket, String action, Map<String, Object> body)
      throws Exception {
    Map<String, Object> all = new LinkedHashMap<>(body);
    all.put("version", cases().byTicket(ticket).orElseThrow().version());
    HttpRequest request =
        auth(user, "/api/v1/cases/" + ticket + "/" + action)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(all)))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(action + ": " + r.body()).isEqualTo(200);
  }

  private HttpResponse<byte[]> get(@Nullable String user, String path) throws Exception {
    return http.send(auth(user, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder auth(@Nullable String user, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + path));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }
}
