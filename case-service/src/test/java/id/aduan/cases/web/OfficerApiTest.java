package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The officer API as officers of two agencies and every role use it, on the in-JVM KRaft broker and
 * the MongoDB-protocol server: scoping (every endpoint refuses another agency and another
 * division), roles, the list's filters and paging, personal data (encrypted at rest, masked,
 * audited, anonymous reporters), optimistic concurrency, the public status lookup, limits, the
 * OpenAPI document; and, last, no NIK or phone number anywhere in the log of all of it.
 */
@AduanKafka
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficerApiTest {

  private static final String PASSWORD = "officer-api-password";
  private static final String NIK = "3273014101900001";
  private static final String PHONE = "081234567890";
  private static final String WA_SENDER = "6281299990001";
  private static final String WA_NIK = "3273015502880002";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int STATUS_LIMIT = 5;

  private final HttpClient http = HttpClient.newHttpClient();
  private static final String mediaDatabase = "officer-api-media-" + UUID.randomUUID();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "officer-api")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.outbox-sweep-interval", "200ms")
          .property("aduan.cases.public-status.requests-per-minute", STATUS_LIMIT)
          .property("aduan.cases.max-request-bytes", 16384)
          .property("aduan.cases.attachments.databases.WHATSAPP", mediaDatabase);

  private TopicProbe outboundWhatsapp;
  private MongoClient mongo;
  private String database;

  /** BDG, routed to LINJAMSOS, from the front desk with NIK and phone. */
  private String linjamsos;

  /** BDG, routed to REHSOS. */
  private String rehsos;

  /** BDG, anonymous, routed to LINJAMSOS. */
  private String anonymous;

  /** BDG, from WhatsApp with a photo, not routed. */
  private String whatsapp;

  private String whatsappFile;

  /** BABEL. */
  private String babel;

  @BeforeAll
  void start() throws Exception {
    String uri = service.databaseUri();
    database = uri.substring(uri.lastIndexOf('/') + 1);
    mongo = MongoClients.create(InJvmMongo.start());
    outboundWhatsapp = new TopicProbe(service.brokers(), Topics.OUTBOUND_WHATSAPP);

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    linjamsos =
        intake(
            "bdg.loket",
            "ref-1",
            now.minus(Duration.ofDays(2)),
            "Siti Aminah",
            NIK,
            PHONE,
            "Bantuan PKH ibu saya belum cair sejak Januari, mohon dibantu segera",
            false);
    routeTo("bdg", linjamsos, "LINJAMSOS");
    rehsos =
        intake(
            "bdg.loket",
            "ref-2",
            now.minus(Duration.ofDays(1)),
            "Ahmad Yani",
            null,
            null,
            "Ada lansia terlantar di jembatan dekat pasar butuh rehabilitasi",
            false);
    routeTo("bdg", rehsos, "REHSOS");
    anonymous =
        intake(
            "bdg.loket",
            "ref-3",
            now.minus(Duration.ofHours(3)),
            "Budi Santoso",
            null,
            "081377778888",
            "Petugas bansos meminta uang untuk pencairan bantuan sosial di kelurahan",
            true);
    routeTo("bdg", anonymous, "LINJAMSOS");
    babel =
        intake(
            "babel.admin",
            "ref-4",
            now.minus(Duration.ofHours(5)),
            "Rahmat",
            null,
            null,
            "Bantuan sosial untuk warga desa belum diterima sejak tahun lalu sama sekali",
            false);

    byte[] photo = "\u00ff\u00d8\u00ffJPEG-BYTES".getBytes(StandardCharsets.ISO_8859_1);
    whatsappFile =
        GridFSBuckets.create(mongo.getDatabase(mediaDatabase))
            .uploadFromStream(
                "wa-media-1",
                new ByteArrayInputStream(photo),
                new GridFSUploadOptions()
                    .metadata(
                        new Document("contentType", "image/jpeg")
                            .append("wamid", "wamid.API-1")
                            .append("agency", "BDG")))
            .toHexString();
    service
        .bean(EventPublisher.class)
        .publish(
            Topics.COMPLAINTS_INBOUND,
            "BDG|" + WA_SENDER,
            new ComplaintReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                "BDG",
                Channel.WHATSAPP,
                "100000000000001",
                "wamid.API-1",
                new ComplaintReceived.Sender(WA_SENDER, "Warga", false, false),
                "image",
                null,
                "Nenek lansia terlantar, KK terlampir, NIK "
                    + WA_NIK
                    + " hubungi juga +62 813-1111-2222",
                List.of(
                    new ComplaintReceived.Attachment(
                        "wa-media-1",
                        "image/jpeg",
                        "kk.jpg",
                        photo.length,
                        null,
                        whatsappFile,
                        "STORED")),
                null,
                null,
                List.of(),
                Instant.now(),
                Map.of(),
                null),
            null);
    whatsapp =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> cases().holdingMessage("BDG", Channel.WHATSAPP, "wamid.API-1"),
                java.util.Optional::isPresent)
            .get()
            .state()
            .ticket();
  }

  @AfterAll
  void stop() {
    if (outboundWhatsapp != null) {
      outboundWhatsapp.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  // ------------------------------------------------------------------ scoping: the matrix

  /** Every endpoint that takes a case, with a body its validation accepts. */
  private List<Endpoint> endpoints(String ticket, long version) {
    Map<String, Object> v = Map.of("version", version);
    List<Endpoint> list = new ArrayList<>();
    list.add(new Endpoint("GET", "", null, "read"));
    list.add(new Endpoint("GET", "/attachments/wa-media-1", null, "read"));
    list.add(
        new Endpoint("GET", "/personal-data?purpose=verification", null, "read-personal-data"));
    list.add(new Endpoint("GET", "/personal-data/reads", null, "read-audit"));
    list.add(new Endpoint("GET", "/citizen", null, "read-citizen-profile"));
    list.add(post("verify", v, Map.of("reason", "ok"), "verify"));
    list.add(post("mark-complete", v, Map.of("reason", "KK dilihat"), "mark-complete"));
    list.add(post("classify", v, Map.of("caseType", "COMPLAINT"), "classify"));
    list.add(post("route", v, Map.of("division", "DAYASOS"), "route"));
    list.add(
        post("request-information", v, Map.of("missing", List.of("kk")), "request-information"));
    list.add(post("start-progress", v, Map.of(), "start-progress"));
    list.add(post("answer", v, Map.of("text", "Sudah kami tindak lanjuti"), "answer"));
    list.add(
        post(
            "resolve",
            v,
            Map.of(
                "summary",
                "selesai",
                "beritaAcara",
                Map.of(
                    "whatWasDone",
                    "Bantuan dicairkan",
                    "doneBy",
                    List.of("petugas"),
                    "doneAt",
                    Instant.now().toString(),
                    "citizenInformedVia",
                    "WHATSAPP")),
            "resolve"));
    list.add(post("reject", v, Map.of("reasonCode", "OTHER", "reason", "bukan aduan"), "reject"));
    list.add(post("merge", v, Map.of("survivorTicket", rehsos), "merge"));
    list.add(post("extend-deadline", v, Map.of("reason", "butuh survei"), "extend-deadline"));
    list.add(post("reopen", v, Map.of("reason", "warga belum puas"), "reopen"));
    list.add(post("archive", v, Map.of(), "archive"));
    list.add(post("ppid/advance", v, Map.of("step", "PPID"), "advance-ppid"));
    list.add(
        post(
            "ppid/grant",
            v,
            Map.of(
                "whatWasDone", "salinan diberikan",
                "proofOfDelivery", "tanda terima",
                "citizenInformedVia", "EMAIL"),
            "grant-information"));
    list.add(
        post("ppid/refuse", v, Map.of("legalBasis", "UU 14/2008 ps 17"), "refuse-information"));
    list.add(post("assign", v, Map.of("officer", "bdg.linjamsos"), "assign"));
    list.add(post("notes", v, Map.of("text", "catatan internal"), "note"));
    list.add(post("reply", v, Map.of("text", "Mohon kirim foto KK"), "reply"));
    list.add(
        post(
            "field-investigations",
            v,
            Map.of("date", "2026-01-05", "officers", List.of("petugas"), "findings", "rumah rusak"),
            "field-investigation"));
    list.add(
        post(
            "consequence-test",
            v,
            Map.of(
                "date",
                "2026-01-05",
                "testedBy",
                List.of("petugas"),
                "exemption",
                "UU 14/2008 ps 17",
                "result",
                "EXEMPT",
                "reasoning",
                "data pribadi"),
            "consequence-test"));
    list.add(
        post(
            "disposition",
            v,
            Map.of(
                "handled", true, "mode", "ONLINE", "time", "2030-01-07T10:00", "method", "telepon"),
            "disposition"));
    return list;
  }

  @Test
  @Order(1)
  void anotherAgencysOfficerFindsNoneOfTheCaseEndpoints() throws Exception {
    long version = version(linjamsos);
    for (Endpoint e : endpoints(linjamsos, version)) {
      HttpResponse<String> r = e.call(this, "babel.admin", linjamsos);
      assertThat(r.statusCode()).as(e + " as babel.admin: " + r.body()).isEqualTo(404);
      assertThat(JSON.readTree(r.body()).path("type").asText())
          .as(e.toString())
          .isEqualTo("/problems/not-found");
    }
    assertThat(version(linjamsos)).isEqualTo(version);
    // The same answer as for a ticket that does not exist: existence is not revealed.
    HttpResponse<String> none = call("babel.admin", "GET", "/api/v1/cases/BDG-2026-999999", null);
    assertThat(none.statusCode()).isEqualTo(404);
    // ...while the agency's own admin reads it.
    assertThat(call("bdg.admin", "GET", "/api/v1/cases/" + linjamsos, null).statusCode())
        .isEqualTo(200);
    assertThat(
            service
                .bean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("aduan.cases.access.refused", "agency", "BABEL", "reason", "scope")
                .count())
        .isGreaterThanOrEqualTo(endpoints(linjamsos, version).size());
  }

  @Test
  @Order(2)
  void anotherDivisionsOfficerIsRefusedEveryCaseEndpoint() throws Exception {
    long version = version(linjamsos);
    for (Endpoint e : endpoints(linjamsos, version)) {
      HttpResponse<String> r = e.call(this, "bdg.rehsos", linjamsos);
      if (id.aduan.cases.security.Permissions.allows(
          id.aduan.cases.security.Role.DIVISION_OFFICER, e.action())) {
        // A division officer could take this action, but not on another division's case.
        assertThat(r.statusCode()).as(e + " as bdg.rehsos: " + r.body()).isEqualTo(404);
      } else {
        assertThat(r.statusCode()).as(e + " as bdg.rehsos: " + r.body()).isEqualTo(403);
      }
    }
    assertThat(version(linjamsos)).isEqualTo(version);
    // The division's own officer works the case: the refusals above are the scope, not the body.
    HttpResponse<String> own =
        call(
            "bdg.linjamsos",
            "POST",
            "/api/v1/cases/" + linjamsos + "/notes",
            Map.of("version", version, "text", "Sudah dicek ke DTKS"));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(call("bdg.linjamsos", "GET", "/api/v1/cases/" + rehsos, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(3)
  void rolesMayTakeOnlyTheirActions() throws Exception {
    long version = version(rehsos);
    HttpResponse<String> ops =
        call("bdg.ops", "POST", "/api/v1/cases/" + rehsos + "/notes", note(version));
    assertThat(ops.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(ops.body()).path("type").asText()).isEqualTo("/problems/forbidden");
    assertThat(call("bdg.ops", "GET", "/api/v1/cases/" + rehsos, null).statusCode()).isEqualTo(200);
    HttpResponse<String> intakeByDivision =
        call(
            "bdg.rehsos",
            "POST",
            "/api/v1/intake",
            intakeBody("ref-x", "Aduan", null, null, false));
    assertThat(intakeByDivision.statusCode()).isEqualTo(403);
    assertThat(
            call(
                    "bdg.kepala",
                    "POST",
                    "/api/v1/cases/" + rehsos + "/verify",
                    Map.of("version", version))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            call(
                    "bdg.rehsos",
                    "POST",
                    "/api/v1/cases/" + rehsos + "/start-progress",
                    Map.of("version", version))
                .statusCode())
        .isEqualTo(200);
    assertThat(call("nobody", "GET", "/api/v1/cases", null).statusCode()).isEqualTo(401);
  }

  // ------------------------------------------------------------------ list

  @Test
  @Order(4)
  void theListFiltersPagesAndStaysInScope() throws Exception {
    assertThat(tickets("bdg.admin", ""))
        .contains(linjamsos, rehsos, anonymous, whatsapp)
        .doesNotContain(babel);
    assertThat(tickets("babel.admin", "")).containsExactly(babel);
    assertThat(tickets("babel.admin", "agency=BDG")).isEmpty();
    assertThat(tickets("bdg.linjamsos", "")).containsExactlyInAnyOrder(linjamsos, anonymous);
    assertThat(tickets("bdg.linjamsos", "division=REHSOS")).isEmpty();
    assertThat(tickets("bdg.admin", "division=REHSOS")).containsExactly(rehsos);
    assertThat(tickets("bdg.admin", "status=ROUTED"))
        .contains(linjamsos, anonymous)
        .doesNotContain(whatsapp);
    assertThat(tickets("bdg.admin", "channel=WHATSAPP")).containsExactly(whatsapp);
    assertThat(tickets("bdg.admin", "q=lansia")).containsExactlyInAnyOrder(rehsos, whatsapp);
    assertThat(tickets("bdg.admin", "q=" + linjamsos)).containsExactly(linjamsos);
    Instant from = Instant.now().minus(Duration.ofHours(36));
    assertThat(tickets("bdg.admin", "receivedFrom=" + from))
        .contains(rehsos, anonymous)
        .doesNotContain(linjamsos);
    assertThat(tickets("bdg.admin", "receivedTo=" + from)).containsExactly(linjamsos);

    // Exact lookups by NIK or phone go through keyed hashes; only for roles with personal data.
    assertThat(tickets("bdg.loket", "nik=" + NIK)).containsExactly(linjamsos);
    assertThat(tickets("bdg.loket", "nik=" + WA_NIK)).containsExactly(whatsapp);
    assertThat(tickets("bdg.loket", "phone=%2B62%20812-3456-7890")).containsExactly(linjamsos);
    assertThat(tickets("bdg.loket", "phone=081311112222")).containsExactly(whatsapp);
    assertThat(call("bdg.ops", "GET", "/api/v1/cases?nik=" + NIK, null).statusCode())
        .isEqualTo(403);

    // SLA state, as the SLA service reports it on the case.
    CaseDocument doc = cases().byTicket(rehsos).orElseThrow();
    cases()
        .recordDeadline(
            doc.id(),
            new CaseState.Deadline("completion", Instant.now(), "BREACHED", Instant.now()));
    assertThat(tickets("bdg.admin", "slaState=BREACHED")).containsExactly(rehsos);

    JsonNode first = get("bdg.admin", "/api/v1/cases?size=2&page=0");
    JsonNode second = get("bdg.admin", "/api/v1/cases?size=2&page=1");
    assertThat(first.path("total").asLong()).isEqualTo(4);
    assertThat(first.path("items")).hasSize(2);
    assertThat(second.path("items")).hasSize(2);
    assertThat(first.path("items").get(0).path("ticket").asText())
        .isNotEqualTo(second.path("items").get(0).path("ticket").asText());
    assertThat(call("bdg.admin", "GET", "/api/v1/cases?size=1000", null).statusCode())
        .isEqualTo(400);
    assertThat(call("bdg.admin", "GET", "/api/v1/cases?slaState=LATE", null).statusCode())
        .isEqualTo(400);
    // A search text with a control character (NUL cannot be put in a MongoDB pattern) is bad
    // input, not a server error; right-to-left overrides and runs of '<' are just text.
    HttpResponse<String> nul = call("bdg.admin", "GET", "/api/v1/cases?q=%3C%3C%3C%00lansia", null);
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(nul.body()).contains("/problems/invalid-request", "q: must not contain control");
    assertThat(call("bdg.admin", "GET", "/api/v1/cases?q=%E2%80%AE%3C%3C%3C", null).statusCode())
        .isEqualTo(200);
  }

  // ------------------------------------------------------------------ detail and actions

  @Test
  @Order(5)
  void assignNoteAndReplyAreAuditedAndTheReplyLeavesOnTheCitizensChannel() throws Exception {
    long version = version(linjamsos);
    JsonNode assigned =
        ok(
            call(
                "bdg.koordinator",
                "POST",
                "/api/v1/cases/" + linjamsos + "/assign",
                Map.of("version", version, "officer", "bdg.linjamsos")));
    assertThat(assigned.path("assignee").asText()).isEqualTo("bdg.linjamsos");
    assertThat(tickets("bdg.admin", "assignee=bdg.linjamsos")).containsExactly(linjamsos);
    // A REHSOS officer cannot take a LINJAMSOS case.
    assertThat(
            call(
                    "bdg.koordinator",
                    "POST",
                    "/api/v1/cases/" + linjamsos + "/assign",
                    Map.of("version", version(linjamsos), "officer", "bdg.rehsos"))
                .statusCode())
        .isEqualTo(400);

    JsonNode replied =
        ok(
            call(
                "bdg.linjamsos",
                "POST",
                "/api/v1/cases/" + linjamsos + "/reply",
                Map.of("version", version(linjamsos), "text", "Mohon kirim foto buku tabungan")));
    assertThat(replied.path("status").asText()).isEqualTo("ROUTED");
    JsonNode last = replied.path("messages").get(replied.path("messages").size() - 1);
    assertThat(last.path("direction").asText()).isEqualTo("OUTBOUND");
    assertThat(last.path("text").asText()).isEqualTo("Mohon kirim foto buku tabungan");
    assertThat(actions(replied)).contains("assigned", "replied", "note");
    String caseId = cases().byTicket(linjamsos).orElseThrow().id();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        outboundWhatsapp.drain(Duration.ofMillis(500)).stream()
                            .filter(r -> caseId.equals(r.key()))
                            .map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                    .anySatisfy(
                        json -> {
                          assertThat(json).contains("officer-reply", linjamsos);
                          assertThat(json).contains("Mohon kirim foto buku tabungan");
                        }));
  }

  @Test
  @Order(6)
  void detailShowsConversationFilesClassificationDeadlinesAndTimeline() throws Exception {
    JsonNode wa = get("bdg.admin", "/api/v1/cases/" + whatsapp);
    assertThat(wa.path("messages").get(0).path("channel").asText()).isEqualTo("WHATSAPP");
    assertThat(wa.path("attachments").get(0).path("fileName").asText()).isEqualTo("kk.jpg");
    assertThat(wa.path("attachments").get(0).path("href").asText())
        .isEqualTo("/api/v1/cases/" + whatsapp + "/attachments/" + whatsappFile);
    // The classifier's proposal with its reasons; a sure one is the suggested division, and the
    // explanation names it; an unsure one suggests nothing (the verifier's triage queue).
    JsonNode proposal = wa.path("classification").path("proposal");
    assertThat(proposal.path("explanation").size()).isPositive();
    JsonNode suggested = wa.path("classification").path("suggestedDivision");
    if (proposal.path("unsure").asBoolean()) {
      assertThat(suggested.isNull()).isTrue();
    } else {
      assertThat(suggested.asText()).isEqualTo(proposal.path("division").asText());
      assertThat(wa.path("classification").path("explanation").toString())
          .contains(suggested.asText());
    }

    HttpResponse<String> file =
        call(
            "bdg.admin", "GET", "/api/v1/cases/" + whatsapp + "/attachments/" + whatsappFile, null);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).endsWith("JPEG-BYTES");
    assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    HttpResponse<String> unknown =
        call("bdg.admin", "GET", "/api/v1/cases/" + whatsapp + "/attachments/other", null);
    assertThat(unknown.statusCode()).isEqualTo(404);

    JsonNode routed = get("bdg.admin", "/api/v1/cases/" + rehsos);
    assertThat(routed.path("deadlines").path("completion").path("state").asText())
        .isEqualTo("BREACHED");
    assertThat(routed.path("classification").path("division").asText()).isEqualTo("REHSOS");
    assertThat(actions(routed)).contains("verified", "routed");
  }

  @Test
  @Order(7)
  void actionsOnAStaleVersionAreRefusedWith409OrWith412ForIfMatch() throws Exception {
    HttpResponse<String> detail = call("bdg.admin", "GET", "/api/v1/cases/" + rehsos, null);
    long version = JSON.readTree(detail.body()).path("version").asLong();
    assertThat(detail.headers().firstValue("ETag")).hasValue("\"" + version + "\"");

    HttpResponse<String> first =
        call(
            "bdg.admin",
            "POST",
            "/api/v1/cases/" + rehsos + "/notes",
            note(version),
            "\"" + version + "\"");
    assertThat(first.statusCode()).isEqualTo(200);
    HttpResponse<String> second =
        call(
            "bdg.kepala",
            "POST",
            "/api/v1/cases/" + rehsos + "/notes",
            note(version),
            "\"" + version + "\"");
    assertThat(second.statusCode()).isEqualTo(412);
    assertThat(JSON.readTree(second.body()).path("type").asText())
        .isEqualTo("/problems/precondition-failed");
    HttpResponse<String> third =
        call("bdg.kepala", "POST", "/api/v1/cases/" + rehsos + "/notes", note(version));
    assertThat(third.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(third.body()).path("type").asText())
        .isEqualTo("/problems/stale-version");
  }

  // ------------------------------------------------------------------ personal data

  @Test
  @Order(8)
  void personalDataIsMaskedInViewsAndAuditedWhenReadInClear() throws Exception {
    String view = call("bdg.koordinator", "GET", "/api/v1/cases/" + linjamsos, null).body();
    assertThat(view)
        .doesNotContain(NIK)
        .doesNotContain("81234567890")
        .doesNotContain("Siti Aminah");
    JsonNode reporter = JSON.readTree(view).path("reporter");
    assertThat(reporter.path("name").asText()).isEqualTo("S*** A*****");
    assertThat(reporter.path("contact").asText()).isEqualTo("6281*******90");
    String wa = call("bdg.admin", "GET", "/api/v1/cases/" + whatsapp, null).body();
    assertThat(wa).doesNotContain(WA_NIK).doesNotContain("1111-2222").contains("3273**********02");

    JsonNode clear =
        ok(
            call(
                "bdg.loket",
                "GET",
                "/api/v1/cases/" + linjamsos + "/personal-data?purpose=verifikasi",
                null));
    assertThat(clear.path("nik").asText()).isEqualTo(NIK);
    assertThat(clear.path("name").asText()).isEqualTo("Siti Aminah");
    assertThat(clear.path("contact").asText()).isEqualTo("6281234567890");
    JsonNode reads = get("bdg.kepala", "/api/v1/cases/" + linjamsos + "/personal-data/reads");
    assertThat(reads)
        .anySatisfy(
            a -> {
              assertThat(a.path("officer").asText()).isEqualTo("bdg.loket");
              assertThat(a.path("purpose").asText()).isEqualTo("verifikasi");
              assertThat(a.path("fields").toString()).contains("nik");
              assertThat(a.toString()).doesNotContain(NIK);
            });
    assertThat(
            call(
                    "bdg.ops",
                    "GET",
                    "/api/v1/cases/" + linjamsos + "/personal-data?purpose=x1x",
                    null)
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  @Order(9)
  void anAnonymousReportersIdentityIsNeverShownToTheDivision() throws Exception {
    JsonNode view = get("bdg.linjamsos", "/api/v1/cases/" + anonymous);
    assertThat(view.path("reporter").path("name").asText()).isEqualTo("Anonim");
    JsonNode contact = view.path("reporter").path("contact");
    assertThat(contact.isNull() || contact.isMissingNode()).isTrue();
    assertThat(view.path("reporter").path("anonymous").asBoolean()).isTrue();
    assertThat(view.toString()).doesNotContain("Budi").doesNotContain("7777");
    assertThat(
            call(
                    "bdg.linjamsos",
                    "GET",
                    "/api/v1/cases/" + anonymous + "/personal-data?purpose=kontak",
                    null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            call("bdg.linjamsos", "GET", "/api/v1/cases/" + anonymous + "/citizen", null)
                .statusCode())
        .isIn(403, 404);
    JsonNode summary = get("bdg.linjamsos", "/api/v1/cases?q=" + anonymous).path("items").get(0);
    assertThat(summary.path("anonymous").asBoolean()).isTrue();
    // The front office that registered it can still reach the reporter (audited).
    JsonNode clear =
        ok(
            call(
                "bdg.loket",
                "GET",
                "/api/v1/cases/" + anonymous + "/personal-data?purpose=klarifikasi",
                null));
    assertThat(clear.path("name").asText()).isEqualTo("Budi Santoso");
  }

  @Test
  @Order(10)
  void nikAndPhoneAreEncryptedAtRest() {
    for (Document raw : mongo.getDatabase(database).getCollection("cases").find()) {
      String json = raw.toJson();
      assertThat(json).doesNotContain(NIK).doesNotContain(WA_NIK);
      assertThat(json).doesNotContain("81234567890").doesNotContain("81377778888");
      assertThat(json).doesNotContain("1111-2222").doesNotContain("81299990001");
      assertThat(json).doesNotContain("Siti Aminah").doesNotContain("Budi Santoso");
    }
    Document stored =
        mongo
            .getDatabase(database)
            .getCollection("cases")
            .find(new Document("ticket", linjamsos))
            .first();
    assertThat(stored).isNotNull();
    // Encrypted whole values in a shape no citizen text can take (docs/adr/0025).
    assertThat(
            stored.get("form", Document.class).get("nik", Document.class).getString("ciphertext"))
        .startsWith("enc:v1:test:");
    assertThat(
            stored
                .get("replyAddress", Document.class)
                .get("recipientId", Document.class)
                .getString("ciphertext"))
        .startsWith("enc:v1:test:");
    assertThat(stored.getList(Cases.PII_LOOKUP, String.class)).isNotEmpty();
    // ...and read back in clear by the service.
    assertThat(cases().byTicket(linjamsos).orElseThrow().state().form().get("nik")).isEqualTo(NIK);
  }

  // ------------------------------------------------------------------ public surfaces, limits

  @Test
  @Order(11)
  void thePublicStatusLookupShowsStatusAndDatesOnlyAndIsRateLimited() throws Exception {
    HttpResponse<String> r = call(null, "GET", "/api/v1/public/status/" + linjamsos, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode status = JSON.readTree(r.body());
    List<String> fields = new ArrayList<>();
    status.propertyNames().forEach(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "ticket",
            "status",
            "statusText",
            "receivedAt",
            "lastUpdatedAt",
            "closedAt",
            "deadlines",
            "surveyOpen");
    assertThat(status.path("status").asText()).isEqualTo("ROUTED");
    assertThat(status.path("surveyOpen").asBoolean()).as("not resolved").isFalse();
    assertThat(r.body()).doesNotContain("Siti").doesNotContain("LINJAMSOS").doesNotContain("PKH");
    assertThat(call(null, "GET", "/api/v1/public/status/BDG-2026-999998", null).statusCode())
        .isIn(404, 429);
    assertThat(call(null, "GET", "/api/v1/public/status/not-a-ticket", null).statusCode())
        .isIn(400, 429);
    List<Integer> codes = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < 2 * STATUS_LIMIT + 2; i++) {
      HttpResponse<String> each = call(null, "GET", "/api/v1/public/status/" + linjamsos, null);
      codes.add(each.statusCode());
      if (each.statusCode() == 429) {
        limited = each;
      }
    }
    assertThat(codes).contains(429);
    assertThat(limited).isNotNull();
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(limited.body()).path("type").asText())
        .isEqualTo("/problems/rate-limited");
  }

  @Test
  @Order(12)
  void oversizedBodiesBadInputAndClosedActuatorEndpoints() throws Exception {
    long version = version(rehsos);
    Map<String, Object> big = Map.of("version", version, "text", "x".repeat(20_000));
    HttpResponse<String> tooLarge =
        call("bdg.admin", "POST", "/api/v1/cases/" + rehsos + "/notes", big);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    // Chunked, without a declared length: counted while read.
    HttpResponse<String> chunked =
        http.send(
            request("bdg.admin", "/api/v1/cases/" + rehsos + "/notes", null)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(JSON.writeValueAsBytes(big))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);

    HttpResponse<String> malformed =
        http.send(
            request("bdg.admin", "/api/v1/cases/" + rehsos + "/notes", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\": [}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at tools.");
    HttpResponse<String> invalid =
        call(
            "bdg.admin",
            "POST",
            "/api/v1/cases/" + rehsos + "/notes",
            Map.of("version", -1, "text", ""));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).doesNotContain("Exception");
    assertThat(
            call(
                    "bdg.loket",
                    "POST",
                    "/api/v1/intake",
                    intakeBody("r", "Aduan", "12ab", null, false))
                .statusCode())
        .isEqualTo(400);

    assertThat(call(null, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(call(null, "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    for (String closed : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump")) {
      assertThat(call("bdg.admin", "GET", closed, null).statusCode()).as(closed).isIn(403, 404);
      assertThat(call(null, "GET", closed, null).statusCode()).as(closed).isIn(401, 403, 404);
    }
  }

  @Test
  @Order(13)
  void theOpenApiDocumentDescribesEveryEndpoint() throws Exception {
    HttpResponse<String> r = call(null, "GET", "/v3/api-docs", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode paths = JSON.readTree(r.body()).path("paths");
    List<String> expected =
        new ArrayList<>(
            List.of(
                "/api/v1/cases",
                "/api/v1/cases/{ticket}",
                "/api/v1/cases/{ticket}/attachments/{attachmentId}",
                "/api/v1/cases/{ticket}/personal-data",
                "/api/v1/cases/{ticket}/personal-data/reads",
                "/api/v1/cases/{ticket}/citizen",
                "/api/v1/citizens/merge",
                "/api/v1/intake",
                "/api/v1/public/status/{ticket}"));
    for (Endpoint e : endpoints("T", 0)) {
      if (e.method().equals("POST")) {
        expected.add("/api/v1/cases/{ticket}" + e.path());
      }
    }
    for (String path : expected) {
      assertThat(paths.has(path)).as(path).isTrue();
    }
    JsonNode verify = paths.path("/api/v1/cases/{ticket}/verify").path("post");
    assertThat(verify.path("parameters").toString()).contains("If-Match");
    assertThat(verify.path("requestBody").isMissingNode()).isFalse();
  }

  // ------------------------------------------------------------------ last: the log

  /**
   * Issue 21: the SLA service reports a clock on a case an officer has open. The report moves no
   * version, so the officer's {@code If-Match} is still good (2xx, not 409), and their action keeps
   * the reported deadlines (docs/adr/0040).
   */
  @Test
  @Order(14)
  void anSlaReportWhileAnOfficerHasTheCaseOpenNeitherRefusesTheirActionNorIsLost()
      throws Exception {
    HttpResponse<String> opened = call("bdg.koordinator", "GET", "/api/v1/cases/" + rehsos, null);
    String etag = opened.headers().firstValue("ETag").orElseThrow();
    long version = JSON.readTree(opened.body()).path("version").asLong();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant due = now.plus(Duration.ofDays(2));
    String caseId = cases().byTicket(rehsos).orElseThrow().id();
    service
        .bean(EventPublisher.class)
        .publish(
            Topics.SLA_EVENTS,
            caseId,
            new SlaEvent.SlaClockStarted(
                UUID.randomUUID().toString(),
                now,
                caseId,
                rehsos,
                "BDG",
                "start-of-handling",
                "STANDARD",
                now,
                due,
                false),
            rehsos);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                get("bdg.koordinator", "/api/v1/cases/" + rehsos)
                    .path("deadlines")
                    .path("start-of-handling")
                    .path("state")
                    .asText()
                    .equals("RUNNING"));
    // The report moved no version: what the officer saw is still current.
    assertThat(
            call("bdg.koordinator", "GET", "/api/v1/cases/" + rehsos, null)
                .headers()
                .firstValue("ETag"))
        .hasValue(etag);

    HttpResponse<String> acted =
        call("bdg.koordinator", "POST", "/api/v1/cases/" + rehsos + "/notes", note(version), etag);

    assertThat(acted.statusCode()).as(acted.body()).isEqualTo(200);
    JsonNode after = get("bdg.koordinator", "/api/v1/cases/" + rehsos);
    assertThat(after.path("version").asLong()).isEqualTo(version + 1);
    assertThat(after.path("deadlines").path("start-of-handling").path("state").asText())
        .isEqualTo("RUNNING");
    assertThat(
            Instant.parse(
                after.path("deadlines").path("start-of-handling").path("deadline").asText()))
        .isEqualTo(due);
  }

  @Test
  @Order(100)
  void noNikOrPhoneNumberReachedTheLog(CapturedOutput output) {
    String log = output.getAll();
    assertThat(log).isNotBlank();
    for (String value :
        List.of(NIK, WA_NIK, "81234567890", "81377778888", "81299990001", "813-1111-2222")) {
      assertThat(log).as("the log holds " + value).doesNotContain(value);
    }
    assertThat(Pattern.compile("(?<![\\d.])\\d{16}(?![\\d.])").matcher(log).find())
        .as("a 16-digit number (a NIK) in the log")
        .isFalse();
    assertThat(Pattern.compile("(?<![\\d.])(?:\\+?62|0)8\\d{8,11}(?!\\d)").matcher(log).find())
        .as("a mobile number in the log")
        .isFalse();
    assertThat(log).doesNotContain("Siti Aminah").doesNotContain("Budi Santoso");
  }

  // ------------------------------------------------------------------ helpers

  record Endpoint(String method, String path, @Nullable Map<String, Object> body, String action) {
    HttpResponse<String> call(OfficerApiTest test, String user, String ticket) throws Exception {
      return test.call(user, method, "/api/v1/cases/" + ticket + path, body);
    }
  }

  private static Endpoint post(
      String action, Map<String, Object> version, Map<String, Object> body, String permission) {
    Map<String, Object> all = new LinkedHashMap<>(version);
    all.putAll(body);
    return new Endpoint("POST", "/" + action, all, permission);
  }

  private static Map<String, Object> note(long version) {
    return Map.of("version", version, "text", "catatan");
  }

  private Cases cases() {
    return service.bean(Cases.class);
  }

  private long version(String ticket) {
    Long v = cases().byTicket(ticket).orElseThrow().version();
    return v == null ? 0 : v;
  }

  private static Map<String, Object> intakeBody(
      String reference,
      String description,
      @Nullable String nik,
      @Nullable String phone,
      boolean anon) {
    Map<String, Object> body = new HashMap<>();
    body.put("reference", reference);
    body.put("mode", "walk-in");
    body.put("receivedAt", Instant.now().minusSeconds(60).toString());
    body.put("description", description);
    body.put("anonymous", anon);
    if (nik != null) {
      body.put("nik", nik);
    }
    if (phone != null) {
      body.put("phone", phone);
    }
    return body;
  }

  private String intake(
      String user,
      String reference,
      Instant receivedAt,
      String name,
      @Nullable String nik,
      @Nullable String phone,
      String description,
      boolean anon)
      throws Exception {
    Map<String, Object> body = intakeBody(reference, description, nik, phone, anon);
    body.put("receivedAt", receivedAt.toString());
    body.put("name", name);
    body.put("address", "Jl. Merdeka 1");
    HttpResponse<String> r = call(user, "POST", "/api/v1/intake", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("ticket").asText();
  }

  /** Through completeness and verification to the division, as front office and coordinator. */
  private void routeTo(String agency, String ticket, String division) throws Exception {
    if (cases().byTicket(ticket).orElseThrow().state().status().name().equals("INCOMPLETE")) {
      ok(
          call(
              agency + ".loket",
              "POST",
              "/api/v1/cases/" + ticket + "/mark-complete",
              Map.of("version", version(ticket), "reason", "KK dan KTP dilihat di loket")));
    }
    ok(
        call(
            agency + ".loket",
            "POST",
            "/api/v1/cases/" + ticket + "/verify",
            Map.of("version", version(ticket))));
    ok(
        call(
            agency + ".koordinator",
            "POST",
            "/api/v1/cases/" + ticket + "/route",
            Map.of("version", version(ticket), "division", division)));
  }

  private List<String> tickets(String user, String query) throws Exception {
    JsonNode page = get(user, "/api/v1/cases?size=100&" + query);
    List<String> tickets = new ArrayList<>();
    page.path("items").forEach(i -> tickets.add(i.path("ticket").asText()));
    return tickets;
  }

  private static List<String> actions(JsonNode view) {
    List<String> actions = new ArrayList<>();
    view.path("timeline").forEach(t -> actions.add(t.path("action").asText()));
    return actions;
  }

  private JsonNode get(String user, String path) throws Exception {
    return ok(call(user, "GET", path, null));
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  HttpResponse<String> call(
      @Nullable String user, String method, String path, @Nullable Map<String, ?> body)
      throws Exception {
    return call(user, method, path, body, null);
  }

  HttpResponse<String> call(
      @Nullable String user,
      String method,
      String path,
      @Nullable Map<String, ?> body,
      @Nullable String ifMatch)
      throws Exception {
    HttpRequest.Builder b = request(user, path, ifMatch);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(
      @Nullable String user, String path, @Nullable String ifMatch) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + path));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return b;
  }
}
