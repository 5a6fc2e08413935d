package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.persistence.Officers;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The officer UI in a real browser (Debian's Chromium, headless, driven by its chromedriver)
 * against the case service on the in-JVM Kafka broker and the MongoDB-protocol server: sign-in, the
 * inbox with SLA badges and filters, a front-desk complaint from intake to its printed berita
 * acara, division scoping, and the operations dashboard (kept as a screenshot in {@code
 * target/ui-screenshots/}).
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerUiBrowserTest {

  private static final String PASSWORD = "browser-test-password";
  private static final Path ARTIFACTS = Path.of("target", "ui-screenshots");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();

  /** A stand-in for a channel adapter's /actuator/prometheus. */
  private static final HttpServer adapterMetrics = adapterMetrics();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "officer-ui")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.outbox-sweep-interval", "200ms")
          .property(
              "aduan.operations.scrape-targets.channel-whatsapp",
              () ->
                  "http://127.0.0.1:"
                      + adapterMetrics.getAddress().getPort()
                      + "/actuator/prometheus")
          // A port nobody listens on.
          .property(
              "aduan.operations.scrape-targets.channel-email",
              () -> "http://127.0.0.1:" + closedPort() + "/actuator/prometheus")
          .thenClose(() -> adapterMetrics.stop(0));

  private Path profile;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private String base;

  private static HttpServer adapterMetrics() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server.createContext(
        "/actuator/prometheus",
        exchange -> {
          byte[] body =
              """
              # TYPE aduan_dead_letters_total counter
              aduan_dead_letters_total{reason="unknown_account",service="channel-whatsapp",topic="complaints.inbound.v1.dlq"} 3.0
              aduan_client_errors_total{client="graph-api",code="131047",service="channel-whatsapp"} 2.0
              aduan_publish_total{outcome="acked",service="channel-whatsapp",topic="complaints.inbound.v1"} 40.0
              kafka_consumer_fetch_manager_records_lag_max{client_id="c-1",service="channel-whatsapp"} 7.0
              """
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  void start() throws IOException {
    assumeTrue(
        HeadlessChromium.installed(),
        "browser tests need Debian's packages chromium and chromium-driver"
            + " (apt-get install -y chromium chromium-driver): /usr/bin/chromium or"
            + " /usr/bin/chromedriver is missing");
    base = service.baseUrl();
    addOfficer("bdg.linjamsos", "DIVISION_OFFICER", "LINJAMSOS");
    addOfficer("bdg.rehsos", "DIVISION_OFFICER", "REHSOS");
    addOfficer("ops.platform", "OPERATIONS", null);

    profile = Files.createTempDirectory("aduan-chromium");
    browser = HeadlessChromium.open(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // A view re-renders as a whole: an element read a moment ago may be gone; look again.
    wait.ignoring(StaleElementReferenceException.class);
    Files.createDirectories(ARTIFACTS);
  }

  @AfterAll
  void stop() throws IOException {
    HeadlessChromium.close(browser, profile);
  }

  @BeforeEach
  void signedOutInIndonesian() {
    browser.manage().window().setSize(new Dimension(1366, 900));
    browser.get(base + "/#/login");
    js("sessionStorage.clear(); localStorage.clear();");
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
  }

  // ------------------------------------------------------------------------------------ sign-in

  @Test
  void anOfficerSignsInWithTheKeyboardAndAWrongPasswordIsRefusedOnThePage() {
    browser.get(base + "/");
    wait.until(ExpectedConditions.urlContains("#/login"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Masuk petugas");

    typeCredentials("bdg.admin", "not-the-password");
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    wait.until(d -> !error.getText().isBlank());
    assertThat(error.getText()).isEqualTo("Nama pengguna atau kata sandi salah.");

    browser.findElement(By.name("username")).clear();
    browser.findElement(By.name("password")).clear();
    typeCredentials("bdg.admin", PASSWORD);
    wait.until(
        ExpectedConditions.textToBe(By.cssSelector("h1#inbox-title"), "Kotak masuk Semua bidang"));
    assertThat(browser.findElement(By.id("who")).getText()).contains("BDG");

    browser.findElement(By.id("lang-toggle")).click();
    wait.until(
        ExpectedConditions.textToBe(By.cssSelector("h1#inbox-title"), "Inbox All divisions"));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");

    // Every text exists in both languages.
    Object untranslated =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/assets/i18n.js').then(m => {"
                    + "  const id = m.keysOf('id'), en = m.keysOf('en');"
                    + "  done(id.filter(k => !en.includes(k)).concat(en.filter(k => !id.includes(k))));"
                    + "});");
    assertThat((List<?>) untranslated).isEmpty();

    browser.findElement(By.id("signout")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    browser.get(base + "/#/inbox");
    wait.until(ExpectedConditions.urlContains("#/login"));
  }

  // -------------------------------------------------------------------------------------- inbox

  @Test
  void aCitizenFollowsTheirComplaintOnTheStatusPageWithoutPersonalData() {
    String ticket = intakeOverApi("bdg.admin", "STATUS-PAGE-" + UUID.randomUUID());

    // Where the acknowledgement sends them: /status, here with the ticket in the link.
    browser.get(base + "/status?ticket=" + ticket);
    WebElement details =
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(d -> d.findElement(By.id("status-details")));
    assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo(ticket);
    assertThat(details.getText()).contains("Status").contains("Diterima");
    assertThat(details.getText()).doesNotContain("Warga").doesNotContain("@");

    browser.findElement(By.id("lang-toggle")).click();
    assertThat(browser.findElement(By.id("status-details")).getText()).contains("Received");

    WebElement input = browser.findElement(By.id("ticket"));
    input.clear();
    input.sendKeys("BDG-2026-999999", Keys.ENTER);
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.findElement(By.id("result")).getText().contains("No complaint"));
    browser.findElement(By.id("lang-toggle")).click();
  }

  @Test
  void theInboxShowsEachCasesSlaBadgeAndFiltersByIt() {
    String running = intakeOverApi("bdg.admin", "SLA-RUNNING-" + UUID.randomUUID());
    String breached = intakeOverApi("bdg.admin", "SLA-BREACHED-" + UUID.randomUUID());
    String paused = intakeOverApi("bdg.admin", "SLA-PAUSED-" + UUID.randomUUID());
    Instant now = Instant.now();
    slaEvent(
        new SlaEvent.SlaClockStarted(
            UUID.randomUUID().toString(),
            now,
            caseId(running),
            running,
            "BDG",
            "completion",
            "STANDARD",
            now,
            now.plus(3, ChronoUnit.DAYS).plus(2, ChronoUnit.HOURS),
            false));
    slaEvent(
        new SlaEvent.SlaBreached(
            UUID.randomUUID().toString(),
            now,
            caseId(breached),
            breached,
            "BDG",
            "completion",
            now.minus(5, ChronoUnit.HOURS),
            null));
    slaEvent(
        new SlaEvent.SlaClockStarted(
            UUID.randomUUID().toString(),
            now,
            caseId(paused),
            paused,
            "BDG",
            "completion",
            "STANDARD",
            now,
            now.plus(2, ChronoUnit.DAYS),
            false));
    awaitDeadline(running, "RUNNING");
    awaitDeadline(breached, "BREACHED");
    awaitDeadline(paused, "RUNNING");
    slaEvent(
        new SlaEvent.SlaClockPaused(
            UUID.randomUUID().toString(), now, caseId(paused), paused, "BDG", "completion", now));
    awaitDeadline(paused, "PAUSED");

    signIn("bdg.admin");
    assertThat(badge(running).getAttribute("data-sla")).isEqualTo("RUNNING");
    assertThat(badge(running).getText()).startsWith("Sisa 3 hari");
    assertThat(badge(breached).getAttribute("data-sla")).isEqualTo("OVERDUE");
    assertThat(badge(breached).getText()).startsWith("Terlambat 5 jam");
    assertThat(badge(paused).getText()).isEqualTo("Dijeda");

    new Select(browser.findElement(By.name("sla"))).selectByValue("overdue");
    browser.findElement(By.cssSelector("#inbox-filters button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("sla=overdue"));
    wait.until(d -> ticketsInInbox().contains(breached));
    assertThat(ticketsInInbox()).contains(breached).doesNotContain(running, paused);

    browser.findElement(By.id("lang-toggle")).click();
    wait.until(d -> badge(breached).getText().startsWith("Overdue by 5 h"));
  }

  // ----------------------------------------------------------------- intake to resolution, PDF

  @Test
  void aWalkInComplaintGoesFromTheFrontDeskToItsPrintedBeritaAcaraInTheUi() throws IOException {
    signIn("bdg.admin");
    browser.findElement(By.id("nav-intake")).click();
    WebElement form =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("intake-form")));
    new Select(form.findElement(By.name("mode"))).selectByValue("walk-in");
    // Received yesterday at 09:30 (the browser's zone): deadlines count from it.
    js(
        "const d = new Date(Date.now() - 86400000); d.setHours(9, 30, 0, 0);"
            + "const p = n => String(n).padStart(2, '0');"
            + "document.querySelector('#intake-form [name=receivedAt]').value ="
            + " `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T09:30`;");
    String reference = "LOKET-" + UUID.randomUUID();
    form.findElement(By.name("reference")).sendKeys(reference);
    form.findElement(By.name("name")).sendKeys("Siti Aminah");
    form.findElement(By.name("nik")).sendKeys("3273014101900001");
    form.findElement(By.name("description"))
        .sendKeys("Bantuan PKH keluarga kami belum cair sejak bulan Januari, mohon dibantu");
    form.findElement(By.name("remedy")).sendKeys("PKH dicairkan");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement article =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.case")));
    String ticket = article.getAttribute("data-ticket");
    assertThat(ticket).matches("BDG-\\d{4}-\\d{6}");
    assertThat(browser.findElement(By.id("notice")).getText()).contains(ticket);
    // The KK copy is a document the form cannot carry: the case waits for it.
    assertThat(article.getAttribute("data-status")).isEqualTo("INCOMPLETE");
    CaseDocument stored = cases().byTicket(ticket).orElseThrow();
    assertThat(stored.state().receivedAt()).isBefore(Instant.now().minus(12, ChronoUnit.HOURS));
    assertThat(browser.findElement(By.id("explanation")).getText())
        .contains("Bidang Perlindungan dan Jaminan Sosial");

    act("mark-complete", Map.of("reason", "Fotokopi KK diperiksa di loket"), "RECEIVED");
    actByKeyboard("verify", "Identitas dan KK sesuai", "VERIFIED");
    act("classify", Map.of("topic", "PKH belum cair"), "VERIFIED");
    act("route", Map.of("division", "LINJAMSOS"), "ROUTED");
    act("start-progress", Map.of(), "IN_PROGRESS");
    act("answer", Map.of("text", "PKH sudah diajukan ulang dan akan cair bulan depan"), "ANSWERED");
    act(
        "resolve",
        Map.of(
            "summary", "PKH dicairkan",
            "whatWasDone", "Verifikasi DTKS dan pengajuan ulang PKH ke Kemensos",
            "doneBy", "Admin BDG\nPendamping PKH Kec. Coblong"),
        "RESOLVED");

    List<String> actions =
        browser.findElements(By.cssSelector("#timeline .entry .action")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(actions)
        .contains(
            "Pengaduan diterima",
            "Diverifikasi",
            "Didisposisikan ke bidang",
            "Tindak lanjut dimulai",
            "Jawaban disampaikan");
    assertThat(browser.findElement(By.id("timeline")).getText())
        .contains("Identitas dan KK sesuai"); // typed by keyboard into the verify form
    assertThat(cases().byTicket(ticket).orElseThrow().state().division()).isEqualTo("LINJAMSOS");

    browser.manage().window().setSize(new Dimension(1366, 1800));
    screenshot("case-resolved.png");
    browser.findElement(By.id("print-record")).click();
    WebElement record =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("berita-acara")));
    assertThat(record.getText())
        .contains("BERITA ACARA PENYELESAIAN PENGADUAN", ticket, "DINAS SOSIAL KOTA BANDUNG")
        .contains("Verifikasi DTKS dan pengajuan ulang PKH ke Kemensos")
        .contains("Pendamping PKH Kec. Coblong");
    Pdf pdf = browser.print(new PrintOptions());
    byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
    assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    Files.write(ARTIFACTS.resolve("berita-acara.pdf"), bytes);
    screenshot("berita-acara.png");
  }

  /**
   * Issue 23 (docs/adr/0052): the front-desk form takes the scans the walk-in brought, each with
   * the requirement it satisfies; the case opens complete and lists its files as links.
   */
  @Test
  void aWalkInWithKkAndKtpScansOpensCompleteFromTheFrontDeskForm() throws IOException {
    Path kk = ARTIFACTS.resolve("scan-kk.pdf");
    Files.write(kk, "%PDF-1.4\n% KK\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    Path ktp = ARTIFACTS.resolve("scan-ktp.jpg");
    Files.write(ktp, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10});
    signIn("bdg.loket");
    browser.findElement(By.id("nav-intake")).click();
    WebElement form =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("intake-form")));
    new Select(form.findElement(By.name("mode"))).selectByValue("walk-in");
    form.findElement(By.name("reference")).sendKeys("LOKET-FILES-" + UUID.randomUUID());
    form.findElement(By.name("name")).sendKeys("Siti Aminah");
    form.findElement(By.name("description"))
        .sendKeys("Bantuan PKH keluarga kami belum cair sejak bulan Januari, mohon dibantu");
    form.findElement(By.cssSelector(".desk-file input[type=file]"))
        .sendKeys(kk.toAbsolutePath().toString());
    new Select(form.findElement(By.cssSelector(".desk-file select"))).selectByValue("kk");
    // Choosing a file adds a row for the next one.
    wait.until(d -> form.findElements(By.cssSelector(".desk-file")).size() == 2);
    WebElement second = form.findElements(By.cssSelector(".desk-file")).get(1);
    second
        .findElement(By.cssSelector("input[type=file]"))
        .sendKeys(ktp.toAbsolutePath().toString());
    new Select(second.findElement(By.tagName("select"))).selectByValue("ktp");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement article =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.case")));
    assertThat(article.getAttribute("data-status")).isEqualTo("RECEIVED");
    List<WebElement> links = browser.findElements(By.cssSelector("#case-files a[data-file]"));
    assertThat(links).hasSize(2);
    assertThat(browser.findElement(By.id("case-files")).getText())
        .contains("application/pdf", "image/jpeg");
    assertThat(browser.findElements(By.id("action-attach-files"))).hasSize(1);
    assertThat(browser.findElements(By.id("action-presented"))).hasSize(1);
    // The status link to hand the citizen, who answers the survey on the status page with it.
    WebElement statusLink =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("#status-link a[href]")));
    assertThat(statusLink.getAttribute("href")).contains("/status.html?ticket=BDG-", "&key=");
    screenshot("case-with-desk-files.png");
  }

  // ------------------------------------------------------------- the officer's language, widths

  /** Raw values of the API that an officer must never read in the Indonesian timeline. */
  private static final List<String> RAW =
      List.of(
          "opened",
          "verified",
          "classified",
          "routed",
          "in-progress",
          "answered",
          "resolved",
          "information-requested",
          "information-received",
          "missing [",
          "invalid [",
          "COMPLAINT",
          "STANDARD",
          "LINJAMSOS",
          "ROUTED",
          "RESOLVED",
          "system",
          " by ");

  @Test
  void aResolvedCaseReadsInTheOfficersLanguageWithoutSidewaysScrollingOnALaptopAndAPhone()
      throws IOException {
    String ticket = resolvedCaseWithEveryStep();
    signIn("bdg.admin");

    for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(360, 740))) {
      browser.manage().window().setSize(size);
      browser.get(base + "/#/case/" + ticket);
      WebElement timeline =
          wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
      wait.until(d -> !d.findElements(By.cssSelector("#timeline .entry")).isEmpty());
      String text = timeline.getText();
      assertThat(text)
          .contains(
              "Pengaduan diterima",
              "Kelengkapan diminta",
              "Kurang: fotokopi Kartu Keluarga (KK)",
              "Diklasifikasi",
              "Pengaduan, kelas SLA Penanganan aduan (4 hari kerja)",
              "Ke Bidang Perlindungan dan Jaminan Sosial",
              "Jawaban disampaikan",
              "Diselesaikan",
              "Sistem");
      for (String raw : RAW) {
        assertThat(text).as("raw value in the timeline").doesNotContain(raw);
      }
      // The explanation: one sentence per part, each on its own line.
      List<String> parts =
          browser.findElements(By.cssSelector("#explanation li")).stream()
              .map(WebElement::getText)
              .toList();
      boolean suggested =
          cases().byTicket(ticket).orElseThrow().state().suggestedDivision() != null;
      assertThat(parts).hasSize(suggested ? 3 : 2);
      if (suggested) {
        assertThat(parts.getFirst()).startsWith("Usulan otomatis: Bidang");
      }
      assertThat(parts)
          .anySatisfy(p -> assertThat(p).startsWith("Diklasifikasi oleh bdg.admin: Pengaduan"))
          .anySatisfy(
              p ->
                  assertThat(p)
                      .isEqualTo(
                          "Didisposisikan oleh bdg.admin ke"
                              + " Bidang Perlindungan dan Jaminan Sosial."));
      assertThat(parts).allSatisfy(p -> assertThat(p).endsWith(".").doesNotContain("classified"));
      Number overflow =
          (Number)
              js(
                  "return document.documentElement.scrollWidth"
                      + " - document.documentElement.clientWidth;");
      assertThat(overflow.intValue()).as("sideways scroll at " + size).isLessThanOrEqualTo(0);
      js("document.getElementById('timeline').scrollIntoView();");
      screenshot("case-timeline-" + size.getWidth() + ".png");
    }

    // The officer's other language: the same values in English.
    browser.manage().window().setSize(new Dimension(1366, 768));
    browser.findElement(By.id("lang-toggle")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Resolved"));
    assertThat(browser.findElement(By.id("timeline")).getText())
        .contains(
            "Complaint received",
            "Information requested",
            "Missing: a copy of the family card (KK)",
            "Complaint, SLA class Complaint handling (4 working days)",
            "Answer given")
        .doesNotContain("information-requested", "missing [", "Diselesaikan");
    assertThat(browser.findElement(By.id("explanation")).getText())
        .contains("Routed by bdg.admin to Bidang Perlindungan dan Jaminan Sosial.");
    screenshot("case-timeline-1366-en.png");

    // The list's CSV button exports with the inbox's filters, through the officer's sign-in.
    browser.findElement(By.id("lang-toggle")).click();
    browser.get(base + "/#/inbox?status=closed&division=LINJAMSOS");
    WebElement export = wait.until(ExpectedConditions.elementToBeClickable(By.id("export-csv")));
    assertThat(export.getText()).isEqualTo("Unduh CSV");
    assertThat(export.getAttribute("data-query"))
        .contains("status=RESOLVED", "status=ARCHIVED", "division=LINJAMSOS", "lang=id");
    export.click();
    wait.until(d -> d.findElement(By.id("export-csv")).getAttribute("data-downloaded") != null);
    assertThat(
            Integer.parseInt(
                browser.findElement(By.id("export-csv")).getAttribute("data-downloaded")))
        .isGreaterThan(3);
  }

  /** A BDG walk-in taken over the API through every step to RESOLVED, with a system request. */
  private String resolvedCaseWithEveryStep() {
    String ticket = intakeOverApi("bdg.admin", "LANG-" + UUID.randomUUID());
    String path = "/api/v1/cases/" + ticket;
    long version = cases().byTicket(ticket).orElseThrow().version();
    if ("INCOMPLETE".equals(cases().byTicket(ticket).orElseThrow().state().status().name())) {
      version = step(path + "/mark-complete", version, Map.of("reason", "KK diperiksa"));
    }
    version = step(path + "/verify", version, Map.of());
    version = step(path + "/classify", version, Map.of("caseType", "COMPLAINT", "topic", "Bansos"));
    version = step(path + "/route", version, Map.of("division", "LINJAMSOS"));
    // No reason: the timeline keeps the system's own sentence, shown from its values.
    version = step(path + "/request-information", version, Map.of("missing", List.of("kk")));
    version = step(path + "/mark-complete", version, Map.of("reason", "KK diterima di loket"));
    version = step(path + "/start-progress", version, Map.of());
    version = step(path + "/answer", version, Map.of("text", "Bantuan akan disalurkan"));
    step(
        path + "/resolve",
        version,
        Map.of(
            "summary",
            "Bantuan disalurkan",
            "beritaAcara",
            Map.of(
                "whatWasDone",
                "Penyaluran bantuan",
                "doneBy",
                List.of("Admin BDG"),
                "doneAt",
                Instant.now().toString(),
                "citizenInformedVia",
                "FRONT_DESK")));
    return ticket;
  }

  private long step(String path, long version, Map<String, ?> fields) {
    Map<String, Object> body = new java.util.HashMap<>(fields);
    body.put("version", version);
    return postJson("bdg.admin", path, body).get("version").asLong();
  }

  // ---------------------------------------------------------------------------- division scoping

  @Test
  void aDivisionOfficerSeesOnlyTheCasesOfTheirDivision() throws Exception {
    String social = routedCase("LINJAMSOS");
    String rehab = routedCase("REHSOS");

    signIn("bdg.linjamsos");
    assertThat(browser.findElement(By.cssSelector("h1#inbox-title .scope")).getText())
        .isEqualTo("Bidang Anda: LINJAMSOS");
    assertThat(ticketsInInbox()).contains(social).doesNotContain(rehab);
    assertThat(browser.findElement(By.name("division")).isEnabled()).isFalse();

    // The scoping is in the query: asking for another division over the API changes nothing.
    JsonNode other = getJson("bdg.linjamsos", "/api/v1/inbox?division=REHSOS&status=all");
    assertThat(other.get("cases").findValuesAsString("ticket"))
        .contains(social)
        .doesNotContain(rehab);

    signIn("bdg.rehsos");
    assertThat(ticketsInInbox()).contains(rehab).doesNotContain(social);

    // On a phone-sized screen the inbox becomes cards and nothing scrolls sideways.
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(d -> ticketsInInbox().contains(rehab));
    Number overflow =
        (Number) js("return document.documentElement.scrollWidth - window.innerWidth;");
    assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
    screenshot("inbox-phone.png");
  }

  // ---------------------------------------------------------------------------------- dashboard

  @Test
  void theOperationsDashboardShowsCaseFiguresAndAdapterHealth() throws Exception {
    String met = routedCase("DAYASOS");
    String late = intakeOverApi("bdg.admin", "DASH-" + UUID.randomUUID());
    intakeOverApi("btn.admin", "DASH-BTN-" + UUID.randomUUID());
    Instant now = Instant.now();
    slaEvent(
        new SlaEvent.SlaClockStopped(
            UUID.randomUUID().toString(),
            now,
            caseId(met),
            met,
            "BDG",
            "completion",
            now.plus(1, ChronoUnit.DAYS),
            now,
            false));
    slaEvent(
        new SlaEvent.SlaBreached(
            UUID.randomUUID().toString(),
            now,
            caseId(late),
            late,
            "BDG",
            "completion",
            now.minus(1, ChronoUnit.HOURS),
            null));
    awaitDeadline(met, "MET");
    awaitDeadline(late, "BREACHED");

    signIn("ops.platform");
    browser.findElement(By.id("nav-dashboard")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
    // Operations staff see every agency.
    assertThat(browser.findElement(By.cssSelector("#dash-title .scope")).getText())
        .isEqualTo("BABEL, BDG, BTN, LBK, PSR");
    int received =
        Integer.parseInt(browser.findElement(By.cssSelector("#kpi-received .kpi-value")).getText());
    assertThat(received).isGreaterThanOrEqualTo(2);
    assertThat(browser.findElement(By.id("dash-by-channel")).getText()).contains("Loket");
    assertThat(browser.findElement(By.id("dash-by-agency")).getText()).contains("BDG", "BTN");
    assertThat(browser.findElement(By.id("dash-backlog")).getText()).contains("BDG · DAYASOS");
    assertThat(browser.findElement(By.cssSelector("#kpi-compliance .kpi-value")).getText())
        .endsWith("%");
    assertThat(
            Integer.parseInt(
                browser.findElement(By.cssSelector("#kpi-breaches .kpi-value")).getText()))
        .isPositive();

    WebElement whatsapp =
        browser.findElement(By.cssSelector("#dash-adapters tr[data-service=channel-whatsapp]"));
    // service, state, lag, dead letters, provider errors, failed publishes, failed deliveries
    assertThat(whatsapp.getText()).isEqualTo("channel-whatsapp Aktif 7 3 2 0 0");
    WebElement email =
        browser.findElement(By.cssSelector("#dash-adapters tr[data-service=channel-email]"));
    assertThat(email.getText()).contains("Tidak terjangkau (unreachable)");
    assertThat(
            browser
                .findElement(By.cssSelector("#dash-adapters tr[data-service=case-service]"))
                .getText())
        .contains("Aktif");

    browser.manage().window().setSize(new Dimension(1366, 2600));
    screenshot("dashboard.png");

    // The consumer-lag name the dashboard and the alert rules read is what a consuming service
    // really exposes.
    String ownMetrics =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(ownMetrics).contains("kafka_consumer_fetch_manager_records_lag_max{");

    // A window the endpoint does not offer is a problem detail, not a guess.
    HttpResponse<String> tooLong =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/operations/summary?days=400"))
                .header("Authorization", basic("ops.platform"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(ARTIFACTS.resolve("dashboard.png")).isNotEmptyFile();
  }

  // ------------------------------------------------------------------------------------ helpers

  private void typeCredentials(String username, String password) {
    WebElement user = browser.findElement(By.name("username"));
    user.click();
    // Keyboard only: type, Tab to the password, Enter submits.
    user.sendKeys(username, Keys.TAB);
    browser.switchTo().activeElement().sendKeys(password, Keys.ENTER);
  }

  private void signIn(String username) {
    browser.get(base + "/#/login");
    js("sessionStorage.clear();");
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    typeCredentials(username, PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox-title")));
  }

  private void act(String action, Map<String, String> fields, String expectedStatus) {
    WebElement before = browser.findElement(By.cssSelector("article.case"));
    WebElement details = browser.findElement(By.id("action-" + action));
    details.findElement(By.tagName("summary")).click();
    WebElement form = details.findElement(By.tagName("form"));
    fields.forEach(
        (name, value) -> {
          WebElement control = form.findElement(By.name(name));
          if ("select".equals(control.getTagName())) {
            new Select(control).selectByValue(value);
          } else {
            control.clear();
            control.sendKeys(value);
          }
        });
    form.findElement(By.cssSelector("button[type=submit]")).click();
    awaitOutcome(before, action, expectedStatus);
  }

  /** An action by keyboard alone: Enter opens it, Tab moves to its note and its button. */
  private void actByKeyboard(String action, String note, String expectedStatus) {
    WebElement before = browser.findElement(By.cssSelector("article.case"));
    browser.findElement(By.cssSelector("#action-" + action + " summary")).sendKeys(Keys.ENTER);
    WebElement active = browser.switchTo().activeElement();
    active.sendKeys(Keys.TAB);
    browser.switchTo().activeElement().sendKeys(note, Keys.TAB);
    WebElement button = browser.switchTo().activeElement();
    assertThat(button.getTagName()).isEqualTo("button");
    button.sendKeys(Keys.ENTER);
    awaitOutcome(before, action, expectedStatus);
  }

  private void awaitOutcome(WebElement before, String action, String expectedStatus) {
    wait.until(
        d -> {
          List<WebElement> notice = d.findElements(By.cssSelector("#notice.notice-error"));
          if (!notice.isEmpty() && !notice.getFirst().getText().isBlank()) {
            throw new AssertionError(action + " failed: " + notice.getFirst().getText());
          }
          if (!ExpectedConditions.stalenessOf(before).apply(d)) {
            return false; // still the page the action was taken on
          }
          List<WebElement> article = d.findElements(By.cssSelector("article.case"));
          return !article.isEmpty()
              && expectedStatus.equals(article.getFirst().getAttribute("data-status"))
              && d.findElement(By.id("notice")).getText().contains("berhasil");
        });
  }

  private WebElement badge(String ticket) {
    return wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-ticket='" + ticket + "'] .badge[data-sla]")));
  }

  private List<String> ticketsInInbox() {
    return browser.findElements(By.cssSelector("#inbox-table tr[data-ticket]")).stream()
        .map(r -> r.getAttribute("data-ticket"))
        .toList();
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private void screenshot(String name) throws IOException {
    Files.write(ARTIFACTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private void addOfficer(String username, String role, String division) {
    String hash = service.bean(PasswordEncoder.class).encode(PASSWORD);
    service
        .bean(Officers.class)
        .addIfAbsent(new Officers.Officer(username, hash, "BDG", role, division, username));
  }

  private Cases cases() {
    return service.bean(Cases.class);
  }

  private String caseId(String ticket) {
    return cases().byTicket(ticket).orElseThrow().id();
  }

  private void slaEvent(SlaEvent event) {
    service
        .bean(EventPublisher.class)
        .publish(Topics.SLA_EVENTS, caseId(event.ticket()), event, event.ticket());
  }

  private void awaitDeadline(String ticket, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              CaseState.Deadline d =
                  cases().byTicket(ticket).orElseThrow().state().deadlines().get("completion");
              return d != null && d.state().equals(state);
            });
  }

  /** A walk-in case over the API, complete enough to be verified (the KK copy is confirmed). */
  private String intakeOverApi(String officer, String reference) {
    JsonNode created =
        postJson(
            officer,
            "/api/v1/intake",
            Map.of(
                "reference", reference,
                "mode", "walk-in",
                "receivedAt", Instant.now().minusSeconds(60).toString(),
                "name", "Warga Uji",
                "nik", "3273014101900001",
                "description",
                    "Bantuan sosial untuk lansia di rumah kami belum diterima sama sekali"));
    return created.get("ticket").asString();
  }

  private String routedCase(String division) {
    String ticket = intakeOverApi("bdg.admin", "ROUTE-" + UUID.randomUUID());
    long version = cases().byTicket(ticket).orElseThrow().version();
    if ("INCOMPLETE".equals(cases().byTicket(ticket).orElseThrow().state().status().name())) {
      version =
          postJson(
                  "bdg.admin",
                  "/api/v1/cases/" + ticket + "/mark-complete",
                  Map.of("version", version, "reason", "KK diperiksa"))
              .get("version")
              .asLong();
    }
    version =
        postJson("bdg.admin", "/api/v1/cases/" + ticket + "/verify", Map.of("version", version))
            .get("version")
            .asLong();
    postJson(
        "bdg.admin",
        "/api/v1/cases/" + ticket + "/route",
        Map.of("version", version, "division", division));
    return ticket;
  }

  private JsonNode postJson(String officer, String path, Map<String, ?> body) {
    return send(
        officer,
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private JsonNode getJson(String officer, String path) {
    return send(officer, HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  private static String basic(String officer) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((officer + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode send(String officer, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.header("Authorization", basic(officer)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
