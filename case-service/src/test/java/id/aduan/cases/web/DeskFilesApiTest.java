package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.MultipartBody;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files at the front desk and from officers (issue 23, docs/adr/0052), through the officer API: a
 * Bandung walk-in who brings the KK and KTP scans opens complete; a case waiting for its KK goes on
 * when an officer attaches it or sees the original; a field investigation uploads its photos; the
 * files are served as what their bytes are; what the store refuses is a 415/413/400 in both
 * languages.
 */
@AduanKafka
class DeskFilesApiTest {

  private static final String PASSWORD = "desk-files-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Jakarta")).toString();
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] JPEG = {
    (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0
  };

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "desk-files")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.files.max-file-size", "2KB")
          .property("aduan.cases.files.max-files-per-case", 3);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aBandungWalkInWithKkAndKtpScansOpensComplete() throws Exception {
    // No NIK typed in: the labelled KTP scan stands for it, the labelled KK scan for the KK.
    MultipartBody form =
        new MultipartBody()
            .json("intake", JSON.writeValueAsString(intakeBody(null)))
            .file("files", "scan-1.png", "image/png", PDF)
            .field("requirements", "kk")
            .file("files", "foto.jpg", "image/jpeg", JPEG)
            .field("requirements", "ktp");

    HttpResponse<String> r = post("bdg.loket", "/api/v1/intake", form, null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode opened = JSON.readTree(r.body());
    assertThat(opened.path("status").asString()).isEqualTo("RECEIVED");
    assertThat(opened.path("missing").isEmpty()).isTrue();
    JsonNode attachments = opened.path("attachments");
    assertThat(attachments.size()).isEqualTo(2);
    // Typed by the bytes, not by the declared name or type.
    assertThat(attachments.get(0).path("mediaType").asString()).isEqualTo("application/pdf");
    assertThat(attachments.get(1).path("mediaType").asString()).isEqualTo("image/jpeg");

    HttpResponse<byte[]> file =
        http.send(
            get("bdg.admin", attachments.get(0).path("href").asString()).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(file.body()).isEqualTo(PDF);
    // Another agency's officer sees neither the case nor its file.
    assertThat(
            http.send(
                    get("babel.admin", attachments.get(0).path("href").asString()).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void withoutTheScansTheSameWalkInWaitsForThem() throws Exception {
    HttpResponse<String> r = postJson("bdg.loket", "/api/v1/intake", intakeBody(null), null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode opened = JSON.readTree(r.body());
    assertThat(opened.path("status").asString()).isEqualTo("INCOMPLETE");
    assertThat(texts(opened.path("missing"))).containsExactly("kk", "ktp");
  }

  @Test
  void anAttachedKkAndAPresentedKtpLetAWaitingCaseGoOn() throws Exception {
    String ticket = ticket(postJson("bdg.loket", "/api/v1/intake", intakeBody(null), null));
    long version = view(ticket).path("version").asLong();

    MultipartBody kk =
        new MultipartBody().file("files", "KK 3273011234567890.pdf", "application/pdf", PDF);
    HttpResponse<String> stale =
        post("bdg.loket", "/api/v1/cases/" + ticket + "/files", kk, "\"" + (version + 7) + "\"");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);

    HttpResponse<String> attached =
        post(
            "bdg.loket",
            "/api/v1/cases/" + ticket + "/files",
            new MultipartBody()
                .file("files", "KK 3273011234567890.pdf", "application/pdf", PDF)
                .field("requirements", "kk"),
            "\"" + version + "\"");
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
    JsonNode afterKk = JSON.readTree(attached.body());
    assertThat(afterKk.path("status").asString()).isEqualTo("INCOMPLETE");
    assertThat(texts(afterKk.path("missing"))).containsExactly("ktp");
    // On the timeline; the check then asks for what is still missing, as for a citizen's message.
    assertThat(texts(afterKk.path("entries"), "kind"))
        .endsWith("FILES_ATTACHED", "INFORMATION_REQUESTED");
    // The number in the declared name is not kept.
    assertThat(afterKk.path("attachments").get(0).path("fileName").asString())
        .doesNotContain("3273011234567890");

    HttpResponse<String> presented =
        postJson(
            "bdg.loket",
            "/api/v1/cases/" + ticket + "/presented",
            Map.of("version", afterKk.path("version").asLong(), "requirements", List.of("ktp")),
            null);
    assertThat(presented.statusCode()).as(presented.body()).isEqualTo(200);
    JsonNode complete = JSON.readTree(presented.body());
    assertThat(complete.path("status").asString()).isEqualTo("RECEIVED");
    assertThat(texts(complete.path("timeline"), "action"))
        .contains("presented-at-desk", "information-received");

    HttpResponse<String> unknown =
        postJson(
            "bdg.loket",
            "/api/v1/cases/" + ticket + "/presented",
            Map.of("version", complete.path("version").asLong(), "requirements", List.of("form")),
            null);
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
  }

  @Test
  void refusedFilesAreClearErrorsInBothLanguagesAndCounted() throws Exception {
    MeterRegistry meters = service.bean(MeterRegistry.class);
    double before =
        meters.counter("aduan.cases.files.refused", "reason", "unsupported-type").count();

    HttpResponse<String> html =
        post(
            "bdg.loket",
            "/api/v1/intake",
            new MultipartBody()
                .json("intake", JSON.writeValueAsString(intakeBody("3273010101900001")))
                .file(
                    "files",
                    "kk.pdf",
                    "application/pdf",
                    "<html><script>x</script>".getBytes(StandardCharsets.US_ASCII)),
            null);
    assertThat(html.statusCode()).as(html.body()).isEqualTo(415);
    JsonNode problem = JSON.readTree(html.body());
    assertThat(problem.path("reason").asString()).isEqualTo("unsupported-type");
    assertThat(problem.path("messageId").asString()).contains("Jenis berkas tidak didukung");
    assertThat(problem.path("messageEn").asString()).contains("Unsupported file type");
    assertThat(meters.counter("aduan.cases.files.refused", "reason", "unsupported-type").count())
        .isEqualTo(before + 1);

    byte[] large = new byte[3 * 1024];
    System.arraycopy(PDF, 0, large, 0, PDF.length);
    HttpResponse<String> tooLarge =
        post(
            "bdg.loket",
            "/api/v1/intake",
            new MultipartBody()
                .json("intake", JSON.writeValueAsString(intakeBody(null)))
                .file("files", "kk.pdf", "application/pdf", large),
            null);
    assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("at most 2 KB");

    MultipartBody four =
        new MultipartBody().json("intake", JSON.writeValueAsString(intakeBody(null)));
    for (int i = 0; i < 4; i++) {
      four.file("files", "lampiran-" + i + ".pdf", "application/pdf", PDF);
    }
    HttpResponse<String> tooMany = post("bdg.loket", "/api/v1/intake", four, null);
    assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(400);
    assertThat(JSON.readTree(tooMany.body()).path("reason").asString()).isEqualTo("too-many-files");

    HttpResponse<String> strangeLabel =
        post(
            "bdg.loket",
            "/api/v1/intake",
            new MultipartBody()
                .json("intake", JSON.writeValueAsString(intakeBody(null)))
                .file("files", "kk.pdf", "application/pdf", PDF)
                .field("requirements", "passport"),
            null);
    assertThat(strangeLabel.statusCode()).as(strangeLabel.body()).isEqualTo(400);
    assertThat(strangeLabel.body()).contains("passport");
  }

  @Test
  void aFieldInvestigationUploadsItsPhotos() throws Exception {
    Map<String, Object> body = intakeBody("3273010101900001");
    body.put("description", "Rumah pelapor rusak berat setelah banjir, mohon bantuan RTLH segera");
    String ticket =
        ticket(
            post(
                "babel.loket",
                "/api/v1/intake",
                new MultipartBody()
                    .json("intake", JSON.writeValueAsString(body))
                    .file("files", "ktp.jpg", "image/jpeg", JPEG)
                    .field("requirements", "identity")
                    .file("files", "rumah.jpg", "image/jpeg", JPEG)
                    .field("requirements", "supporting"),
                null));
    assertThat(view(ticket).path("status").asString()).isEqualTo("RECEIVED");
    ok(postJson("babel.loket", "/api/v1/cases/" + ticket + "/verify", versioned(ticket), null));
    Map<String, Object> route = versioned(ticket);
    route.put("division", "LINJAMSOS");
    ok(postJson("babel.koordinator", "/api/v1/cases/" + ticket + "/route", route, null));
    Map<String, Object> visit = versioned(ticket);
    visit.put("date", TODAY);
    visit.put("officers", List.of("babel.linjamsos"));
    visit.put("findings", "Atap runtuh, dinding retak; layak bantuan RTLH");

    JsonNode recorded =
        ok(
            post(
                "babel.koordinator",
                "/api/v1/cases/" + ticket + "/field-investigations",
                new MultipartBody()
                    .json("investigation", JSON.writeValueAsString(visit))
                    .file("photos", "lokasi.jpg", "image/jpeg", JPEG),
                null));

    JsonNode timeline = recorded.path("timeline");
    JsonNode entry = timeline.get(timeline.size() - 1);
    assertThat(entry.path("action").asString()).isEqualTo("field-investigation");
    JsonNode attachments = recorded.path("attachments");
    String photoId = attachments.get(attachments.size() - 1).path("fileId").asString();
    assertThat(entry.path("reason").asString()).contains("Atap runtuh", photoId);
    assertThat(recorded.path("status").asString()).isEqualTo("ROUTED");
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, Object> intakeBody(@Nullable String nik) {
    Map<String, Object> body = new HashMap<>();
    body.put("reference", "ref-" + System.nanoTime());
    body.put("mode", "walk-in");
    body.put("receivedAt", Instant.now().minusSeconds(60).toString());
    body.put("name", "Warga Uji");
    body.put("address", "Jl. Asia Afrika 1");
    if (nik != null) {
      body.put("nik", nik);
    }
    body.put("description", "Bantuan sosial PKH ibu saya belum cair sejak Januari lalu");
    return body;
  }

  private Map<String, Object> versioned(String ticket) throws Exception {
    Map<String, Object> m = new HashMap<>();
    m.put("version", view(ticket).path("version").asLong());
    return m;
  }

  private JsonNode view(String ticket) throws Exception {
    String agency = ticket.substring(0, ticket.indexOf('-')).toLowerCase(java.util.Locale.ROOT);
    return ok(
        http.send(
            get(agency + ".admin", "/api/v1/cases/" + ticket).build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private HttpRequest.Builder get(String user, String path) {
    return HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
        .header("Authorization", basic(user))
        .GET();
  }

  private HttpResponse<String> post(
      String user, String path, MultipartBody body, @Nullable String ifMatch) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .header("Authorization", basic(user))
            .header("Content-Type", body.contentType())
            .POST(body.publisher());
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postJson(
      String user, String path, Map<String, ?> body, @Nullable String ifMatch) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static String ticket(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("ticket").asString();
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asString()));
    return out;
  }
}
