package id.aduan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.sla.SlaServiceApplication;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.MultipartBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each of the five standards in ../shared/seeds/ carried out as its text describes, through the
 * case service and the SLA service together on the in-JVM broker: the channel the standard names,
 * its intake requirements, the steps its procedure lists, and the deadline its "waktu penyelesaian"
 * promises, computed on the Indonesian calendar in the agency's time zone and shown on the case.
 *
 * <p>Receipt moments are in 2026 around Nyepi, Idul Fitri, Idul Adha and Independence Day, so the
 * expected deadlines (worked out by hand below, in the agency's local time) cross those days.
 * Deadlines are compared within two minutes; Bandung's completeness pause moves its deadline by the
 * office time the pause took (docs/sla-counting.md), which its test allows for.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgencyStandardsEndToEndTest {

  private static final String PASSWORD = "e2e-standards";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NIK_BANDUNG = "3273014101900001";

  private final HttpClient http = HttpClient.newHttpClient();

  // Started in @Order, closed in the reverse order.
  @RegisterExtension
  @Order(1)
  static final AduanService cases =
      AduanService.of(CaseServiceApplication::builder, "standards-cases")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.outbox-sweep-interval", "200ms");

  @RegisterExtension
  @Order(2)
  static final AduanService sla =
      AduanService.of(SlaServiceApplication::builder, "standards-sla")
          .properties(WalkingSkeletonEndToEndTest.WITHOUT_SECURITY);

  /**
   * Dinas Sosial Kota Bandung, SOP Penanganan Pengaduan dan Rujukan: a complaint on the chat-only
   * WhatsApp line; copies of KK and KTP are required, so the case waits until the citizen sends
   * them; recorded and passed on (verified), examined and referred to the division whose duties it
   * concerns, followed up together, answered; 4 working days.
   *
   * <p>Received Tuesday 2026-03-17 10:00 WIB: day 0. Wednesday 18 (cuti bersama Nyepi), Thursday 19
   * (Nyepi), Friday 20 (cuti bersama Idul Fitri), the weekend of Idul Fitri, Monday 23 and Tuesday
   * 24 (cuti bersama) are off: day 1 is Wednesday 25, day 4 Monday 30 March, 16:00 WIB.
   */
  @Test
  void bandungWaitsForKkAndKtpThenRefersTheComplaintToItsDivisionWithinFourWorkingDays()
      throws Exception {
    Instant received = Instant.parse("2026-03-17T03:00:00Z");
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            "6281299990001",
            "wamid.STD-BDG-1",
            "Bantuan PKH ibu saya belum cair sejak Januari, mohon dibantu",
            received,
            false));
    JsonNode waiting = awaitCase("BDG-", c -> c.get("status").asString().equals("INCOMPLETE"));
    String t = waiting.get("ticket").asString();
    assertThat(waiting.get("missing").toString()).isEqualTo("[\"kk\",\"ktp\"]");

    send(
        whatsapp(
            "BDG",
            "100000000000001",
            "6281299990001",
            "wamid.STD-BDG-2",
            "Ini KK dan KTP ibu saya, NIK " + NIK_BANDUNG,
            received.plus(1, ChronoUnit.HOURS),
            true));
    awaitCase(t, c -> c.get("status").asString().equals("RECEIVED"));
    // The pause (waiting for KK and KTP) lasted a moment of now's office time, if the office is
    // open now: the deadline moves by that much office time, from Monday's close (16:00) into
    // Tuesday's opening (08:00 WIB). When the office is closed now, it moves by nothing.
    Instant deadline = deadline(t, "completion");
    assertThat(deadline)
        .satisfiesAnyOf(
            d -> assertThat(d).isEqualTo(Instant.parse("2026-03-30T09:00:00Z")),
            d ->
                assertThat(d)
                    .isBetween(
                        Instant.parse("2026-03-31T01:00:00Z"),
                        Instant.parse("2026-03-31T01:02:00Z")));

    post("bdg", t, "verify", Map.of("reason", "dicatat, diteruskan ke PPID"));
    post("bdg", t, "classify", Map.of("caseType", "COMPLAINT", "topic", "PKH"));
    post("bdg", t, "route", Map.of("division", "LINJAMSOS"));
    post("bdg", t, "start-progress", Map.of("reason", "tindak lanjut bersama tim pengaduan"));
    post("bdg", t, "answer", Map.of("text", "PKH ibu Anda dicairkan pada tahap berikutnya."));
    JsonNode resolved = resolve("bdg", t, "PKH dicairkan tahap berikutnya", "WHATSAPP");

    assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
    assertThat(resolved.get("division").asString()).isEqualTo("LINJAMSOS");
    // Resolved long after 30 March: the clock stops, late.
    awaitCase(t, c -> "STOPPED_LATE".equals(state(c, "completion")));
  }

  /**
   * Dinas Sosial Kota Bandung at the front desk (Persyaratan 1-2, docs/adr/0052): a walk-in who
   * brings the copies of KK and KTP has them scanned with the intake (multipart, each file labelled
   * with the requirement it satisfies), so the case opens complete and its clock runs from the
   * moment of receipt, never paused.
   *
   * <p>Received Tuesday 2025-12-23 09:00 WIB (a year of its own, so the WhatsApp scenario keeps
   * Bandung's first ticket of 2026): day 0. Wednesday 24 is day 1; Thursday 25 (Natal), Friday 26
   * (cuti bersama) and the weekend are off; Monday 29, Tuesday 30, and day 4 is Wednesday 31
   * December, 16:00 WIB.
   */
  @Test
  void bandungWalkInWithKkAndKtpScansOpensCompleteAndItsClockRunsFromReceipt() throws Exception {
    Instant received = Instant.parse("2025-12-23T02:00:00Z");
    Map<String, Object> form = new HashMap<>();
    form.put("reference", "BDG-LOKET-2025-12-23-01");
    form.put("mode", "walk-in");
    form.put("receivedAt", received.toString());
    form.put("name", "Ibu Warga Loket");
    form.put("address", "Jl. Asia Afrika 10, Bandung");
    form.put("description", "Bantuan PKH ibu saya belum cair sejak Januari, mohon dibantu");
    byte[] kk = "%PDF-1.4\n% fotokopi KK\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    byte[] ktp = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
    MultipartBody body =
        new MultipartBody()
            .json("intake", JSON.writeValueAsString(form))
            .file("files", "scan-kk.pdf", "application/pdf", kk)
            .field("requirements", "kk")
            .file("files", "scan-ktp.jpg", "image/jpeg", ktp)
            .field("requirements", "ktp");

    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(cases.baseUrl() + "/api/v1/intake"))
                .header("Authorization", "Basic " + basic("bdg.loket"))
                .header("Content-Type", body.contentType())
                .POST(body.publisher())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode opened = JSON.readTree(r.body());
    String t = opened.get("ticket").asString();
    assertThat(t).startsWith("BDG-2025-");
    assertThat(opened.get("status").asString()).isEqualTo("RECEIVED");
    assertThat(opened.get("missing").isEmpty()).isTrue();
    assertThat(opened.get("attachments").size()).isEqualTo(2);
    // Never waited: no information request on its timeline, so the SLA service never paused.
    assertThat(opened.get("timeline").toString()).doesNotContain("information-requested");
    assertDeadline(t, "completion", Instant.parse("2025-12-31T09:00:00Z"));
    JsonNode c = find(t);
    assertThat(state(c, "completion")).isNotEqualTo("PAUSED");
  }

  /**
   * Dinas Sosial dan PMD Bangka Belitung: WhatsApp; the admin makes sure the reporter's identity is
   * complete; the verifier examines and classifies (neglect of an obligation 5 working days;
   * without oversight content or field inspection 14; with them 60); the coordinator follows up and
   * tells the reporter, with a berita acara; documented and archived.
   *
   * <p>Received Friday 2026-03-13 at 17:30 WIB, after office hours: day 0 is Monday 16. Five
   * working days (18-24 March off as above): Tuesday 17, Wednesday 25, Thursday 26, Friday 27,
   * Monday 30 March. Classified as without field inspection, 14 working days: also Tuesday 31, 1
   * and 2 April, Good Friday 3 April off, 6 to 10 April, Monday 13 April, 16:00 WIB.
   */
  @Test
  void bangkaBelitungClassifiesTheComplaintAndTheDeadlineFollowsTheClass() throws Exception {
    send(
        whatsapp(
            "BABEL",
            "100000000000002",
            "6281299990002",
            "wamid.STD-BABEL-1",
            "Pendamping PKH di desa kami meminta uang potongan setiap pencairan. NIK saya "
                + "1971014101900001, bukti foto terlampir",
            Instant.parse("2026-03-13T10:30:00Z"),
            true));
    JsonNode c = awaitCase("BABEL-", x -> x.get("status").asString().equals("RECEIVED"));
    String t = c.get("ticket").asString();
    assertThat(c.get("slaClass").asString()).isEqualTo("NEGLECT");
    assertDeadline(t, "completion", Instant.parse("2026-03-30T09:00:00Z"));

    post("babel", t, "verify", Map.of("reason", "identitas lengkap"));
    post(
        "babel",
        t,
        "classify",
        Map.of("caseType", "COMPLAINT", "slaClass", "NO_FIELD_CHECK", "topic", "pungli"));
    assertDeadline(t, "completion", Instant.parse("2026-04-13T09:00:00Z"));

    post("babel", t, "route", Map.of("division", "LINJAMSOS"));
    post("babel", t, "start-progress", Map.of());
    post("babel", t, "answer", Map.of("text", "Pendamping telah diperiksa dan diberi sanksi."));
    resolve("babel", t, "Pendamping diberi sanksi, potongan dikembalikan", "WHATSAPP");
    JsonNode archived = post("babel", t, "archive", Map.of("reason", "berkas diarsipkan"));

    assertThat(archived.get("status").asString()).isEqualTo("ARCHIVED");
    assertThat(archived.get("timeline").valueStream().map(e -> e.get("action").asString()).toList())
        .containsSubsequence(
            "verified", "classified", "routed", "answered", "resolved", "archived");

    // "menyampaikan ... kepada pihak pelapor dan menuangkan ke dalam berita acara bukti
    // penyelesaian aduan" (docs/adr/0055): the resolution carries the berita acara's public link,
    // the status page shows the same one, and the PDF behind it, downloaded without any login, is
    // the berita acara the officer API shows, byte for byte.
    String link = beritaAcaraLinkOfTheResolution(t);
    HttpResponse<String> status =
        http.send(
            HttpRequest.newBuilder(URI.create(cases.baseUrl() + "/api/v1/public/status/" + t))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(status.body()).get("beritaAcara").get("url").asString())
        .isEqualTo(link);
    HttpResponse<byte[]> pdf =
        http.send(
            HttpRequest.newBuilder(URI.create(link)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    HttpResponse<byte[]> officer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        cases.baseUrl() + "/api/v1/cases/" + t + "/documents/berita-acara.pdf"))
                .header("Authorization", "Basic " + basic("babel"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(officer.headers().firstValue("Digest"))
        .hasValue(
            "sha-256="
                + java.util.HexFormat.of()
                    .formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(pdf.body())));
  }

  /** The berita acara's link the case's resolution carried on {@code cases.events.v1}. */
  private String beritaAcaraLinkOfTheResolution(String ticket) throws Exception {
    try (id.aduan.testsupport.TopicProbe events =
        new id.aduan.testsupport.TopicProbe(cases.brokers(), Topics.CASES_EVENTS)) {
      for (var r : events.readToEnd(Duration.ofSeconds(60))) {
        var type = r.headers().lastHeader("ce_type");
        if (type != null
            && new String(type.value(), StandardCharsets.UTF_8)
                .equals("id.aduan.case.resolved.v1")) {
          JsonNode e = JSON.readTree(r.value());
          if (e.get("ticket").asString().equals(ticket)) {
            return e.get("beritaAcara").get("url").asString();
          }
        }
      }
    }
    throw new AssertionError("no resolution of " + ticket + " on " + Topics.CASES_EVENTS);
  }

  /**
   * Dinas Sosial Kabupaten Buton: a written complaint to the head of the agency with name and
   * address, the failure and the loss, the remedy asked for, place, time and signature; follow-up
   * starts within 1 day of receipt and is carried out within 3 days. Buton is WITA.
   *
   * <p>The letter arrived Wednesday 2026-03-18 09:00 WITA, a day off (cuti bersama Nyepi), as are
   * the days up to Tuesday 24: it counts as received at the opening on Wednesday 25 March. Start by
   * Thursday 26, carried out by Saturday 28 March (the standard says days, not working days), 16:00
   * WITA = 08:00 UTC.
   */
  @Test
  void butonTakesAWrittenComplaintAndStartsWithinOneDayAndFinishesWithinThreeInWita()
      throws Exception {
    JsonNode c =
        intake(
            "btn",
            Map.of(
                "reference", "SURAT-BTN-STD-1",
                "mode", "letter",
                "receivedAt", "2026-03-18T01:00:00Z",
                "name", "La Ode Standar",
                "address", "Pasarwajo, Buton",
                "description",
                    "Bantuan beras untuk keluarga kami tidak disalurkan selama tiga bulan",
                "loss", "Tiga bulan tanpa bantuan beras",
                "remedy", "Penyaluran ulang bantuan",
                "placeAndTime", "Pasarwajo, 18 Maret 2026",
                "signed", true));
    String t = c.get("ticket").asString();
    assertThat(c.get("status").asString()).isEqualTo("RECEIVED");
    assertThat(c.get("slaClass").asString()).isEqualTo("WRITTEN");
    assertDeadline(t, "completion", Instant.parse("2026-03-28T08:00:00Z"));

    post("btn", t, "verify", Map.of("reason", "disposisi pimpinan: ditangani secara daring"));
    post("btn", t, "route", Map.of("division", "LINJAMSOS"));
    // "Prosedur 2": the head's disposition comes before the handling (handling.disposition).
    post("btn.kepala", t, "disposition", onlineTomorrow());
    post("btn", t, "start-progress", Map.of());
    post("btn", t, "answer", Map.of("text", "Bantuan beras disalurkan ulang minggu ini."));
    JsonNode resolved = resolve("btn", t, "Bantuan beras disalurkan ulang", "LETTER");
    assertThat(resolved.get("resolution").get("citizenInformedVia").asString()).isEqualTo("LETTER");

    // A letter without its signature waits for it, as the standard requires one.
    JsonNode unsigned =
        intake(
            "btn",
            Map.of(
                "reference", "SURAT-BTN-STD-2",
                "mode", "letter",
                "receivedAt", "2026-03-18T01:00:00Z",
                "name", "Wa Ode Standar",
                "address", "Pasarwajo, Buton",
                "description", "Bantuan beras tidak disalurkan ke dusun kami selama dua bulan",
                "loss", "Dua bulan tanpa bantuan",
                "remedy", "Penyaluran ulang",
                "placeAndTime", "Pasarwajo, 18 Maret 2026",
                "signed", false));
    assertThat(unsigned.get("status").asString()).isEqualTo("INCOMPLETE");
    assertThat(unsigned.get("missing").toString()).isEqualTo("[\"signature\"]");
  }

  /**
   * Dinas Sosial Kabupaten Buton, "Prosedur 2" and "Persyaratan 5 / Prosedur 3" (docs/adr/0051):
   * the head's disposition decides that a letter is handled online, with the time and the method,
   * and that ends the start-of-handling clock (met: it came within the day), while completion runs
   * on; the case goes in progress only after it. The duty officer (petugas piket) registers a
   * walk-in and hands it to an officer, which ends its one-hour reception clock. Received now, so
   * that the times the head names lie ahead.
   */
  @Test
  void butonsHeadDispositionsALetterOnlineWhichStartsItsHandlingAndTheDutyOfficerHandsOnAWalkIn()
      throws Exception {
    JsonNode letter = intake("btn", butonLetter("SURAT-BTN-DISP-1", "letter", Instant.now()));
    String t = letter.get("ticket").asString();
    assertThat(letter.get("status").asString()).isEqualTo("RECEIVED");
    awaitCase(t, c -> "RUNNING".equals(state(c, "start-of-handling")));
    post("btn", t, "verify", Map.of());
    post("btn.kepala", t, "route", Map.of("division", "LINJAMSOS"));
    HttpResponse<String> early =
        postJson(
            "btn",
            "/api/v1/cases/" + t + "/start-progress",
            Map.of(
                "version", JSON.readTree(get("btn", "/api/v1/cases/" + t).body()).get("version")));
    assertThat(early.statusCode()).as(early.body()).isEqualTo(409);

    JsonNode dispositioned = post("btn.kepala", t, "disposition", onlineTomorrow());

    assertThat(dispositioned.get("status").asString()).isEqualTo("ROUTED");
    JsonNode handled = awaitCase(t, c -> "MET".equals(state(c, "start-of-handling")));
    assertThat(state(handled, "completion")).isEqualTo("RUNNING");
    assertThat(post("btn", t, "start-progress", Map.of()).get("status").asString())
        .isEqualTo("IN_PROGRESS");

    // A walk-in: the duty officer registers it and hands it to the coordinator within the hour.
    JsonNode walkIn =
        intake("btn.piket", butonLetter("LOKET-BTN-DISP-2", "walk-in", Instant.now()));
    String w = walkIn.get("ticket").asString();
    awaitCase(w, c -> "RUNNING".equals(state(c, "walk-in-reception")));
    assertThat(receptionQueue()).contains(w);
    post("btn.piket", w, "assign", Map.of("officer", "btn.koordinator"));
    awaitCase(w, c -> "MET".equals(state(c, "walk-in-reception")));
    assertThat(receptionQueue()).doesNotContain(w);
  }

  /** The tickets in the duty officer's queue: walk-ins whose reception clock still runs. */
  private List<String> receptionQueue() throws Exception {
    HttpResponse<String> r = get("btn.piket", "/api/v1/inbox?reception=true");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body())
        .get("cases")
        .valueStream()
        .map(c -> c.get("ticket").asString())
        .toList();
  }

  private static Map<String, Object> butonLetter(String reference, String mode, Instant at) {
    Map<String, Object> body = new HashMap<>();
    body.put("reference", reference);
    body.put("mode", mode);
    body.put("receivedAt", at.minusSeconds(60).toString());
    body.put("name", "La Ode Disposisi");
    body.put("address", "Pasarwajo, Buton");
    body.put("description", "Bantuan beras untuk keluarga kami tidak disalurkan selama tiga bulan");
    body.put("loss", "Tiga bulan tanpa bantuan beras");
    body.put("remedy", "Penyaluran ulang bantuan");
    body.put("placeAndTime", "Pasarwajo, hari ini");
    body.put("signed", true);
    return body;
  }

  /** The head's disposition: handled online tomorrow at 10:00 office time, by video call. */
  private static Map<String, Object> onlineTomorrow() {
    return Map.of(
        "handled",
        true,
        "mode",
        "ONLINE",
        "time",
        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Makassar")).plusDays(1) + "T10:00",
        "method",
        "Panggilan video https://meet.example.test/btn");
  }

  /**
   * Dinas Sosial Kabupaten Lebak, Permohonan Informasi dan Dokumentasi: front office, secretariat,
   * head, secretary, verification; refused when the information is exempt, with the legal reason; 5
   * working days.
   *
   * <p>Received Monday 2026-05-25 10:00 WIB: day 0. Tuesday 26 is day 1; Idul Adha (Wednesday 27)
   * and its cuti bersama (Thursday 28) are off; Friday 29 is day 2; Monday 1 June (Pancasila) is
   * off; 2, 3 and 4 June are days 3-5: Thursday 4 June, 16:00 WIB.
   */
  @Test
  void lebakPassesAnInformationRequestThroughItsStepsAndRefusesExemptInformationWithTheLaw()
      throws Exception {
    JsonNode c =
        intake(
            "lbk",
            Map.of(
                "reference", "PPID-LBK-STD-1",
                "mode", "walk-in",
                "receivedAt", "2026-05-25T03:00:00Z",
                "caseType", "INFORMATION_REQUEST",
                "name", "Pemohon Standar",
                "nik", "3602010101900001",
                "description",
                    "Permohonan salinan data pribadi penerima bantuan sosial di Desa Narimbang"));
    String t = c.get("ticket").asString();
    assertThat(c.get("ppidStep").asString()).isEqualTo("FRONT_OFFICE");
    assertDeadline(t, "completion", Instant.parse("2026-06-04T09:00:00Z"));

    for (String step : List.of("SECRETARIAT", "HEAD", "SECRETARY", "VERIFICATION")) {
      // Lebak's step HEAD is taken on (to SECRETARY) by the head only (ppid.takenBy).
      post(
          step.equals("SECRETARY") ? "lbk.kepala" : "lbk", t, "ppid/advance", Map.of("step", step));
    }
    JsonNode refused =
        post(
            "lbk",
            t,
            "ppid/refuse",
            Map.of(
                "legalBasis", "Informasi dikecualikan: data pribadi, UU 14/2008 Pasal 17 huruf h"));

    assertThat(refused.get("status").asString()).isEqualTo("REJECTED");
    assertThat(refused.get("rejectionCode").asString()).isEqualTo("EXEMPT_INFORMATION");
    assertThat(refused.get("rejectionReason").asString()).contains("Pasal 17");
    awaitCase(
        t, x -> state(x, "completion") != null && state(x, "completion").startsWith("STOPPED"));
  }

  /**
   * Dinas Sosial Kabupaten Lebak, "Kontak Kami" on its website: a citizen files a complaint on the
   * agency's public web form without signing in, the page's proof of work solved as the page does
   * (docs/adr/0054); the case opens on channel WEB with Lebak's default class, the SLA service runs
   * its completion clock, and the status link it answers with shows the case to its holder.
   */
  @Test
  void lebaksWebsiteFormOpensACaseWhoseCompletionClockRuns() throws Exception {
    JsonNode page = JSON.readTree(publicGet("/api/v1/public/lbk/form").body());
    assertThat(page.get("name").asString()).isEqualTo("Dinas Sosial Kabupaten Lebak");
    assertThat(page.get("anonymous").asBoolean()).isTrue();
    JsonNode challenge = JSON.readTree(publicGet("/api/v1/public/lbk/form/challenge").body());
    String c = challenge.get("challenge").asString();
    Map<String, Object> complaint = new HashMap<>();
    complaint.put(
        "description",
        "Bantuan sosial lansia untuk ibu kami di Rangkasbitung tidak diterima sejak tiga bulan lalu");
    complaint.put("challenge", c);
    complaint.put("nonce", solve(c, challenge.get("bits").asInt()));
    complaint.put("website", "");
    HttpResponse<String> sent =
        http.send(
            HttpRequest.newBuilder(URI.create(cases.baseUrl() + "/api/v1/public/lbk/complaints"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(complaint)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
    JsonNode answer = JSON.readTree(sent.body());
    String ticket = answer.get("ticket").asString();
    assertThat(ticket).startsWith("LBK-");

    JsonNode opened = awaitCase(ticket, x -> "RUNNING".equals(state(x, "completion")));
    assertThat(opened.get("channel").asString()).isEqualTo("WEB");
    assertThat(opened.get("slaClass").asString()).isEqualTo("LIGHT");
    assertThat(Instant.parse(opened.get("deadlines").get("completion").get("deadline").asString()))
        .isAfter(Instant.now().plus(Duration.ofDays(4)));
    String key = answer.get("statusUrl").asString().replaceFirst(".*[?&]key=", "");
    assertThat(key).isNotBlank();
    JsonNode status = JSON.readTree(publicGet("/api/v1/public/status/" + ticket).body());
    assertThat(status.get("status").asString()).isEqualTo(opened.get("status").asString());
  }

  /** The nonce the web form's page finds: SHA-256 of {@code challenge:nonce} with leading zeros. */
  private static String solve(String challenge, int bits) throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    for (long nonce = 0; ; nonce++) {
      byte[] h = sha.digest((challenge + ":" + nonce).getBytes(StandardCharsets.UTF_8));
      int zeros = 0;
      for (byte b : h) {
        if (b == 0) {
          zeros += 8;
          continue;
        }
        zeros += Integer.numberOfLeadingZeros(b & 0xFF) - 24;
        break;
      }
      if (zeros >= bits) {
        return Long.toString(nonce);
      }
    }
  }

  private HttpResponse<String> publicGet(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(cases.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * DPMD Kabupaten Pasuruan: a written complaint (name and address, the failure and the loss, the
   * remedy, place, time and signature) or SP4N-LAPOR!; recorded, confirmed, distributed to the
   * division, answered, archived with the follow-up plan; "3 hari", which the standard does not
   * call working days.
   *
   * <p>Received Friday 2026-08-14 15:00 WIB: day 0; three calendar days later is Monday 17 August,
   * 16:00 WIB, although it is Independence Day (calendar days count every day).
   */
  @Test
  void pasuruanCountsThreeCalendarDaysAndArchivesWithTheFollowUpPlan() throws Exception {
    JsonNode c =
        intake(
            "psr",
            Map.of(
                "reference", "SURAT-PSR-STD-1",
                "mode", "letter",
                "receivedAt", "2026-08-14T08:00:00Z",
                "name", "Warga Raci",
                "address", "Desa Raci, Bangil",
                "description", "Dana desa untuk jalan lingkungan tidak jelas penggunaannya",
                "loss", "Jalan desa rusak tidak diperbaiki",
                "remedy", "Keterbukaan laporan penggunaan dana desa",
                "placeAndTime", "Bangil, 14 Agustus 2026",
                "signed", true));
    String t = c.get("ticket").asString();
    assertDeadline(t, "completion", Instant.parse("2026-08-17T09:00:00Z"));

    post("psr", t, "verify", Map.of("reason", "dicatat dan dikonfirmasi"));
    post("psr", t, "route", Map.of("division", "KEUDES"));
    post("psr", t, "start-progress", Map.of("reason", "penelusuran oleh bidang"));
    post("psr", t, "answer", Map.of("text", "Laporan penggunaan dana desa dipublikasikan."));
    resolve("psr", t, "Laporan dana desa dipublikasikan", "LETTER");
    JsonNode archived =
        post(
            "psr",
            t,
            "archive",
            Map.of("reason", "rencana tindak lanjut: audit dana desa triwulan berikutnya"));

    assertThat(archived.get("status").asString()).isEqualTo("ARCHIVED");
    assertThat(
            archived
                .get("timeline")
                .get(archived.get("timeline").size() - 1)
                .get("reason")
                .asString())
        .contains("rencana tindak lanjut");
  }

  // ------------------------------------------------------------------------------- helpers

  private void assertDeadline(String ticket, String clock, Instant expected) {
    assertThat(deadline(ticket, clock))
        .as(ticket + " " + clock)
        .isCloseTo(expected, within(2, ChronoUnit.MINUTES));
  }

  private Instant deadline(String ticket, String clock) {
    JsonNode c =
        awaitCase(ticket, x -> x.path("deadlines").path(clock).path("deadline").isString());
    return Instant.parse(c.get("deadlines").get(clock).get("deadline").asString());
  }

  private static @Nullable String state(JsonNode c, String clock) {
    JsonNode s = c.path("deadlines").path(clock).path("state");
    return s.isString() ? s.asString() : null;
  }

  /** Waits until the case (by ticket, or the newest of an agency by ticket prefix) satisfies. */
  private JsonNode awaitCase(String ticketOrPrefix, java.util.function.Predicate<JsonNode> done) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> find(ticketOrPrefix), c -> c != null && done.test(c));
  }

  private @Nullable JsonNode find(String ticketOrPrefix) throws Exception {
    String agency = ticketOrPrefix.substring(0, ticketOrPrefix.indexOf('-')).toLowerCase();
    if (!ticketOrPrefix.endsWith("-")) {
      HttpResponse<String> r = get(agency, "/api/v1/cases/" + ticketOrPrefix);
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }
    // The scenario's case: the agency's first of 2026 (the year of receipt) in this database.
    for (int n = 1; n <= 3; n++) {
      String ticket = ticketOrPrefix + "2026" + String.format("-%06d", n);
      HttpResponse<String> r = get(agency, "/api/v1/cases/" + ticket);
      if (r.statusCode() == 200) {
        return JSON.readTree(r.body());
      }
    }
    return null;
  }

  private void send(ComplaintReceived m) {
    cases
        .bean(EventPublisher.class)
        .publish(
            Topics.COMPLAINTS_INBOUND, m.agencyCode() + "|" + m.sender().channelUserId(), m, null);
  }

  private static ComplaintReceived whatsapp(
      String agency,
      String phoneNumberId,
      String from,
      String wamid,
      String text,
      Instant receivedAt,
      boolean withPhoto) {
    List<ComplaintReceived.Attachment> photos =
        withPhoto
            ? List.of(
                new ComplaintReceived.Attachment(
                    UUID.randomUUID().toString(),
                    "image/jpeg",
                    "foto_kk_ktp.jpg",
                    2048,
                    null,
                    "gridfs-" + wamid,
                    "STORED"))
            : List.of();
    return new ComplaintReceived(
        UUID.randomUUID().toString(),
        Instant.now(),
        agency,
        Channel.WHATSAPP,
        phoneNumberId,
        wamid,
        new ComplaintReceived.Sender(from, "Warga", false, false),
        withPhoto ? "image" : "text",
        null,
        text,
        photos,
        null,
        null,
        List.of(),
        receivedAt,
        Map.of(),
        null);
  }

  private JsonNode intake(String agency, Map<String, ?> body) throws Exception {
    HttpResponse<String> r = postJson(agency, "/api/v1/intake", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private JsonNode resolve(String agency, String ticket, String summary, String informedVia)
      throws Exception {
    return post(
        agency,
        ticket,
        "resolve",
        Map.of(
            "summary",
            summary,
            "beritaAcara",
            Map.of(
                "whatWasDone",
                summary,
                "doneBy",
                List.of(agency + ".admin"),
                "doneAt",
                Instant.now().toString(),
                "citizenInformedVia",
                informedVia)));
  }

  /** An officer action with the version the officer sees now. */
  private JsonNode post(String agency, String ticket, String action, Map<String, ?> body)
      throws Exception {
    JsonNode current = JSON.readTree(get(agency, "/api/v1/cases/" + ticket).body());
    Map<String, Object> withVersion = new HashMap<>(body);
    withVersion.put("version", current.get("version").asLong());
    HttpResponse<String> r =
        postJson(agency, "/api/v1/cases/" + ticket + "/" + action, withVersion);
    assertThat(r.statusCode()).as(action + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> get(String agency, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(cases.baseUrl() + path))
            .header("Authorization", "Basic " + basic(agency))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postJson(String agency, String path, Map<String, ?> body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(cases.baseUrl() + path))
            .header("Authorization", "Basic " + basic(agency))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The agency's admin, or the officer named in full (e.g. {@code lbk.kepala}). */
  private static String basic(String agency) {
    String user = agency.contains(".") ? agency : agency + ".admin";
    return Base64.getEncoder()
        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
