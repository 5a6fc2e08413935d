package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's fault modes (issue 21): refused calls are answered as Meta fails and not kept. */
class ProviderSandboxFaultsTest {

  private static final String SEND = "/graph/v23.0/100000000000001/messages";

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
  void flakyRefusesEverySecondCall_downRefusesAll_noneEndsIt_andOnlyTakenCallsAreKept()
      throws Exception {
    assertThat(post("/sandbox/faults?mode=flaky").statusCode()).isEqualTo(200);
    List<Integer> flaky = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      flaky.add(post(SEND).statusCode());
    }
    assertThat(flaky).containsExactly(200, 500, 200, 500);

    post("/sandbox/faults?mode=down&seconds=60");
    assertThat(post(SEND).statusCode()).isEqualTo(503);
    assertThat(get("/health").statusCode()).isEqualTo(200);

    post("/sandbox/faults?mode=none");
    assertThat(post(SEND).statusCode()).isEqualTo(200);
    assertThat(sandbox.requests()).hasSize(3);
    assertThat(get("/sandbox/requests?all=true").body().split("\"path\"")).hasSize(4);
    assertThat(get("/sandbox/faults").body()).contains("\"mode\":\"none\"", "\"refused\":3");
  }

  @Test
  void slowAnswersLate_butAnswers_andAnUnknownModeIsABadRequest() throws Exception {
    post("/sandbox/faults?mode=slow&millis=300");
    long start = System.nanoTime();
    assertThat(post(SEND).statusCode()).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    assertThat(post("/sandbox/faults?mode=explode").statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"62812\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
