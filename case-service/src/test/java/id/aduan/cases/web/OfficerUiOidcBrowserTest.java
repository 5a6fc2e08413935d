package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.aduan.cases.security.OidcTestService;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The officer UI in oidc mode, in a real browser (Debian's Chromium, headless): the officer signs
 * in at the identity provider by authorization code with PKCE (S256), and the UI then works with
 * the provider's token alone. The provider is a small JDK {@code HttpServer} on loopback that
 * serves discovery, answers {@code /authorize} at once (as a provider does for an officer already
 * signed in there) and issues an RS256 token only for the verifier of the challenge it was given.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerUiOidcBrowserTest {

  private static final String CLIENT = "aduan-officer-ui";
  private static final String AUDIENCE = OidcTestService.AUDIENCE;

  private static final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
  private static final List<String> authorizeQueries = new CopyOnWriteArrayList<>();
  private static final List<String> tokenAnswers = new CopyOnWriteArrayList<>();
  private static final List<String> issuedTokens = new CopyOnWriteArrayList<>();
  private static final KeyPair key = OidcTestService.rsaKeyPair();
  private static String issuer;
  private static final HttpServer provider = startProvider();

  @RegisterExtension
  static final AduanService service =
      OidcTestService.service("officer-ui-oidc", key)
          .property("aduan.cases.security.oidc.issuer", () -> issuer)
          .thenClose(() -> provider.stop(0));

  private Path profile;
  private ChromeDriver browser;
  private String base;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "browser tests need Debian's packages chromium and chromium-driver: /usr/bin/chromium or"
            + " /usr/bin/chromedriver is missing");
    base = service.baseUrl();

    profile = Files.createTempDirectory("aduan-chromium-oidc");
    browser = HeadlessChromium.open(profile);
  }

  @AfterAll
  void stop() throws IOException {
    HeadlessChromium.close(browser, profile);
  }

  @Test
  void anOfficerSignsInAtTheProviderWithPkceAndTheUiWorksWithTheTokenAlone() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
    browser.get(base + "/");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("login-provider"))).click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Sari Wulandari"));
    assertThat(browser.findElement(By.id("who")).getText()).contains("BDG");
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/#/inbox");
    // The inbox answered from the token: the officer has no account in this service.
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));

    assertThat(authorizeQueries).hasSize(1);
    Map<String, String> authorize = form(authorizeQueries.getFirst());
    assertThat(authorize)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", CLIENT)
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("redirect_uri", base + "/")
        .containsKey("state");
    assertThat(authorize.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(tokenAnswers).containsExactly("issued");
    // The token stays in the page's memory: nothing a later script could read from storage.
    String stored =
        String.valueOf(
            browser.executeScript(
                "return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"));
    assertThat(stored).doesNotContain(issuedTokens.getFirst());
  }

  // ------------------------------------------------------------------------------- the provider

  private static HttpServer startProvider() {
    HttpServer provider;
    try {
      provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/aduan";
    provider.createContext(
        "/realms/aduan/.well-known/openid-configuration",
        exchange ->
            answer(
                exchange,
                200,
                """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize",\
                "token_endpoint":"%1$s/token","response_types_supported":["code"],\
                "code_challenge_methods_supported":["S256"]}"""
                    .formatted(issuer)));
    provider.createContext(
        "/realms/aduan/authorize",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          authorizeQueries.add(query);
          Map<String, String> p = form(query);
          if (!"S256".equals(p.get("code_challenge_method")) || p.get("code_challenge") == null) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
          }
          String code = UUID.randomUUID().toString();
          codes.put(code, p);
          exchange
              .getResponseHeaders()
              .add(
                  "Location",
                  p.get("redirect_uri")
                      + "?code="
                      + code
                      + "&state="
                      + java.net.URLEncoder.encode(p.get("state"), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    provider.createContext(
        "/realms/aduan/token",
        exchange -> {
          Map<String, String> p =
              form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          Map<String, String> asked = codes.remove(String.valueOf(p.get("code")));
          if (asked == null
              || !"authorization_code".equals(p.get("grant_type"))
              || !CLIENT.equals(p.get("client_id"))
              || !asked.get("redirect_uri").equals(p.get("redirect_uri"))
              || !challenge(String.valueOf(p.get("code_verifier")))
                  .equals(asked.get("code_challenge"))) {
            tokenAnswers.add("refused");
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
          }
          String token = token();
          issuedTokens.add(token);
          tokenAnswers.add("issued");
          answer(
              exchange,
              200,
              "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        });
    provider.start();
    return provider;
  }

  private static String token() {
    try {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .subject("sub-sari")
              .issuer(issuer)
              .audience(List.of(AUDIENCE))
              .issueTime(Date.from(Instant.now().minusSeconds(5)))
              .expirationTime(Date.from(Instant.now().plusSeconds(300)))
              .claim("preferred_username", "sari")
              .claim("name", "Sari Wulandari")
              .claim("agency", "BDG")
              .claim("realm_access", Map.of("roles", List.of("admin")))
              .build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The browser's fetches come from the service's origin: the provider allows them (CORS). */
  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new HashMap<>();
    if (encoded == null) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
