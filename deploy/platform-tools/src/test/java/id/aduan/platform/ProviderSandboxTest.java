package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderSandboxTest {

  @TempDir Path dir;
  private ProviderSandbox sandbox;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    sandbox =
        new ProviderSandbox(
            "127.0.0.1",
            0,
            dir,
            Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aGraphApiSendIsAnsweredWithANewMessageIdAndKept() throws Exception {
    HttpResponse<String> first =
        post(
            "/graph/v23.0/100000000000001/messages",
            "{\"to\":\"62812\",\"text\":{\"body\":\"Nomor tiket \\\"BDG\\\"\"}}");
    HttpResponse<String> second = post("/graph/v23.0/100000000000001/messages", "{}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"id\":\"wamid.SANDBOX-1\"");
    assertThat(second.body()).contains("\"id\":\"wamid.SANDBOX-2\"");
    String listed =
        http.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/requests")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(listed)
        .startsWith(
            "[{\"at\":\"2026-11-25T01:00:00Z\",\"method\":\"POST\",\"path\":\"/graph/v23.0/100000000000001/messages\"")
        .contains("Nomor tiket \\\\\\\"BDG\\\\\\\"");
    assertThat(Files.readAllLines(dir.resolve("requests.jsonl"))).hasSize(2);
  }

  @Test
  void anEndpointItDoesNotStandInForIsA404ThatIsStillKept() throws Exception {
    HttpResponse<String> response = post("/lapor/api/followups", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("does not stand in for POST /lapor/api/followups");
    assertThat(sandbox.requests()).hasSize(1);
  }

  @Test
  void quotesControlCharactersAndQuotesAsJson() {
    assertThat(ProviderSandbox.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
