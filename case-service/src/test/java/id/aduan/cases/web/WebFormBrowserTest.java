package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.aduan.cases.CaseServiceApplication;
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
import java.util.Base64;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public web complaint form in a real browser (Debian's headless Chromium) on a phone-sized
 * window: Lebak's form in Bahasa Indonesia (English by the switch), filled and sent by keyboard
 * only, a wrong email address shown at its field, then the ticket and the status link, which opens
 * the status page; the case is in the officer API. No sideways scroll at 360 px. Screenshots in
 * {@code target/ui-screenshots/}.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFormBrowserTest {

  private static final String PASSWORD = "web-form-browser-password";
  private static final Path ARTIFACTS = Path.of("target", "ui-screenshots");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "web-form-ui")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          // A lighter proof of work than production's, for a shared test machine.
          .property("aduan.cases.web-form.difficulty-bits", 12);

  private Path profile;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  void start() throws IOException {
    assumeTrue(
        HeadlessChromium.installed(),
        "browser tests need Debian's packages chromium and chromium-driver"
            + " (apt-get install -y chromium chromium-driver): /usr/bin/chromium or"
            + " /usr/bin/chromedriver is missing");
    profile = Files.createTempDirectory("aduan-chromium");
    browser = HeadlessChromium.open(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    Files.createDirectories(ARTIFACTS);
  }

  @AfterAll
  void stop() throws IOException {
    HeadlessChromium.close(browser, profile);
  }

  @Test
  void aCitizenSendsLebaksFormInIndonesianOnAPhoneByKeyboardAndFollowsTheStatusLink()
      throws Exception {
    browser.manage().window().setSize(new Dimension(360, 740));
    browser.get(service.baseUrl() + "/lapor/lbk");
    js("localStorage.clear();");
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("complaint")));

    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("id");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Formulir pengaduan");
    assertThat(browser.findElement(By.id("agency-name")).getText())
        .isEqualTo("Dinas Sosial Kabupaten Lebak");
    assertThat(browser.findElement(By.id("requirements-list")).getText())
        .contains("identitas pemohon (KTP/Kartu Keluarga atau NIK yang valid)")
        .contains("untuk permohonan informasi");
    assertThat(browser.findElement(By.id("anonymous")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("confidential")).isDisplayed()).isTrue();
    // The honeypot is not for people: off screen, out of the tab order, hidden from readers.
    assertThat(browser.findElement(By.id("website")).getAttribute("tabindex")).isEqualTo("-1");
    assertNoSidewaysScroll();

    // The English switch, and back.
    browser.findElement(By.id("lang-toggle")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Complaint form"));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(browser.findElement(By.cssSelector("label[for=description]")).getText())
        .contains("Your complaint");
    browser.findElement(By.id("lang-toggle")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Formulir pengaduan"));

    // Keyboard only: from the description through every field to the button.
    WebElement description = browser.findElement(By.id("description"));
    description.sendKeys(
        "Bantuan sosial PKH keluarga kami di Kecamatan Rangkasbitung tidak cair sejak Oktober.");
    tab("name").sendKeys("Siti Aminah");
    tab("whatsapp").sendKeys("0812 3456 7890");
    tab("email").sendKeys("bukan-alamat-email");
    tab("nik");
    tab("anonymous");
    tab("confidential");
    tab("file-identity");
    // A file is chosen by its path, as a keyboard user does in the file dialog.
    tab("file-other").sendKeys(photo().toAbsolutePath().toString());
    tab("submit").sendKeys(Keys.ENTER);

    // The wrong address is shown at its field, announced with it, and the field has the focus.
    WebElement emailError =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email-error")));
    assertThat(emailError.getText()).startsWith("Alamat email tidak valid");
    WebElement email = browser.findElement(By.id("email"));
    assertThat(email.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(email.getAttribute("aria-describedby")).contains("email-error");
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("email");
    assertThat(browser.findElement(By.id("form-error")).getText())
        .isEqualTo("Periksa kembali isian yang ditandai.");
    screenshot("web-form-360-error.png");

    email.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "siti@contoh.id");
    email.sendKeys(Keys.ENTER);

    WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
    assertThat(result.findElement(By.tagName("h2")).getText()).isEqualTo("Pengaduan terkirim");
    String ticket = browser.findElement(By.id("ticket")).getText();
    assertThat(ticket).matches("LBK-\\d{4}-\\d{6}");
    assertThat(browser.findElement(By.id("complaint")).isDisplayed()).isFalse();
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("result");
    assertNoSidewaysScroll();
    screenshot("web-form-360-sent.png");

    WebElement link = browser.findElement(By.id("status-link"));
    assertThat(link.getText()).isEqualTo("Cek status pengaduan: " + ticket);
    link.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status-details")));
    assertThat(browser.getCurrentUrl()).contains("/status.html?ticket=" + ticket + "&key=");
    assertThat(browser.findElement(By.cssSelector("#result h2")).getText()).isEqualTo(ticket);
    assertThat(browser.findElement(By.id("status-details")).getText()).contains("Diterima");

    HttpResponse<String> officerView = officer("/api/v1/cases/" + ticket, "lbk.admin");
    assertThat(officerView.statusCode()).isEqualTo(200);
    JsonNode view = JSON.readTree(officerView.body());
    assertThat(view.get("channel").asString()).isEqualTo("WEB");
    assertThat(view.get("reporter").get("contactChannel").asString()).isEqualTo("WHATSAPP");
    assertThat(view.get("attachments").get(0).get("mediaType").asString()).isEqualTo("image/png");
  }

  @Test
  void anAgencyWithoutAFormSaysSoInBothLanguages() {
    browser.manage().window().setSize(new Dimension(360, 740));
    browser.get(service.baseUrl() + "/lapor/bdg");
    js("localStorage.clear();");
    browser.navigate().refresh();
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("load-error")));
    assertThat(error.getText())
        .isEqualTo("Formulir pengaduan daring tidak tersedia untuk instansi ini.");
    assertThat(browser.findElement(By.id("complaint")).isDisplayed()).isFalse();
    browser.findElement(By.id("lang-toggle")).click();
    wait.until(
        ExpectedConditions.textToBe(
            By.id("load-error"), "This agency has no online complaint form."));
  }

  /** A small PNG (the magic number is what the store reads). */
  private Path photo() throws IOException {
    Path file = profile.resolve("foto-rumah.png");
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'
    };
    return Files.write(file, png);
  }

  /** Tab to the next control, which must be {@code id}; returns it. */
  private WebElement tab(String id) {
    // A key press, not typing into the element: typed into a file input, text is a file's path.
    new Actions(browser).sendKeys(Keys.TAB).perform();
    WebElement active = browser.switchTo().activeElement();
    assertThat(active.getAttribute("id")).isEqualTo(id);
    return active;
  }

  private void assertNoSidewaysScroll() {
    Number overflow =
        (Number) js("return document.documentElement.scrollWidth - window.innerWidth;");
    assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private void screenshot(String name) throws IOException {
    Files.write(ARTIFACTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private HttpResponse<String> officer(String path, String user) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
