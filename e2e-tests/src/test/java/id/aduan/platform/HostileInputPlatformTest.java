package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.aduan.platform.Outside.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 18's hostile-input suite, against the started platform: bad and adversarial inputs through
 * every public surface (WhatsApp Cloud API and Twilio webhooks, Meta's webhook, SMTP into the local
 * mail server, LAPOR! reports, the public status page, the front-desk intake, the officer API). For
 * each input: the answer (4xx or 2xx as the input deserves, never 5xx, never none), then that its
 * agency still takes a normal complaint (it becomes a case) and its inbox and case list answer 200
 * to its admin. At the end every file under {@code $ADUAN_HOME} (Kafka logs, MongoDB data, service
 * logs) is scanned for the NIKs and phone numbers the suite sent. It prints one table and writes
 * {@code docs/security.md}.
 *
 * <p>Each input is its own test, so that what fails is visible one by one. The expectations are the
 * issue's; many fail until its fixes are merged.
 */
@StartedPlatform
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputPlatformTest {

  private static final Duration CASE_WAIT = Duration.ofSeconds(20);
  private static final Duration CASE_WAIT_BROKEN = Duration.ofSeconds(10);
  private static final Duration MAIL_WAIT = Duration.ofSeconds(40);
  private static final String AGENCY_CHECKS = "the agency checks' own normal complaints";
  private static final Map<String, String> NUMBER_ID =
      Map.of(
          "BDG", "100000000000001",
          "BABEL", "100000000000002",
          "BTN", "100000000000003",
          "LBK", "100000000000004",
          "PSR", "100000000000005");
  private static final Map<String, String> DISPLAY_NUMBER =
      Map.of("BDG", "+6281221742841", "BTN", "+6285257048204", "PSR", "+628165456650");
  private static final String BABEL_PAGE = "200000000000002";
  private static final String SVG =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\">"
          + "<script>fetch('/api/v1/cases').then(r=>r.text()).then(t=>top.name=t)</script></svg>";
  private static final String HTML =
      "<!doctype html><html><body><script>alert(document.cookie)</script>Foto KTP</body></html>";

  private final Outside outside = new Outside();
  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicInteger sequence = new AtomicInteger();
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  private final Map<String, Row> rows = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, String> personal = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Set<String> brokenAgencies = new HashSet<>();
  private final Map<String, List<String>> hits = new TreeMap<>();
  private LocalPlatform platform;
  private boolean scanned;

  /** One line of the table. */
  static final class Row {
    final String input;
    final String surface;
    String answer = "";
    String working = "";
    String problems = "";

    Row(String input, String surface) {
      this.input = input;
      this.surface = surface;
    }
  }

  /** What the suite sends and what it must get back. */
  record Hostile(String input, String surface, String agency, Expect expect, Probe probe) {
    @Override
    public String toString() {
      return surface + ": " + input;
    }
  }

  /** The answers an input deserves. */
  record Expect(String description, IntPredicate allowed) {
    static final Expect CLIENT_ERROR = new Expect("4xx", s -> s >= 400 && s < 500);
    static final Expect ACCEPTED = new Expect("2xx", s -> s >= 200 && s < 300);
    static final Expect ACCEPTED_OR_REFUSED =
        new Expect("2xx or 4xx", s -> s >= 200 && s < 500 && (s < 300 || s >= 400));
    static final Expect SMTP_ACCEPTED = new Expect("SMTP 250", s -> s == 250);
  }

  /** Sends the input; adds to {@code problems} whatever else it finds wrong. */
  @FunctionalInterface
  interface Probe {
    Answer send(Values values, List<String> problems) throws Exception;
  }

  /** Distinctive personal values for one input, remembered for the final scan. */
  final class Values {
    private final String input;

    Values(String input) {
      this.input = input;
    }

    /** A NIK nobody else sends: province 35, DOB 15-08-77 (female), a serial of this run. */
    String nik() {
      String nik = "357301550877%04d".formatted(sequence.incrementAndGet());
      personal.put(nik, input);
      return nik;
    }

    /** A mobile number nobody else uses, in the international form WhatsApp gives. */
    String phone() {
      String phone = "62819977%05d".formatted(sequence.incrementAndGet());
      personal.put(phone, input);
      personal.put("0" + phone.substring(2), input);
      return phone;
    }

    String marker() {
      return "uji" + run + "x" + sequence.incrementAndGet();
    }

    /** Another form of a value, to look for too. */
    String remember(String value) {
      personal.put(value, input);
      return value;
    }
  }

  @BeforeAll
  void platform(LocalPlatform platform) {
    this.platform = platform;
  }

  // --- the corpus -------------------------------------------------------------------------------

  Stream<Hostile> corpus() {
    List<Hostile> all = new ArrayList<>();
    String ticketNumber = "BDG-" + java.time.Year.now().getValue() + "-000001";

    // WhatsApp Cloud API, signed as Meta signs.
    all.add(
        new Hostile(
            "broken JSON, correctly signed",
            "WhatsApp webhook",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) ->
                whatsappRaw("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":")));
    all.add(
        new Hostile(
            "JSON of the wrong shape (entry is a string)",
            "WhatsApp webhook",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) -> whatsappRaw("{\"object\":\"whatsapp_business_account\",\"entry\":\"x\"}")));
    all.add(
        new Hostile(
            "a valid complaint with a wrong signature",
            "WhatsApp webhook",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) ->
                outside.send(
                    "POST",
                    platform.whatsapp() + "/webhooks/whatsapp",
                    "application/json",
                    whatsappBody("BDG", v.phone(), "NIK saya " + v.nik() + " mohon bantuan")
                        .getBytes(StandardCharsets.UTF_8),
                    "X-Hub-Signature-256",
                    "sha256=" + "0".repeat(64))));
    all.add(
        new Hostile(
            "5 MB chunked body, correctly signed",
            "WhatsApp webhook",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) -> chunked(platform.whatsapp(), "/webhooks/whatsapp", 5 * 1024 * 1024, true)));
    all.add(
        new Hostile(
            "Content-Length of 600 MB, no body sent",
            "WhatsApp webhook",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) -> hugeContentLength(platform.whatsapp(), "/webhooks/whatsapp")));
    all.add(
        new Hostile(
            "unicode: RTL override, zero-width, NUL, lone surrogates in JSON escapes",
            "WhatsApp webhook",
            "BDG",
            Expect.ACCEPTED_OR_REFUSED,
            (v, p) -> {
              String marker = v.marker();
              String body =
                  whatsappBody(
                      "BDG",
                      v.phone(),
                      "Bantuan \u202Eriac muleb\u202C PKH \u200B\u200D\uFEFF NIK "
                          + v.nik()
                          + " LONE NUL "
                          + marker);
              body = body.replace("LONE", "\\ud800\\udfff\\udc00x").replace("NUL", "\\u0000");
              return whatsappRaw(body);
            }));
    all.add(
        new Hostile(
            "100k '<' as the message text",
            "WhatsApp webhook",
            "LBK",
            Expect.ACCEPTED_OR_REFUSED,
            (v, p) -> whatsappSigned(whatsappBody("LBK", v.phone(), "<".repeat(100_000)))));
    all.add(
        new Hostile(
            "an SVG with script, declared image/svg+xml",
            "WhatsApp webhook",
            "BDG",
            Expect.ACCEPTED,
            (v, p) -> attachmentOverWhatsApp(v, p, "image/svg+xml", "foto.svg", SVG)));
    all.add(
        new Hostile(
            "an HTML page with script, declared image/jpeg",
            "WhatsApp webhook",
            "BDG",
            Expect.ACCEPTED,
            (v, p) -> attachmentOverWhatsApp(v, p, "image/jpeg", "foto.jpg", HTML)));
    all.add(
        new Hostile(
            "a stranger names another reporter's ticket (BDG-... tambahan)",
            "WhatsApp webhook",
            "BDG",
            Expect.ACCEPTED,
            this::strangerNamesTicket));
    all.add(
        new Hostile(
            "a stranger answers the survey of another reporter's case (1 BDG-...)",
            "WhatsApp webhook",
            "BDG",
            Expect.ACCEPTED,
            this::strangerAnswersSurvey));
    all.add(
        new Hostile(
            "verification handshake with a wrong token",
            "WhatsApp webhook",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) ->
                outside.get(
                    platform.whatsapp()
                        + "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong"
                        + "&hub.challenge=%3Cscript%3E",
                    null)));

    // Twilio WhatsApp, signed as Twilio signs.
    all.add(
        new Hostile(
            "unsigned form post",
            "Twilio webhook",
            "BTN",
            Expect.CLIENT_ERROR,
            (v, p) ->
                outside.send(
                    "POST",
                    platform.whatsapp() + "/webhooks/twilio/whatsapp",
                    "application/x-www-form-urlencoded",
                    Outside.form(twilioParams("BTN", v.phone(), "halo " + v.nik()))
                        .getBytes(StandardCharsets.UTF_8))));
    all.add(
        new Hostile(
            "broken form encoding (%zz, &&==), correctly signed",
            "Twilio webhook",
            "BTN",
            Expect.ACCEPTED_OR_REFUSED,
            (v, p) -> {
              String url = platform.whatsapp() + "/webhooks/twilio/whatsapp";
              return outside.send(
                  "POST",
                  url,
                  "application/x-www-form-urlencoded",
                  "Body=%zz&&==&From=whatsapp%3A%2B&To=".getBytes(StandardCharsets.UTF_8),
                  "X-Twilio-Signature",
                  Outside.twilioSignature(LocalPlatform.TWILIO_AUTH_TOKEN, url, Map.of()));
            }));
    all.add(
        new Hostile(
            "Content-Length of 600 MB, no body sent",
            "Twilio webhook",
            "BTN",
            Expect.CLIENT_ERROR,
            (v, p) -> hugeContentLength(platform.whatsapp(), "/webhooks/twilio/whatsapp")));
    all.add(
        new Hostile(
            "a complaint with NIK, unicode and 100k '<', correctly signed",
            "Twilio webhook",
            "BTN",
            Expect.ACCEPTED_OR_REFUSED,
            (v, p) ->
                twilio(
                    twilioParams(
                        "BTN",
                        v.phone(),
                        "NIK " + v.nik() + " \u202E\u200B " + "<".repeat(100_000)))));

    // Messenger and Instagram (Meta), signed as Meta signs.
    all.add(
        new Hostile(
            "broken JSON, correctly signed",
            "Meta webhook",
            "BABEL",
            Expect.CLIENT_ERROR,
            (v, p) -> metaRaw("{\"object\":\"page\",\"entry\":[{")));
    all.add(
        new Hostile(
            "5 MB chunked body, correctly signed",
            "Meta webhook",
            "BABEL",
            Expect.CLIENT_ERROR,
            (v, p) -> chunked(platform.social(), "/webhooks/meta", 5 * 1024 * 1024, false)));
    all.add(
        new Hostile(
            "Content-Length of 600 MB, no body sent",
            "Meta webhook",
            "BABEL",
            Expect.CLIENT_ERROR,
            (v, p) -> hugeContentLength(platform.social(), "/webhooks/meta")));
    all.add(
        new Hostile(
            "a message whose attachment URL points at a cloud metadata address",
            "Meta webhook",
            "BABEL",
            Expect.ACCEPTED,
            (v, p) ->
                metaRaw(
                    messengerBody(
                        v.marker(),
                        "Bukti terlampir",
                        "[{\"type\":\"image\",\"payload\":{\"url\":"
                            + "\"http://169.254.169.254/latest/meta-data/iam\"}}]"))));

    // LAPOR! reports, added through the simulator's own API.
    all.add(
        new Hostile(
            "a report whose fields have the wrong types (title an object, content a number)",
            "LAPOR! report",
            "LBK",
            Expect.ACCEPTED,
            (v, p) -> {
              Answer added =
                  laporReport(
                      "LAPOR-LBK",
                      "{\"title\":{\"x\":1},\"content\":12345,\"anonymous\":\"ya\","
                          + "\"reporter\":{\"phone\":\""
                          + v.phone()
                          + "\"}}");
              laporStillReads(v, p, "LAPOR-LBK", "LBK");
              return added;
            }));
    all.add(
        new Hostile(
            "a report with 100k '<', RTL override and an SVG attachment with script",
            "LAPOR! report",
            "LBK",
            Expect.ACCEPTED,
            (v, p) -> {
              String marker = v.marker();
              String url = laporFile("svg-" + marker, "image/svg+xml", SVG);
              Answer added =
                  laporReport(
                      "LAPOR-LBK",
                      laporJson(
                          v,
                          "Bantuan \u202Etidak\u202C cair " + marker,
                          "<".repeat(100_000),
                          "[{\"id\":\"svg-"
                              + marker
                              + "\",\"file_name\":\"bukti.svg\",\"mime_type\":\"image/svg+xml\","
                              + "\"size\":"
                              + SVG.length()
                              + ",\"url\":\""
                              + url
                              + "\"}]"));
              Optional<String> ticket = findCase("LBK", marker, CASE_WAIT);
              if (ticket.isEmpty()) {
                p.add("the report became no case within " + CASE_WAIT.toSeconds() + " s");
              } else {
                checkAttachmentsServedSafely("LBK", ticket.get(), p);
              }
              return added;
            }));

    // The public status page.
    for (String hostile :
        List.of(
            "..%2F..%2F..%2Fetc%2Fpasswd",
            ticketNumber + "%00", "%E2%80%AE" + ticketNumber, "B".repeat(5000), "enc:v1:x:y")) {
      all.add(
          new Hostile(
              "status of '" + abbreviate(hostile) + "'",
              "public status page",
              "BDG",
              Expect.CLIENT_ERROR,
              (v, p) -> outside.get(platform.cases() + "/api/v1/public/status/" + hostile, null)));
    }

    // The front-desk intake (an officer types what a citizen brought).
    all.add(
        new Hostile(
            "broken JSON",
            "front-desk intake",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) -> intake("BDG", "{\"reference\":\"L-1\",\"mode\":")));
    all.add(
        new Hostile(
            "lone surrogates and NUL in JSON escapes, with a NIK",
            "front-desk intake",
            "BDG",
            Expect.ACCEPTED_OR_REFUSED,
            (v, p) ->
                intake(
                    "BDG",
                    intakeJson(
                            v,
                            "Surat warga SURR tentang bantuan PKH " + v.marker(),
                            "Nama SURR NUL")
                        .replace("SURR", "\\ud800\\udc00\\udfff")
                        .replace("NUL", "\\u0000"))));
    all.add(
        new Hostile(
            "a description of 100k '<'",
            "front-desk intake",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) -> intake("BDG", intakeJson(v, "<".repeat(100_000), "Warga"))));
    all.add(
        new Hostile(
            "5 MB chunked body",
            "front-desk intake",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) ->
                Outside.raw(
                    port(platform.cases()),
                    "POST /api/v1/intake HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                        + Outside.basic("bdg.admin", LocalPlatform.DEMO_PASSWORD)
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n",
                    Outside.chunked(Outside.repeat((byte) ' ', 5L * 1024 * 1024)),
                    Duration.ofSeconds(20))));

    // The officer API.
    all.add(
        new Hostile(
            "a wrong password",
            "officer API",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) ->
                outside.send(
                    "GET",
                    platform.cases() + "/api/v1/cases",
                    null,
                    null,
                    "Authorization",
                    Outside.basic("bdg.admin", "salah"))));
    all.add(
        new Hostile(
            "search for 200 '<' with RTL override and NUL",
            "officer API",
            "BDG",
            Expect.ACCEPTED_OR_REFUSED,
            (v, p) ->
                outside.get(
                    platform.cases()
                        + "/api/v1/cases?q="
                        + URLEncoder.encode(
                            "\u202E\u0000" + "<".repeat(198), StandardCharsets.UTF_8),
                    "bdg.admin")));
    all.add(
        new Hostile(
            "another agency's attachment named part-1",
            "officer API",
            "BTN",
            Expect.CLIENT_ERROR,
            (v, p) ->
                outside.get(
                    platform.cases() + "/api/v1/cases/" + ticketNumber + "/attachments/part-1",
                    "btn.admin")));
    all.add(
        new Hostile(
            "a note whose JSON is broken",
            "officer API",
            "BDG",
            Expect.CLIENT_ERROR,
            (v, p) ->
                outside.send(
                    "POST",
                    platform.cases() + "/api/v1/cases/" + ticketNumber + "/notes",
                    "application/json",
                    "{\"text\":".getBytes(StandardCharsets.UTF_8),
                    "Authorization",
                    Outside.basic("bdg.admin", LocalPlatform.DEMO_PASSWORD))));

    // SMTP into the local mail server (only where it runs).
    all.add(
        new Hostile(
            "HTML-only mail of 100k '<'",
            "SMTP",
            "LBK",
            Expect.SMTP_ACCEPTED,
            (v, p) -> {
              Answer answer =
                  mail(
                      "lbk",
                      "warga" + v.marker() + "@contoh.test",
                      "Pengaduan",
                      "Content-Type: text/html; charset=UTF-8\r\n",
                      "<html><body>" + "<".repeat(100_000) + "</body></html>");
              mailboxStillReads(v, p, "lbk", "LBK");
              return answer;
            }));
    all.add(
        new Hostile(
            "broken MIME (multipart without its boundary, unterminated part)",
            "SMTP",
            "LBK",
            Expect.SMTP_ACCEPTED,
            (v, p) -> {
              Answer answer =
                  mail(
                      "lbk",
                      "warga" + v.marker() + "@contoh.test",
                      "Pengaduan NIK " + v.nik(),
                      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n",
                      "--\r\nContent-Type: text/plain\r\n\r\nNIK "
                          + v.nik()
                          + "\r\n--x\r\nContent-Type: application/octet-stream\r\n"
                          + "Content-Transfer-Encoding: base64\r\n\r\n@@@@not base64");
              mailboxStillReads(v, p, "lbk", "LBK");
              return answer;
            }));
    all.add(
        new Hostile(
            "a spoofed From naming the reporter's ticket",
            "SMTP",
            "BDG",
            Expect.SMTP_ACCEPTED,
            this::spoofedFrom));
    all.add(
        new Hostile(
            "an SVG attachment with script",
            "SMTP",
            "BDG",
            Expect.SMTP_ACCEPTED,
            (v, p) -> {
              assumeMail();
              String marker = v.marker();
              String boundary = "b" + marker;
              Answer answer =
                  mail(
                      "bdg",
                      "warga" + marker + "@contoh.test",
                      "Bukti " + marker,
                      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="
                          + boundary
                          + "\r\n",
                      "--"
                          + boundary
                          + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nBantuan belum cair "
                          + marker
                          + "\r\n--"
                          + boundary
                          + "\r\nContent-Type: image/svg+xml\r\nContent-Disposition: attachment;"
                          + " filename=\"part-1\"\r\n\r\n"
                          + SVG
                          + "\r\n--"
                          + boundary
                          + "--\r\n");
              Optional<String> ticket = findCase("BDG", marker, MAIL_WAIT);
              if (ticket.isEmpty()) {
                p.add("the mail became no case within " + MAIL_WAIT.toSeconds() + " s");
              } else {
                checkAttachmentsServedSafely("BDG", ticket.get(), p);
              }
              return answer;
            }));

    // Last, one per agency as far as they go: the inputs that stopped a whole agency.
    all.add(
        new Hostile(
            "a text containing [[pii: with a NIK",
            "WhatsApp webhook",
            "BDG",
            Expect.ACCEPTED,
            (v, p) ->
                whatsappSigned(
                    whatsappBody(
                        "BDG",
                        v.phone(),
                        "[[pii:nik:0]] NIK saya " + v.nik() + " [[pii:phone:1]] " + v.marker()))));
    all.add(
        new Hostile(
            "a NIK written in groups",
            "WhatsApp webhook",
            "BDG",
            Expect.ACCEPTED,
            (v, p) -> {
              String nik = v.nik();
              String grouped =
                  String.join(
                      " ",
                      nik.substring(0, 4),
                      nik.substring(4, 8),
                      nik.substring(8, 12),
                      nik.substring(12));
              v.remember(grouped);
              return whatsappSigned(
                  whatsappBody("BDG", v.phone(), "NIK saya " + grouped + " mohon dicek"));
            }));
    all.add(
        new Hostile(
            "the ciphertext look-alike enc:v1:x:y",
            "front-desk intake",
            "LBK",
            Expect.ACCEPTED,
            (v, p) -> intake("LBK", intakeJson(v, "enc:v1:x:y", "enc:v1:x:y"))));
    all.add(
        new Hostile(
            "the ciphertext look-alike enc:v1:x:y",
            "LAPOR! report",
            "BTN",
            Expect.ACCEPTED,
            (v, p) -> {
              Answer added =
                  laporReport("LAPOR-BTN", laporJson(v, "enc:v1:x:y", "enc:v1:x:y", "[]"));
              laporStillReads(v, p, "LAPOR-BTN", "BTN");
              return added;
            }));
    all.add(
        new Hostile(
            "the ciphertext look-alike enc:v1:x:y",
            "Meta webhook",
            "BABEL",
            Expect.ACCEPTED,
            (v, p) -> metaRaw(messengerBody(v.marker(), "enc:v1:x:y", null))));
    all.add(
        new Hostile(
            "the ciphertext look-alike enc:v1:x:y",
            "WhatsApp webhook",
            "PSR",
            Expect.ACCEPTED,
            (v, p) -> whatsappSigned(whatsappBody("PSR", v.phone(), "enc:v1:x:y"))));
    all.add(
        new Hostile(
            "ciphertext look-alikes with a NIK (enc:v1:AAAA:BBBB NIK ...)",
            "Twilio webhook",
            "BDG",
            Expect.ACCEPTED,
            (v, p) ->
                twilio(
                    twilioParams(
                        "BDG",
                        v.phone(),
                        "enc:v1:AAAA:BBBB enc:v1:k1:" + v.nik() + " " + v.nik()))));
    return all.stream();
  }

  // --- the tests --------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @Order(1)
  void hostileInput(Hostile hostile) throws Exception {
    if (hostile.surface().equals("SMTP")) {
      assumeMail();
    }
    Row row = new Row(hostile.input(), hostile.surface());
    rows.put(hostile.toString(), row);
    List<String> problems = new ArrayList<>();
    Answer answer;
    try {
      answer = hostile.probe().send(new Values(hostile.toString()), problems);
    } catch (org.opentest4j.TestAbortedException e) {
      rows.remove(hostile.toString());
      throw e;
    }
    row.answer = answer.toString();
    String working = agencyWorks(hostile.agency(), new Values(AGENCY_CHECKS));
    row.working = working;
    row.problems = String.join("; ", problems);

    assertThat(answer.status())
        .as("%s answered %s, expected %s", hostile, answer, hostile.expect().description())
        .matches(s -> hostile.expect().allowed().test(s), hostile.expect().description());
    assertThat(problems).as("what else went wrong after %s", hostile).isEmpty();
    assertThat(working)
        .as("%s still takes complaints after %s", hostile.agency(), hostile)
        .isEqualTo("yes");
  }

  @Test
  @Order(2)
  void nothingPersonalTheSuiteSentIsInAnyFileInClear() throws IOException {
    scan();
    assertThat(hits)
        .as("files under $ADUAN_HOME holding a NIK or phone number the suite sent, in clear")
        .isEmpty();
  }

  @AfterAll
  void report() throws IOException {
    if (!scanned) {
      scan();
    }
    String table = table();
    System.out.println("\nHostile-input suite (issue 18) against the started platform\n" + table);
    if (!hits.isEmpty()) {
      System.out.println("Personal values in clear:\n" + hitsSummary());
    }
    Files.writeString(platform.root().resolve("docs/security.md"), document(table));
  }

  // --- the agency keeps working -----------------------------------------------------------------

  /**
   * A normal complaint to the agency over WhatsApp becomes a case, and the agency's inbox and case
   * list answer 200 to its admin: "yes", or what failed.
   */
  private String agencyWorks(String agency, Values v) {
    String marker = v.marker();
    Answer sent =
        whatsappSigned(
            whatsappBody(
                agency,
                v.phone(),
                "Bantuan PKH ibu saya belum cair sejak Januari, mohon dibantu " + marker));
    List<String> failed = new ArrayList<>();
    if (sent.status() != 200) {
      failed.add("a normal complaint answered " + sent);
    } else if (findCase(
            agency, marker, brokenAgencies.contains(agency) ? CASE_WAIT_BROKEN : CASE_WAIT)
        .isEmpty()) {
      failed.add("a normal complaint became no case");
    }
    Answer inbox = outside.get(platform.cases() + "/api/v1/inbox", LocalPlatform.admin(agency));
    if (inbox.status() != 200) {
      failed.add("inbox " + inbox);
    }
    Answer list = outside.get(platform.cases() + "/api/v1/cases", LocalPlatform.admin(agency));
    if (list.status() != 200) {
      failed.add("case list " + list);
    }
    if (failed.isEmpty()) {
      brokenAgencies.remove(agency);
      return "yes";
    }
    brokenAgencies.add(agency);
    return "NO: " + String.join(", ", failed);
  }

  /** The ticket of the agency's case whose messages contain {@code marker}, once there is one. */
  private Optional<String> findCase(String agency, String marker, Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    do {
      Answer found =
          outside.get(platform.cases() + "/api/v1/cases?q=" + marker, LocalPlatform.admin(agency));
      if (found.status() == 200) {
        JsonNode items = readTree(found.body()).path("items");
        if (items.isArray() && !items.isEmpty()) {
          return Optional.of(items.get(0).path("ticket").asString());
        }
      }
      sleep(500);
    } while (Instant.now().isBefore(deadline));
    return Optional.empty();
  }

  private JsonNode caseView(String agency, String ticket) {
    Answer answer =
        outside.get(platform.cases() + "/api/v1/cases/" + ticket, LocalPlatform.admin(agency));
    return answer.status() == 200 ? readTree(answer.body()) : json.createObjectNode();
  }

  private JsonNode readTree(String body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException e) {
      return json.createObjectNode();
    }
  }

  // --- tickets named by strangers ---------------------------------------------------------------

  private String victimCase(Values v, List<String> problems) {
    String marker = v.marker();
    whatsappSigned(
        whatsappBody("BDG", v.phone(), "Bantuan PKH ibu saya belum cair, mohon dibantu " + marker));
    return findCase("BDG", marker, CASE_WAIT)
        .orElseGet(
            () -> {
              problems.add("the reporter's own complaint became no case");
              return null;
            });
  }

  private Answer strangerNamesTicket(Values v, List<String> problems) {
    String ticket = victimCase(v, problems);
    if (ticket == null) {
      return Answer.none("no victim case");
    }
    String marker = v.marker();
    Answer answer =
        whatsappSigned(
            whatsappBody(
                "BDG", v.phone(), ticket + " saya juga mau menambahkan keterangan " + marker));
    Optional<String> landed = findCase("BDG", marker, CASE_WAIT);
    if (landed.isPresent() && landed.get().equals(ticket)) {
      problems.add("the stranger's text joined the reporter's case " + ticket);
    }
    return answer;
  }

  private Answer strangerAnswersSurvey(Values v, List<String> problems) {
    String ticket = victimCase(v, problems);
    if (ticket == null) {
      return Answer.none("no victim case");
    }
    String stranger = v.phone();
    Answer answer = whatsappSigned(whatsappBody("BDG", stranger, "1 " + ticket));
    // The same sender's next message is handled after the first: once it is somewhere, the
    // survey answer has been handled too.
    String marker = v.marker();
    whatsappSigned(whatsappBody("BDG", stranger, "terima kasih " + marker));
    findCase("BDG", marker, CASE_WAIT);
    JsonNode view = caseView("BDG", ticket);
    if (!view.path("survey").isMissingNode() && !view.path("survey").isNull()) {
      problems.add("the stranger's '1' set the survey of " + ticket + ": " + view.path("survey"));
    }
    for (JsonNode message : view.path("messages")) {
      if (message.path("text").asString("").contains("1 " + ticket)) {
        problems.add("the stranger's '1 " + ticket + "' joined the reporter's case");
      }
    }
    return answer;
  }

  private Answer spoofedFrom(Values v, List<String> problems) {
    assumeMail();
    String reporter = "pelapor" + v.marker() + "@contoh.test";
    String marker = v.marker();
    mail(
        "bdg",
        reporter,
        "Bantuan PKH belum cair",
        "",
        "Mohon dibantu, bantuan belum cair " + marker);
    Optional<String> ticket = findCase("BDG", marker, MAIL_WAIT);
    if (ticket.isEmpty()) {
      problems.add("the reporter's own mail became no case");
      return Answer.none("no reporter case");
    }
    String spoofMarker = v.marker();
    // Sent by someone else (another envelope sender) with the reporter's address in From.
    Answer answer =
        Outside.smtp(
            platform.smtpPort(),
            "penipu@lain.test",
            "pengaduan@bdg.aduan.test",
            "From: <"
                + reporter
                + ">\r\nTo: <pengaduan@bdg.aduan.test>\r\nSubject: Re: "
                + ticket.get()
                + "\r\nMessage-ID: <"
                + spoofMarker
                + "@lain.test>\r\n\r\nSaya batalkan pengaduan ini "
                + spoofMarker
                + "\r\n");
    Optional<String> landed = findCase("BDG", spoofMarker, MAIL_WAIT);
    if (landed.isPresent() && landed.get().equals(ticket.get())) {
      problems.add("a spoofed From joined the reporter's case " + ticket.get());
    }
    return answer;
  }

  // --- attachments ------------------------------------------------------------------------------

  private Answer attachmentOverWhatsApp(
      Values v, List<String> problems, String declaredType, String fileName, String content) {
    String mediaId = "media-" + v.marker();
    outside.send(
        "PUT",
        platform.sandbox() + "/sandbox/media/" + mediaId,
        declaredType,
        content.getBytes(StandardCharsets.UTF_8));
    String marker = v.marker();
    ObjectNode message = json.createObjectNode();
    message.put("from", v.phone());
    message.put("id", "wamid.HOSTILE-" + marker);
    message.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    message.put("type", "document");
    ObjectNode document = message.putObject("document");
    document.put("id", mediaId);
    document.put("mime_type", declaredType);
    document.put("filename", fileName);
    document.put("caption", "Bukti pengaduan " + marker);
    Answer answer = whatsappSigned(whatsappEnvelope("BDG", message));
    Optional<String> ticket = findCase("BDG", marker, CASE_WAIT);
    if (ticket.isEmpty()) {
      problems.add("the message became no case within " + CASE_WAIT.toSeconds() + " s");
    } else {
      checkAttachmentsServedSafely("BDG", ticket.get(), problems);
    }
    return answer;
  }

  /** Every attachment of the case is downloaded only as an attachment, sandboxed and nosniff. */
  private void checkAttachmentsServedSafely(String agency, String ticket, List<String> problems) {
    JsonNode attachments = json.createArrayNode();
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      attachments = caseView(agency, ticket).path("attachments");
      if (attachments.isArray() && !attachments.isEmpty()) {
        break;
      }
      sleep(500);
    }
    if (!attachments.isArray() || attachments.isEmpty()) {
      problems.add("the attachment of " + ticket + " was not kept");
      return;
    }
    for (JsonNode attachment : attachments) {
      String href = attachment.path("href").asString("");
      String url = href.startsWith("http") ? href : platform.cases() + href;
      Answer download = outside.get(url, LocalPlatform.admin(agency));
      if (download.status() != 200) {
        problems.add("downloading " + href + " answered " + download);
        continue;
      }
      if (!download.header("Content-Disposition").startsWith("attachment")) {
        problems.add(
            "served with Content-Disposition '" + download.header("Content-Disposition") + "'");
      }
      if (!download.header("Content-Security-Policy").contains("sandbox")) {
        problems.add(
            "served without CSP sandbox ('" + download.header("Content-Security-Policy") + "')");
      }
      if (!download.header("X-Content-Type-Options").equalsIgnoreCase("nosniff")) {
        problems.add("served without X-Content-Type-Options: nosniff");
      }
    }
  }

  // --- WhatsApp, Twilio, Meta -------------------------------------------------------------------

  private String whatsappBody(String agency, String from, String text) {
    ObjectNode message = json.createObjectNode();
    message.put("from", from);
    message.put("id", "wamid.HOSTILE-" + run + "-" + sequence.incrementAndGet());
    message.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    message.put("type", "text");
    message.putObject("text").put("body", text);
    return whatsappEnvelope(agency, message);
  }

  private String whatsappEnvelope(String agency, ObjectNode message) {
    ObjectNode root = json.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode value =
        root.putArray("entry")
            .addObject()
            .put("id", "waba-" + agency)
            .putArray("changes")
            .addObject()
            .put("field", "messages")
            .putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "6281221742841")
        .put("phone_number_id", NUMBER_ID.get(agency));
    value
        .putArray("contacts")
        .addObject()
        .put("wa_id", message.path("from").asString())
        .putObject("profile")
        .put("name", "Warga \u202Euji\u202C");
    value.putArray("messages").add(message);
    return json.writeValueAsString(root);
  }

  private Answer whatsappSigned(String body) {
    return whatsappRaw(body);
  }

  private Answer whatsappRaw(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return outside.send(
        "POST",
        platform.whatsapp() + "/webhooks/whatsapp",
        "application/json",
        bytes,
        "X-Hub-Signature-256",
        Outside.metaSignature(LocalPlatform.WHATSAPP_APP_SECRET, bytes));
  }

  private Map<String, String> twilioParams(String agency, String from, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("MessageSid", "SM" + run + sequence.incrementAndGet());
    params.put("AccountSid", "AC00000000000000000000000000000000");
    params.put("From", "whatsapp:+" + from);
    params.put("To", "whatsapp:" + DISPLAY_NUMBER.get(agency));
    params.put("WaId", from);
    params.put("ProfileName", "Warga \u200Buji");
    params.put("Body", body);
    params.put("NumMedia", "0");
    return params;
  }

  private Answer twilio(Map<String, String> params) {
    String url = platform.whatsapp() + "/webhooks/twilio/whatsapp";
    return outside.send(
        "POST",
        url,
        "application/x-www-form-urlencoded",
        Outside.form(params).getBytes(StandardCharsets.UTF_8),
        "X-Twilio-Signature",
        Outside.twilioSignature(LocalPlatform.TWILIO_AUTH_TOKEN, url, params));
  }

  private String messengerBody(String marker, String text, String attachments) {
    long now = System.currentTimeMillis();
    return "{\"object\":\"page\",\"entry\":[{\"id\":\""
        + BABEL_PAGE
        + "\",\"time\":"
        + now
        + ",\"messaging\":[{\"sender\":{\"id\":\"psid-"
        + marker
        + "\"},\"recipient\":{\"id\":\""
        + BABEL_PAGE
        + "\"},\"timestamp\":"
        + now
        + ",\"message\":{\"mid\":\"m_"
        + marker
        + "\",\"text\":"
        + json.writeValueAsString(text + " " + marker)
        + (attachments == null ? "" : ",\"attachments\":" + attachments)
        + "}}]}]}";
  }

  private Answer metaRaw(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return outside.send(
        "POST",
        platform.social() + "/webhooks/meta",
        "application/json",
        bytes,
        "X-Hub-Signature-256",
        Outside.metaSignature(LocalPlatform.SOCIAL_APP_SECRET, bytes));
  }

  /** A signed body of {@code size} bytes (a JSON string of spaces), sent chunked. */
  private Answer chunked(String base, String path, int size, boolean whatsapp) {
    byte[] prefix = "{\"object\":\"page\",\"entry\":[],\"pad\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[size];
    java.util.Arrays.fill(body, (byte) ' ');
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[size - 2] = '"';
    body[size - 1] = '}';
    String signature =
        Outside.metaSignature(
            whatsapp ? LocalPlatform.WHATSAPP_APP_SECRET : LocalPlatform.SOCIAL_APP_SECRET, body);
    return Outside.raw(
        port(base),
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "X-Hub-Signature-256: "
            + signature
            + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        Outside.chunked(new ByteArrayInputStream(body)),
        Duration.ofSeconds(20));
  }

  /** Announces 600 MB and sends nothing: the answer must come without waiting for the body. */
  private Answer hugeContentLength(String base, String path) {
    return Outside.raw(
        port(base),
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "X-Hub-Signature-256: sha256="
            + "0".repeat(64)
            + "\r\nContent-Length: "
            + 600L * 1024 * 1024
            + "\r\nConnection: close\r\n\r\n",
        null,
        Duration.ofSeconds(10));
  }

  // --- LAPOR! -----------------------------------------------------------------------------------

  private String laporJson(Values v, String title, String content, String attachments) {
    ObjectNode report = json.createObjectNode();
    report.put("title", title);
    report.put("content", content + " NIK pelapor " + v.nik() + " " + title);
    report.put("classification", "pengaduan");
    report.putObject("category").put("id", "101").put("name", "Bantuan Sosial");
    report.put("anonymous", false);
    report.put("confidential", false);
    report
        .putObject("reporter")
        .put("id", "u-" + v.marker())
        .put("name", "Warga \u202Euji")
        .put("phone", v.phone());
    report.set("attachments", json.readTree(attachments));
    return json.writeValueAsString(report);
  }

  private Answer laporReport(String agencyId, String report) {
    return outside.send(
        "POST",
        platform.laporControl() + "/agencies/" + agencyId + "/reports",
        "application/json",
        report.getBytes(StandardCharsets.UTF_8),
        "Authorization",
        "Token " + LocalPlatform.LAPOR_TOKEN);
  }

  private String laporFile(String id, String type, String content) {
    Answer answer =
        outside.send(
            "PUT",
            platform.laporControl() + "/files/" + id,
            type,
            content.getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Token " + LocalPlatform.LAPOR_TOKEN);
    return readTree(answer.body()).path("url").asString("");
  }

  /** After a hostile report, a normal report to the same agency still becomes a case. */
  private void laporStillReads(Values v, List<String> problems, String agencyId, String agency) {
    String marker = v.marker();
    laporReport(agencyId, laporJson(v, "Bantuan PKH belum cair " + marker, "Mohon dibantu", "[]"));
    if (findCase(agency, marker, CASE_WAIT).isEmpty()) {
      problems.add(
          "a normal LAPOR! report after it became no case within " + CASE_WAIT.toSeconds() + " s");
    }
  }

  // --- front desk -------------------------------------------------------------------------------

  private String intakeJson(Values v, String description, String name) {
    ObjectNode intake = json.createObjectNode();
    intake.put("reference", "SURAT-" + v.marker());
    intake.put("mode", "letter");
    intake.put("receivedAt", Instant.now().minusSeconds(3600).toString());
    intake.put("name", name);
    intake.put("phone", "+" + v.phone());
    intake.put("nik", v.nik());
    intake.put("description", description);
    return json.writeValueAsString(intake);
  }

  private Answer intake(String agency, String body) {
    return outside.send(
        "POST",
        platform.cases() + "/api/v1/intake",
        "application/json",
        body.getBytes(StandardCharsets.UTF_8),
        "Authorization",
        Outside.basic(LocalPlatform.admin(agency), LocalPlatform.DEMO_PASSWORD));
  }

  // --- mail -------------------------------------------------------------------------------------

  private void assumeMail() {
    assumeTrue(
        platform.mail(),
        "the local mail server is not running (it needs root and dovecot/postfix:"
            + " deploy/mail/install.sh); the SMTP inputs are skipped");
  }

  private Answer mail(String code, String from, String subject, String headers, String body) {
    return Outside.smtp(
        platform.smtpPort(),
        from,
        "pengaduan@" + code + ".aduan.test",
        "From: <"
            + from
            + ">\r\nTo: <pengaduan@"
            + code
            + ".aduan.test>\r\nSubject: "
            + subject
            + "\r\nMessage-ID: <"
            + sequence.incrementAndGet()
            + "."
            + run
            + "@contoh.test>\r\n"
            + headers
            + "\r\n"
            + body
            + "\r\n");
  }

  /** After a hostile mail, a normal mail to the same mailbox still becomes a case. */
  private void mailboxStillReads(Values v, List<String> problems, String code, String agency) {
    String marker = v.marker();
    mail(
        code,
        "warga" + marker + "@contoh.test",
        "Bantuan belum cair",
        "",
        "Mohon dibantu " + marker);
    if (findCase(agency, marker, MAIL_WAIT).isEmpty()) {
      problems.add("a normal mail after it became no case within " + MAIL_WAIT.toSeconds() + " s");
    }
  }

  // --- the scan and the report ------------------------------------------------------------------

  /**
   * Every file the platform wrote under {@code $ADUAN_HOME}, except the stand-ins for the world
   * outside ({@code sandbox/}: what "Meta" received, which must name the recipient; {@code mail/}:
   * the mail provider's mailboxes) and the harness's own start output.
   */
  private void scan() throws IOException {
    scanned = true;
    sleep(2000); // H2 and Kafka write behind by a moment
    Path home = platform.home();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(home)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !home.relativize(p).startsWith("sandbox"))
              .filter(p -> !home.relativize(p).startsWith("mail"))
              .filter(p -> !p.getParent().equals(home))
              // offsets only, and preallocated to 10 MB each
              .filter(p -> !p.toString().endsWith(".index") && !p.toString().endsWith(".timeindex"))
              .toList();
    }
    Map<String, String> values;
    synchronized (personal) {
      values = new LinkedHashMap<>(personal);
    }
    // One pass per distinct prefix, not one per value: the MongoDB file alone is tens of MB.
    Map<String, List<String>> byPrefix = new TreeMap<>();
    values
        .keySet()
        .forEach(v -> byPrefix.computeIfAbsent(v.substring(0, 8), k -> new ArrayList<>()).add(v));
    for (Path file : files) {
      String content;
      try {
        content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        continue; // a file rolled away while scanning
      }
      Set<String> found = new java.util.TreeSet<>();
      byPrefix.forEach(
          (prefix, candidates) -> {
            for (int at = content.indexOf(prefix); at >= 0; at = content.indexOf(prefix, at + 1)) {
              for (String value : candidates) {
                if (content.startsWith(value, at)) {
                  found.add(value);
                }
              }
            }
          });
      for (String value : found) {
        hits.computeIfAbsent(value, k -> new ArrayList<>()).add(home.relativize(file).toString());
      }
    }
  }

  /** The kinds of values of the input found in clear, and where (topics, stores, logs). */
  private String piiOf(String input) {
    Set<String> kinds = new java.util.TreeSet<>();
    Set<String> places = new java.util.TreeSet<>();
    hits.forEach(
        (value, files) -> {
          if (input.equals(personal.get(value))) {
            kinds.add(value.startsWith("3573") ? "NIK" : "phone");
            files.forEach(f -> places.add(place(f)));
          }
        });
    return kinds.isEmpty()
        ? "none"
        : "YES: " + String.join("+", kinds) + " in " + String.join(", ", places);
  }

  /**
   * {@code kafka/data/<topic>-<n>/...} as the topic, {@code mongo/...} as MongoDB, a log's name.
   */
  private static String place(String file) {
    String[] parts = file.split("/");
    if (parts[0].equals("kafka") && parts.length > 2) {
      return parts[2].replaceAll("-[0-9]+$", "");
    }
    return parts[0].equals("mongo") ? "MongoDB" : file;
  }

  private String hitsSummary() {
    Map<String, List<String>> byInput = new TreeMap<>();
    hits.keySet()
        .forEach(v -> byInput.computeIfAbsent(personal.get(v), k -> new ArrayList<>()).add(v));
    StringBuilder out = new StringBuilder();
    byInput.forEach(
        (input, values) ->
            out.append("- ")
                .append(input)
                .append(": ")
                .append(values.size())
                .append(" value(s), ")
                .append(piiOf(input).substring("YES: ".length()))
                .append('\n'));
    return out.toString();
  }

  private String hitsText() {
    StringBuilder out = new StringBuilder();
    hits.forEach(
        (value, files) ->
            out.append("- `")
                .append(value)
                .append("` (")
                .append(personal.get(value))
                .append("): ")
                .append(String.join(", ", files))
                .append('\n'));
    return out.toString();
  }

  private String table() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"input", "surface", "answer", "agency still working", "PII in clear"});
    synchronized (rows) {
      for (Row row : rows.values()) {
        String problems = row.problems.isEmpty() ? "" : " (" + row.problems + ")";
        lines.add(
            new String[] {
              row.input,
              row.surface,
              row.answer + problems,
              row.working,
              piiOf(row.surface + ": " + row.input)
            });
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append("| ")
          .append(
              String.join(
                  " | ",
                  java.util.Arrays.stream(lines.get(i)).map(c -> c.replace("|", "\\|")).toList()))
          .append(" |\n");
      if (i == 0) {
        out.append("|---|---|---|---|---|\n");
      }
    }
    return out.toString();
  }

  private String document(String table) {
    return """
        # Security: hostile input against the started platform

        Generated by `e2e-tests/.../HostileInputPlatformTest` (issue 18) on %s; do not edit by
        hand, run the suite again (`./mvnw -o -pl e2e-tests -am -Dtest=HostileInputPlatformTest
        -Dsurefire.failIfNoSpecifiedTests=false verify`, or `./aduan test`).

        What it does: the whole local platform is started as `./aduan start` starts it (separate
        processes, a fresh data directory, free ports). Local mail server: %s.

        Each input below is sent from outside through a public surface, as the provider or a
        stranger would send it:
        WhatsApp Cloud API webhooks signed with `X-Hub-Signature-256`, Twilio webhooks signed with
        `X-Twilio-Signature`, Meta's Messenger webhook, mail over SMTP into the local mail server,
        LAPOR! reports added through the simulator's control API (channel-lapor polls them), the
        public status page, the front-desk intake and the officer API (HTTP Basic, demo accounts).

        For each input:
        - **answer**: the HTTP status (or SMTP reply, or what happened instead of an answer); a
          hostile input deserves a 4xx, an odd but legitimate complaint a 2xx, never a 5xx or none.
          What else was wrong after it (a stranger joining a case, an attachment served inline)
          follows in brackets;
        - **agency still working**: afterwards a normal WhatsApp complaint to the same agency
          became a case within %d s, and the agency admin's inbox and case list answered 200;
          an agency that stopped stays stopped for the inputs after it, which are ordered so that
          the ones that stopped an agency before come last, one agency each as far as they go;
        - **PII in clear**: the suite's own NIKs and phone numbers (distinctive values, one set per
          input) found verbatim in a file under `$ADUAN_HOME` (Kafka logs, MongoDB data, service
          logs; not `sandbox/` and `mail/`, which stand in for Meta and the mail provider).

        %s
        %s
        Inputs whose answer is "2xx or 4xx" are ones a provider never sends as such (a text longer
        than WhatsApp allows, invalid UTF-16): refusing them is as right as taking them.
        """
        .formatted(
            DateTimeFormatter.ISO_INSTANT.format(
                Instant.now()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .atOffset(ZoneOffset.UTC)),
            platform.mail() ? "running" : "not installed here, so the SMTP inputs were skipped",
            CASE_WAIT.toSeconds(),
            table,
            hits.isEmpty()
                ? "No NIK or phone number the suite sent was found in clear in any file.\n"
                : "Personal values found in clear, by input:\n\n"
                    + hitsSummary()
                    + "\n<details><summary>every value and file</summary>\n\n"
                    + hitsText()
                    + "\n</details>\n");
  }

  private static int port(String base) {
    return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 12) + "... (" + s.length() + " chars)" : s;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
