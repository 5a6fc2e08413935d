package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import id.aduan.cases.CaseServiceApplication;
import id.aduan.contracts.Channel;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.InJvmMongo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An officer opens the files of a case in a real browser (Debian's Chromium, headless): an SVG
 * whose script would set the page title, write to the officer UI's storage and call a local server
 * never runs, because the UI saves a file it cannot show as a passive image instead of opening it
 * from a {@code blob:} URL of the officer UI's origin; a PNG is still previewed (docs/adr/0028).
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentBrowserTest {

  private static final String PASSWORD = "attachment-browser-password";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static final String whatsappDb = "attachments-browser-wa-" + UUID.randomUUID();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "attachments-browser")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.attachments.databases.WHATSAPP", whatsappDb);

  private final List<String> canaryHits = new CopyOnWriteArrayList<>();
  private HttpServer canary;
  private MongoClient mongo;
  private Path profile;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private String base;
  private String ticket;
  private String svgRef;
  private String pngRef;

  @BeforeAll
  void start() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests need Debian's packages chromium and chromium-driver"
            + " (apt-get install -y chromium chromium-driver)");
    // Whatever the SVG's script reaches is recorded here.
    canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    canary.createContext(
        "/",
        exchange -> {
          canaryHits.add(exchange.getRequestURI().toString());
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    canary.start();
    String uri = service.databaseUri();
    mongo = MongoClients.create(InJvmMongo.start());
    base = service.baseUrl();

    byte[] svg =
        ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="80">
          <text x="10" y="40">peta lokasi</text>
          <script>
            document.title = 'svg-ran';
            try { localStorage.setItem('svg-ran', String(location.origin)); } catch (e) {}
            fetch('http://127.0.0.1:%d/svg-ran?origin=' + encodeURIComponent(location.origin),
                { mode: 'no-cors' });
          </script>
        </svg>
        """)
            .formatted(canary.getAddress().getPort())
            .getBytes(StandardCharsets.UTF_8);
    CitizenFiles files =
        new CitizenFiles(service.context(), mongo, uri.substring(uri.lastIndexOf('/') + 1));
    Document metadata = new Document("wamid", "wamid.BROWSER-1").append("agency", "BDG");
    svgRef = files.store(whatsappDb, "media-svg", svg, "image/svg+xml", metadata);
    pngRef = files.store(whatsappDb, "media-png", FileServingTest.PNG, "image/png", metadata);
    ticket =
        files.complaint(
            "BDG",
            Channel.WHATSAPP,
            "100000000000001",
            "wamid.BROWSER-1",
            "Jalan di depan rumah rusak, peta dan foto terlampir",
            List.of(
                CitizenFiles.stored("media-svg", "image/svg+xml", "peta.svg", svg, svgRef),
                CitizenFiles.stored(
                    "media-png", "image/png", "foto.png", FileServingTest.PNG, pngRef)));

    profile = Files.createTempDirectory("aduan-chromium-files");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--user-data-dir=" + profile,
        "--lang=id-ID");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterAll
  void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (mongo != null) {
      mongo.close();
    }
    if (canary != null) {
      canary.stop(0);
    }
    if (profile != null) {
      try (var paths = Files.walk(profile)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void anSvgWithAScriptOpenedByAnOfficerNeverRunsWhileAPhotoIsStillPreviewed() {
    browser.get(base + "/#/login");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    browser.findElement(By.name("username")).sendKeys("bdg.admin", Keys.TAB);
    browser.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox-title")));
    browser.get(base + "/#/case/" + ticket);
    String officerWindow = browser.getWindowHandle();
    String title = browser.getTitle();

    WebElement svgLink =
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("peta.svg")));
    svgLink.click();
    // Either the UI saved the file, or the script ran and called home.
    wait.until(d -> "download".equals(svgLink.getDomAttribute("data-opened")) || ran());

    WebElement pngLink = browser.findElement(By.linkText("foto.png"));
    pngLink.click();
    wait.until(d -> "preview".equals(pngLink.getDomAttribute("data-opened")) || ran());
    // The photo opened in a window of its own, as an image.
    wait.until(d -> d.getWindowHandles().size() == 2 || ran());
    assertThat(ran()).as("the SVG's script called the local server: %s", canaryHits).isFalse();
    String preview =
        browser.getWindowHandles().stream()
            .filter(h -> !h.equals(officerWindow))
            .findFirst()
            .orElseThrow();
    browser.switchTo().window(preview);
    assertThat(browser.getCurrentUrl()).startsWith("blob:");
    wait.until(
        d ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return document.images.length === 1 && document.images[0].complete;")));
    browser.close();
    browser.switchTo().window(officerWindow);

    // The SVG opened no window, changed nothing in the officer UI's origin and reached nobody.
    assertThat(svgLink.getDomAttribute("data-opened")).isEqualTo("download");
    assertThat(browser.getTitle()).isEqualTo(title).isNotEqualTo("svg-ran");
    assertThat(
            ((JavascriptExecutor) browser).executeScript("return localStorage.getItem('svg-ran');"))
        .isNull();
    assertThat(canaryHits).isEmpty();
  }

  private boolean ran() {
    return !canaryHits.isEmpty();
  }
}
