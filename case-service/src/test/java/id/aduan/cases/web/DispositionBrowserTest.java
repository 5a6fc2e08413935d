package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.persistence.Cases;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The head's disposition in the officer UI, in a real browser (Debian's Chromium, headless):
 * Buton's head opens a routed complaint, dispositions it online with the time and the method, and
 * the timeline says so in Bahasa Indonesia (and in English when chosen), from the entry's values
 * (docs/adr/0051). Screenshot in {@code target/ui-screenshots/}.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispositionBrowserTest {

  private static final String PASSWORD = "disposition-browser-password";
  private static final Path ARTIFACTS = Path.of("target", "ui-screenshots");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId WITA = ZoneId.of("Asia/Makassar");
  private static final String METHOD = "Panggilan video https://meet.example.test/btn-kepala";

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "disposition-ui")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD);

  private final HttpClient http = HttpClient.newHttpClient();
  private Path profile;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private String base;

  @BeforeAll
  void start() throws IOException {
    assumeTrue(
        HeadlessChromium.installed(),
        "browser tests need Debian's packages chromium and chromium-driver"
            + " (apt-get install -y chromium chromium-driver): /usr/bin/chromium or"
            + " /usr/bin/chromedriver is missing");
    base = service.baseUrl();
    profile = Files.createTempDirectory("aduan-chromium");
    browser = HeadlessChromium.open(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
    Files.createDirectories(ARTIFACTS);
  }

  @AfterAll
  void stop() throws IOException {
    HeadlessChromium.close(browser, profile);
  }

  @Test
  void butonsHeadDispositionsAComplaintOnlineAndTheTimelineSaysSoInIndonesian() throws IOException {
    String ticket = routedButonComplaint();
    LocalDateTime at =
        LocalDateTime.now(WITA).plusDays(1).withHour(10).truncatedTo(ChronoUnit.HOURS);
    browser.manage().window().setSize(new Dimension(1366, 900));
    signIn("btn.kepala");
    browser.get(base + "/#/case/" + ticket);
    WebElement before =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article.case")));

    WebElement details = browser.findElement(By.id("action-disposition"));
    assertThat(details.findElement(By.tagName("summary")).getText())
        .isEqualTo("Disposisi pimpinan");
    details.findElement(By.tagName("summary")).click();
    WebElement form = details.findElement(By.tagName("form"));
    new Select(form.findElement(By.name("handled"))).selectByValue("true");
    new Select(form.findElement(By.name("mode"))).selectByValue("ONLINE");
    // A datetime-local control takes its value as the page's script would set it.
    ((JavascriptExecutor) browser)
        .executeScript(
            "arguments[0].value = arguments[1];", form.findElement(By.name("time")), at.toString());
    form.findElement(By.name("method")).sendKeys(METHOD);
    form.findElement(By.cssSelector("button[type=submit]")).sendKeys(Keys.ENTER);

    wait.until(ExpectedConditions.stalenessOf(before));
    WebElement entry =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#timeline .entry[data-kind=DISPOSITION]")));
    assertThat(browser.findElement(By.id("notice")).getText()).contains("berhasil");
    assertThat(entry.getText())
        .contains("Disposisi pimpinan", "Ditangani secara daring pada", "10.00")
        .contains("melalui " + METHOD)
        .contains("btn.kepala")
        .doesNotContain("ONLINE", "disposition", "Z ");
    assertThat(cases().byTicket(ticket).orElseThrow().state().timeline().getLast().reason())
        .isEqualTo("ONLINE " + at.atZone(WITA).toInstant() + " " + METHOD);
    js("document.getElementById('timeline').scrollIntoView();");
    Files.write(
        ARTIFACTS.resolve("case-disposition-online.png"),
        browser.getScreenshotAs(OutputType.BYTES));

    browser.findElement(By.id("lang-toggle")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Handled online"));
    assertThat(
            browser
                .findElement(By.cssSelector("#timeline .entry[data-kind=DISPOSITION]"))
                .getText())
        .contains("Head's disposition", "Handled online on", "by " + METHOD);
    browser.findElement(By.id("lang-toggle")).click();
  }

  // ------------------------------------------------------------------------------------ helpers

  private String routedButonComplaint() {
    Map<String, Object> walkIn = new HashMap<>();
    walkIn.put("reference", "DISP-" + UUID.randomUUID());
    walkIn.put("mode", "walk-in");
    walkIn.put("receivedAt", Instant.now().minusSeconds(60).toString());
    walkIn.put("name", "La Ode Uji");
    walkIn.put("address", "Pasarwajo, Buton");
    walkIn.put("description", "Bantuan beras keluarga kami tidak disalurkan selama tiga bulan");
    walkIn.put("loss", "Tiga bulan tanpa bantuan");
    walkIn.put("remedy", "Penyaluran ulang");
    walkIn.put("placeAndTime", "Pasarwajo, hari ini");
    walkIn.put("signed", true);
    String ticket = post("btn.piket", "/api/v1/intake", walkIn).get("ticket").asString();
    String path = "/api/v1/cases/" + ticket;
    post("btn.admin", path + "/verify", Map.of("version", version(ticket)));
    post(
        "btn.kepala", path + "/route", Map.of("version", version(ticket), "division", "LINJAMSOS"));
    return ticket;
  }

  private void signIn(String username) {
    browser.get(base + "/#/login");
    js("sessionStorage.clear(); localStorage.clear();");
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    WebElement user = browser.findElement(By.name("username"));
    user.click();
    user.sendKeys(username, Keys.TAB);
    browser.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox-title")));
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private Cases cases() {
    return service.bean(Cases.class);
  }

  private long version(String ticket) {
    Long v = cases().byTicket(ticket).orElseThrow().version();
    return v == null ? 0 : v;
  }

  private JsonNode post(String officer, String path, Map<String, ?> body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Content-Type", "application/json")
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(
                                  (officer + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                  .build(),
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
