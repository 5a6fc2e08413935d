package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.Channel;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.InJvmMongo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case's documents served by the started case service (docs/adr/0048): a resolved Bandung
 * case's berita acara and case record as PDF, its archive zip with its file, and the agency's
 * period bundle; masked for a role without personal-data rights, in clear and audited for one that
 * has them and asks; invisible to another agency.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsApiTest {

  private static final String PASSWORD = "documents-test-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String whatsappDb = "documents-wa-" + UUID.randomUUID();
  private static final String PHONE_IN_TEXT = "081298765432";
  private static final String RESOLUTION =
      "Bantuan sosial dicairkan, warga dihubungi di " + PHONE_IN_TEXT;

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "documents")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.outbox-sweep-interval", "200ms")
          .property("aduan.cases.attachments.databases.WHATSAPP", whatsappDb);

  private final HttpClient http = HttpClient.newHttpClient();
  private MongoClient mongo;
  private String ticket;

  @BeforeAll
  void start() throws Exception {
    String uri = service.databaseUri();
    mongo = MongoClients.create(InJvmMongo.start());
    CitizenFiles files =
        new CitizenFiles(service.context(), mongo, uri.substring(uri.lastIndexOf('/') + 1));
    String ref =
        files.store(
            whatsappDb,
            "m-png",
            FileServingTest.PNG,
            "image/png",
            new Document("wamid", "wamid.DOC-1").append("agency", "BDG"));
    ticket =
        files.complaint(
            "BDG",
            Channel.WHATSAPP,
            "100000000000001",
            "wamid.DOC-1",
            "Bantuan sosial belum cair, foto KK dan KTP terlampir",
            List.of(CitizenFiles.stored("m-png", "image/png", "kk.png", FileServingTest.PNG, ref)));
    if (cases().byTicket(ticket).orElseThrow().state().status().name().equals("INCOMPLETE")) {
      act("bdg.loket", "mark-complete", Map.of("reason", "KK dan KTP dilihat"));
    }
    act("bdg.loket", "verify", Map.of());
    act("bdg.koordinator", "route", Map.of("division", "LINJAMSOS"));
    act("bdg.admin", "start-progress", Map.of());
    act("bdg.admin", "answer", Map.of("text", "Bantuan sudah kami cairkan"));
    act(
        "bdg.admin",
        "resolve",
        Map.of(
            "summary",
            "selesai",
            "beritaAcara",
            Map.of(
                "whatWasDone",
                RESOLUTION,
                "doneBy",
                List.of("Tim Linjamsos"),
                "doneAt",
                Instant.now().toString(),
                "citizenInformedVia",
                "WHATSAPP")));
  }

  @AfterAll
  void stop() {
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void theBeritaAcaraIsAMaskedPdfWithTheTicketAndResolutionForTheHead() throws Exception {
    HttpResponse<byte[]> r =
        get("bdg.kepala", "/api/v1/cases/" + ticket + "/documents/berita-acara.pdf");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertSafe(r, ticket + "-berita-acara.pdf");
    String text = text(r.body());
    assertThat(text)
        .contains("BERITA ACARA PENYELESAIAN PENGADUAN")
        .contains(ticket)
        .contains("Bantuan sosial dicairkan")
        .contains("Uraian penyelesaian")
        .contains("Tim Linjamsos")
        .doesNotContain(PHONE_IN_TEXT)
        .contains("Data pribadi disamarkan");
  }

  @Test
  void theKeptRenderingIsServedAgainWithTheSameHash() throws Exception {
    String path = "/api/v1/cases/" + ticket + "/documents/case-record.pdf";
    HttpResponse<byte[]> first = get("bdg.admin", path);
    HttpResponse<byte[]> again = get("bdg.koordinator", path);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Digest"))
        .isEqualTo(first.headers().firstValue("Digest"));
    Document kept =
        mongo
            .getDatabase(database())
            .getCollection("case-documents.files")
            .find(new Document("metadata.ticket", ticket).append("metadata.kind", "case-record"))
            .first();
    assertThat(kept).isNotNull();
    assertThat(kept.get("metadata", Document.class).getLong("size")).isEqualTo(first.body().length);
    assertThat(first.headers().firstValue("Digest"))
        .hasValue("sha-256=" + kept.get("metadata", Document.class).getString("sha256"));
    assertThat(text(first.body()))
        .contains("BERKAS ARSIP PENGADUAN")
        .contains("Riwayat penanganan")
        .contains("kk.png");
  }

  @Test
  void inClearOnlyForARoleWithPersonalDataRightsAndAudited() throws Exception {
    String path =
        "/api/v1/cases/" + ticket + "/documents/berita-acara.pdf?personalData=true&purpose=arsip";

    assertThat(
            get("bdg.kepala", "/api/v1/cases/" + ticket + "/documents/berita-acara.pdf")
                .statusCode())
        .isEqualTo(200);
    assertThat(get("bdg.kepala", path).statusCode()).isEqualTo(403);
    HttpResponse<byte[]> clear = get("bdg.admin", path);
    assertThat(clear.statusCode()).isEqualTo(200);
    assertThat(text(clear.body())).contains(PHONE_IN_TEXT);
    // Nothing kept for the case holds the phone number in clear.
    GridFSBucket kept = GridFSBuckets.create(mongo.getDatabase(database()), "case-documents");
    List<String> keptTexts = new ArrayList<>();
    for (GridFSFile f : kept.find(new Document("metadata.ticket", ticket))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      kept.downloadToStream(f.getObjectId(), out);
      keptTexts.add(text(out.toByteArray()));
    }
    assertThat(keptTexts).isNotEmpty().noneMatch(t -> t.contains(PHONE_IN_TEXT));
    String reads =
        new String(
            get("bdg.admin", "/api/v1/cases/" + ticket + "/personal-data/reads").body(),
            StandardCharsets.UTF_8);
    assertThat(reads).contains("document:berita-acara").contains("arsip");
  }

  @Test
  void englishWhenAsked() throws Exception {
    HttpResponse<byte[]> r =
        get("bdg.admin", "/api/v1/cases/" + ticket + "/documents/berita-acara.pdf?lang=en");

    assertThat(text(r.body())).contains("RECORD OF COMPLAINT RESOLUTION").contains("What was done");
  }

  @Test
  void anotherAgencySeesNothing() throws Exception {
    assertThat(
            get("babel.admin", "/api/v1/cases/" + ticket + "/documents/berita-acara.pdf")
                .statusCode())
        .isEqualTo(404);
    assertThat(get("babel.admin", "/api/v1/cases/" + ticket + "/archive.zip").statusCode())
        .isEqualTo(404);
    assertThat(get(null, "/api/v1/cases/" + ticket + "/archive.zip").statusCode()).isEqualTo(401);
  }

  @Test
  void theCaseArchiveHoldsBothPdfsTheFileAndTheContents() throws Exception {
    HttpResponse<byte[]> r = get("bdg.koordinator", "/api/v1/cases/" + ticket + "/archive.zip");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertSafe(r, ticket + "-arsip.zip");
    Map<String, byte[]> entries = unzip(r.body());
    assertThat(entries.keySet())
        .containsExactly(
            "berita-acara.pdf", "case-record.pdf", "lampiran/1-kk.png", "DAFTAR-ISI.txt");
    assertThat(entries.get("lampiran/1-kk.png")).isEqualTo(FileServingTest.PNG);
    assertThat(text(entries.get("berita-acara.pdf"))).contains(ticket);
    assertThat(new String(entries.get("DAFTAR-ISI.txt"), StandardCharsets.UTF_8))
        .contains("lampiran/1-kk.png")
        .contains("sha256=");
  }

  @Test
  void thePeriodBundleIsForTheAdminAndTheHeadOnly() throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Jakarta"));
    String path = "/api/v1/archive.zip?from=" + today.minusDays(1) + "&to=" + today;

    assertThat(get("bdg.koordinator", path).statusCode()).isEqualTo(403);
    assertThat(get("bdg.ops", path).statusCode()).isEqualTo(403);
    HttpResponse<byte[]> r = get("bdg.kepala", path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertSafe(r, "BDG-arsip-" + today.minusDays(1) + "-" + today + ".zip");
    Map<String, byte[]> entries = unzip(r.body());
    assertThat(entries.keySet())
        .contains(
            ticket + "/berita-acara.pdf",
            ticket + "/case-record.pdf",
            ticket + "/lampiran/1-kk.png",
            ticket + "/DAFTAR-ISI.txt");
    assertThat(entries.keySet()).allMatch(name -> name.startsWith("BDG-"));

    HttpResponse<byte[]> babel = get("babel.admin", path);
    assertThat(babel.statusCode()).isEqualTo(200);
    assertThat(unzip(babel.body()).keySet()).noneMatch(name -> name.startsWith(ticket));
  }

  @Test
  void aPeriodRunningBackwardsOrTooLongIsABadRequest() throws Exception {
    assertThat(get("bdg.admin", "/api/v1/archive.zip?from=2026-02-01&to=2026-01-01").statusCode())
        .isEqualTo(400);
    assertThat(get("bdg.admin", "/api/v1/archive.zip?from=2024-01-01&to=2026-01-01").statusCode())
        .isEqualTo(400);
    assertThat(get("bdg.admin", "/api/v1/archive.zip?from=kemarin&to=2026-01-01").statusCode())
        .isEqualTo(400);
  }

  private static void assertSafe(HttpResponse<byte[]> r, String name) {
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"" + name + "\"");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("sandbox");
    assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
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

  private void act(String user, String action, Map<String, Object> body) throws Exception {
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
