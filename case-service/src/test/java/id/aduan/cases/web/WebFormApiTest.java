package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.Channel;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.MultipartBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public web complaint form's API on the started service (in-JVM Kafka broker, MongoDB-protocol
 * server) behind a trusted proxy, each test from its own forwarded client address: a Lebak
 * complaint opens a WEB case with the ticket and status link, the fields are validated with
 * bilingual messages per field, and each abuse limit (honeypot, proof of work, rate limits) and
 * option the agency does not allow is refused with its reason and counted.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFormApiTest {

  private static final String PASSWORD = "web-form-password";
  private static final int SUBMISSIONS_PER_HOUR = 5;
  private static final int CHALLENGES_PER_MINUTE = 6;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger CLIENTS = new AtomicInteger(10);

  private final HttpClient http = HttpClient.newHttpClient();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "web-form")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.web.trusted-proxies", "127.0.0.0/8,::1")
          .property("aduan.cases.web-form.submissions-per-hour", SUBMISSIONS_PER_HOUR)
          .property("aduan.cases.web-form.challenges-per-minute", CHALLENGES_PER_MINUTE);

  @Test
  void aLebakComplaintOpensAWebCaseAnsweredOnTheWhatsAppNumberGiven() throws Exception {
    String client = client();
    JsonNode form = json(get("/api/v1/public/lbk/form", client));
    assertThat(form.get("name").asString()).isEqualTo("Dinas Sosial Kabupaten Lebak");
    assertThat(form.get("anonymous").asBoolean()).isTrue();
    assertThat(form.get("confidential").asBoolean()).isTrue();
    assertThat(form.get("whatsapp").asBoolean()).isTrue();
    assertThat(form.get("email").asBoolean()).isTrue();
    // Lebak's requirements are those of information requests, as the citizen reads them.
    assertThat(form.get("requirements").findValuesAsString("id"))
        .contains("identitas pemohon (KTP/Kartu Keluarga atau NIK yang valid)");
    assertThat(form.get("requirements").get(0).get("caseTypes").get(0).asString())
        .isEqualTo("INFORMATION_REQUEST");

    Map<String, Object> body = complaint("lbk", client);
    body.put("name", "Siti Aminah");
    body.put("whatsapp", "0812 3456 7890");
    HttpResponse<String> created = post("lbk", body, client);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = json(created);
    String ticket = answer.get("ticket").asString();
    assertThat(ticket).matches("LBK-\\d{4}-\\d{6}");
    assertThat(answer.get("statusUrl").asString())
        .startsWith("/status.html?ticket=" + ticket + "&key=")
        .hasSizeGreaterThan(("/status.html?ticket=" + ticket + "&key=").length());
    assertThat(answer.get("statusText").asString()).isNotBlank();
    CaseState state = service.bean(Cases.class).byTicket(ticket).orElseThrow().state();
    assertThat(state.channel()).isEqualTo(Channel.WEB);
    assertThat(state.replyAddress().channel()).isEqualTo(Channel.WHATSAPP);
    assertThat(state.replyAddress().recipientId()).isEqualTo("6281234567890");
    assertThat(state.replyAddress().channelAccountId()).isEqualTo("100000000000004");

    JsonNode officerView = json(officer("/api/v1/cases/" + ticket, "lbk.admin"));
    assertThat(officerView.get("channel").asString()).isEqualTo("WEB");
    assertThat(officerView.get("reporter").get("name").asString()).isEqualTo("S*** A*****");
    assertThat(get("/api/v1/public/status/" + ticket, client).statusCode()).isEqualTo(200);
    assertThat(submitted("LBK")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anAnonymousConfidentialLebakComplaintKeepsNoNameAndRepliesByEmail() throws Exception {
    String client = client();
    Map<String, Object> body = complaint("lbk", client);
    body.put("name", "Nama Yang Tidak Disimpan");
    body.put("email", "Warga@Contoh.ID");
    body.put("anonymous", true);
    body.put("confidential", true);

    HttpResponse<String> created = post("lbk", body, client);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    CaseState state =
        service
            .bean(Cases.class)
            .byTicket(json(created).get("ticket").asString())
            .orElseThrow()
            .state();
    assertThat(state.citizenName()).isNull();
    assertThat(state.replyAddress().channel()).isEqualTo(Channel.EMAIL);
    assertThat(state.replyAddress().recipientId()).isEqualTo("warga@contoh.id");
    assertThat(state.anonymous()).isTrue();
    assertThat(state.confidential()).isTrue();
  }

  @Test
  void badFieldsAreRefusedPerFieldInBothLanguagesAndTheSameProofThenSucceeds() throws Exception {
    String client = client();
    Map<String, Object> body = complaint("lbk", client);
    body.put("description", "  ");
    body.put("whatsapp", "12345");
    body.put("email", "not-an-address");
    body.put("nik", "3602");
    body.put("name", "x".repeat(201));

    HttpResponse<String> refused = post("lbk", body, client);

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode problem = json(refused);
    assertThat(problem.get("reason").asString()).isEqualTo("invalid-fields");
    assertThat(problem.get("detail").asString()).isEqualTo("Periksa kembali isian yang ditandai.");
    assertThat(problem.get("detailEn").asString()).isEqualTo("Please check the marked fields.");
    Map<String, String> reasons = new LinkedHashMap<>();
    problem
        .get("errors")
        .forEach(e -> reasons.put(e.get("field").asString(), e.get("reason").asString()));
    assertThat(reasons)
        .containsExactly(
            Map.entry("description", "description-required"),
            Map.entry("name", "name-too-long"),
            Map.entry("whatsapp", "whatsapp-invalid"),
            Map.entry("email", "email-invalid"),
            Map.entry("nik", "nik-invalid"));
    assertThat(problem.get("errors").get(2).get("id").asString())
        .startsWith("Nomor WhatsApp tidak valid");
    assertThat(problem.get("errors").get(2).get("en").asString())
        .startsWith("Not a valid WhatsApp number");
    assertThat(refusedCount("LBK", "email-invalid")).isGreaterThanOrEqualTo(1);

    body.put("description", "Bantuan sosial untuk lansia di desa kami belum diterima tiga bulan.");
    body.put("whatsapp", "+62 812-3456-7891");
    body.put("email", "");
    body.put("nik", "");
    body.put("name", "");
    assertThat(post("lbk", body, client).statusCode()).isEqualTo(201);
  }

  @Test
  void theHoneypotIsRefusedAndOpensNothing() throws Exception {
    String client = client();
    Map<String, Object> body = complaint("lbk", client);
    body.put("website", "http://spam.example");
    long before = cases();

    HttpResponse<String> refused = post("lbk", body, client);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("reason").asString()).isEqualTo("honeypot");
    assertThat(json(refused).get("detailEn").asString()).contains("Reload the page");
    assertThat(refusedCount("LBK", "honeypot")).isGreaterThanOrEqualTo(1);
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void withoutTheWorkWithAnotherAgencysChallengeOrUsedTwiceTheProofIsRefused() throws Exception {
    String client = client();
    Map<String, Object> noProof = complaint("lbk", client);
    noProof.remove("nonce");
    Map<String, Object> unsolved = complaint("lbk", client);
    unsolved.put("nonce", unsolvedNonce((String) unsolved.get("challenge")));
    Map<String, Object> lebaksAtBabel = complaint("lbk", client);
    Map<String, Object> once = complaint("lbk", client);

    assertThat(reason(post("lbk", noProof, client))).isEqualTo("proof-missing");
    assertThat(reason(post("lbk", unsolved, client))).isEqualTo("proof-invalid");
    assertThat(reason(post("babel", lebaksAtBabel, client))).isEqualTo("proof-invalid");
    HttpResponse<String> first = post("lbk", once, client);
    assertThat(first.statusCode()).isEqualTo(201);
    HttpResponse<String> again = post("lbk", once, client);
    assertThat(reason(again)).isEqualTo("proof-used");
    assertThat(json(again).get("detail").asString()).contains("sudah terkirim");
    assertThat(refusedCount("LBK", "proof-invalid")).isGreaterThanOrEqualTo(1);
    assertThat(refusedCount("BABEL", "proof-invalid")).isGreaterThanOrEqualTo(1);
    assertThat(refusedCount("LBK", "proof-used")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anAddressIsLimitedInSubmissionsAndChallengesWhileOthersAreNot() throws Exception {
    String client = client();
    for (int i = 0; i < SUBMISSIONS_PER_HOUR; i++) {
      Map<String, Object> body = complaint("lbk", client);
      body.put("website", "filled"); // refused, but each try counts
      assertThat(post("lbk", body, client).statusCode()).isEqualTo(400);
    }
    HttpResponse<String> limited = post("lbk", complaint("lbk", client()), client);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
        .isPositive();
    assertThat(reason(limited)).isEqualTo("rate-limited");
    assertThat(json(limited).get("detail").asString()).startsWith("Terlalu banyak permintaan");
    String other = client();
    assertThat(post("lbk", complaint("lbk", other), other).statusCode()).isEqualTo(201);

    String greedy = client();
    for (int i = 0; i < CHALLENGES_PER_MINUTE; i++) {
      assertThat(get("/api/v1/public/lbk/form/challenge", greedy).statusCode()).isEqualTo(200);
    }
    assertThat(get("/api/v1/public/lbk/form/challenge", greedy).statusCode()).isEqualTo(429);
    assertThat(refusedCount("LBK", "rate-limited")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void bangkaBelitungTakesNoAnonymousComplaintButAConfidentialOneWaitingForItsDocuments()
      throws Exception {
    String client = client();
    JsonNode form = json(get("/api/v1/public/babel/form", client));
    assertThat(form.get("anonymous").asBoolean()).isFalse();
    assertThat(form.get("confidential").asBoolean()).isTrue();
    assertThat(form.get("nik").asBoolean()).isTrue();
    Map<String, Object> anonymous = complaint("babel", client);
    anonymous.put("anonymous", true);

    HttpResponse<String> refused = post("babel", anonymous, client);

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode error = json(refused).get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("anonymous");
    assertThat(error.get("reason").asString()).isEqualTo("anonymous-not-allowed");
    assertThat(error.get("id").asString())
        .isEqualTo("Instansi ini tidak menerima pengaduan tanpa identitas.");
    assertThat(refusedCount("BABEL", "anonymous-not-allowed")).isGreaterThanOrEqualTo(1);

    anonymous.put("anonymous", false);
    anonymous.put("confidential", true);
    anonymous.put("email", "warga@contoh.id");
    HttpResponse<String> created = post("babel", anonymous, client);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = json(created);
    assertThat(answer.get("status").asString()).isEqualTo("INCOMPLETE");
    assertThat(answer.get("missing").findValuesAsString("id"))
        .contains("data identitas diri (KTP/NIK yang valid)");
  }

  /**
   * Bangka Belitung's identity and supporting documents uploaded with the form (a KTP scan labelled
   * as the identity, a photo): kept in the case service's store, typed by their bytes, and the case
   * opens complete.
   */
  @Test
  void bangkaBelitungsDocumentsUploadedWithTheFormOpenTheCaseComplete() throws Exception {
    String client = client();
    Map<String, Object> body = complaint("babel", client);
    body.put("email", "warga@contoh.id");
    MultipartBody form =
        new MultipartBody()
            .json("complaint", JSON.writeValueAsString(body))
            .file("files", "ktp.pdf", "application/pdf", DeskFilesApiTest.PDF)
            .field("requirements", "identity")
            .file("files", "foto-rumah.jpg", "image/png", DeskFilesApiTest.JPEG)
            .field("requirements", "");

    HttpResponse<String> created = postMultipart("babel", form, client);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = json(created);
    assertThat(answer.get("missing")).isEmpty();
    assertThat(answer.get("status").asString()).isEqualTo("RECEIVED");
    CaseState state =
        service.bean(Cases.class).byTicket(answer.get("ticket").asString()).orElseThrow().state();
    List<CaseState.FileInfo> files = state.messages().getFirst().files();
    assertThat(files)
        .extracting(CaseState.FileInfo::mediaType)
        .containsExactly("application/pdf", "image/jpeg");
    assertThat(files).extracting(CaseState.FileInfo::requirement).containsExactly("identity", null);
    assertThat(files).allMatch(CaseState.FileInfo::inCaseFiles);
  }

  @Test
  void aFileThatIsNotADocumentOrImageAndTooManyFilesAreRefusedAtTheFilesField() throws Exception {
    String client = client();
    Map<String, Object> body = complaint("lbk", client);
    MultipartBody script =
        new MultipartBody()
            .json("complaint", JSON.writeValueAsString(body))
            .file(
                "files",
                "foto.png",
                "image/png",
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
    MultipartBody four = new MultipartBody().json("complaint", JSON.writeValueAsString(body));
    for (int i = 0; i < 4; i++) {
      four.file("files", "f" + i + ".pdf", "application/pdf", DeskFilesApiTest.PDF);
    }

    JsonNode unsupported = json(postMultipart("lbk", script, client)).get("errors").get(0);
    JsonNode tooMany = json(postMultipart("lbk", four, client)).get("errors").get(0);

    assertThat(unsupported.get("field").asString()).isEqualTo("files");
    assertThat(unsupported.get("reason").asString()).isEqualTo("file-unsupported-type");
    assertThat(unsupported.get("id").asString()).startsWith("Jenis berkas tidak didukung");
    assertThat(tooMany.get("reason").asString()).isEqualTo("files-too-many");
    assertThat(refusedCount("LBK", "file-unsupported-type")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anAgencyWithoutAWebFormAnswers404AndTheFormPageNeedsNoLogin() throws Exception {
    String client = client();
    for (String path :
        new String[] {
          "/api/v1/public/bdg/form", "/api/v1/public/bdg/form/challenge", "/api/v1/public/nope/form"
        }) {
      HttpResponse<String> r = get(path, client);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(reason(r)).isEqualTo("no-form");
    }
    HttpResponse<String> page = get("/lapor/lbk", client);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"id\">").contains("assets/lapor.js");
    HttpResponse<String> unreadable =
        http.send(
            HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/public/lbk/complaints"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unreadable.statusCode()).isEqualTo(400);
    assertThat(reason(unreadable)).isEqualTo("invalid-body");
  }

  // ------------------------------------------------------------------------------------ helpers

  private static String client() {
    return "192.0.2." + CLIENTS.incrementAndGet();
  }

  /** A valid complaint with a solved challenge of {@code agency}, as the page sends it. */
  private Map<String, Object> complaint(String agency, String client) throws Exception {
    JsonNode c = json(get("/api/v1/public/" + agency + "/form/challenge", client));
    String challenge = c.get("challenge").asString();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "description",
        "Bantuan sosial PKH keluarga kami di Rangkasbitung berhenti sejak bulan lalu tanpa pemberitahuan.");
    body.put("challenge", challenge);
    body.put("nonce", ProofOfWorkTest.solve(challenge, c.get("bits").asInt()));
    body.put("website", "");
    return body;
  }

  private static String unsolvedNonce(String challenge) {
    for (long nonce = 0; ; nonce++) {
      if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(challenge + ":" + nonce)) == 0) {
        return Long.toString(nonce);
      }
    }
  }

  private HttpResponse<String> post(String agency, Map<String, Object> body, String client)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(service.baseUrl() + "/api/v1/public/" + agency + "/complaints"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", client)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postMultipart(String agency, MultipartBody body, String client)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(service.baseUrl() + "/api/v1/public/" + agency + "/complaints"))
            .header("Content-Type", body.contentType())
            .header("X-Forwarded-For", client)
            .POST(body.publisher())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String client) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .header("X-Forwarded-For", client)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> officer(String path, String user) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) {
    return JSON.readTree(r.body());
  }

  private static @Nullable String reason(HttpResponse<String> r) {
    JsonNode reason = json(r).get("reason");
    return reason == null ? null : reason.asString();
  }

  private double refusedCount(String agency, String reason) {
    Counter c =
        service
            .bean(MeterRegistry.class)
            .find("aduan.cases.webform.refused")
            .tag("agency", agency)
            .tag("reason", reason)
            .counter();
    return c == null ? 0 : c.count();
  }

  private long cases() {
    return service
        .bean(org.springframework.data.mongodb.core.MongoTemplate.class)
        .count(new org.springframework.data.mongodb.core.query.Query(), "cases");
  }

  private double submitted(String agency) {
    Counter c =
        service
            .bean(MeterRegistry.class)
            .find("aduan.cases.webform.submitted")
            .tag("agency", agency)
            .counter();
    return c == null ? 0 : c.count();
  }
}
