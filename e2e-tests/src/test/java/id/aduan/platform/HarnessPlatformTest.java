package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The harness itself: the platform it starts, on its own ports, and a component killed and back.
 */
@StartedPlatform
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HarnessPlatformTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @Order(1)
  void everyServiceIsHealthyOnItsOwnPort_andTheDemoAccountsSignIn(LocalPlatform platform)
      throws Exception {
    for (String service : LocalPlatform.SERVICES) {
      HttpResponse<String> health = get(platform.baseUrl(service) + "/actuator/health", null);
      assertThat(health.statusCode()).as(service).isEqualTo(200);
      assertThat(health.body()).as(service).contains("\"status\":\"UP\"");
      assertThat(platform.baseUrl(service)).doesNotEndWith(":8080").doesNotEndWith(":8081");
    }
    // Not an agency's case list: other platform tests of the run may have stopped an agency.
    assertThat(get(platform.cases() + "/api/v1/operations/summary", "bdg.ops").statusCode())
        .isNotEqualTo(401);
    assertThat(get(platform.cases() + "/v3/api-docs", null).statusCode()).isEqualTo(200);
    assertThat(get(platform.laporControl().replace("/simulator", "/health"), null).statusCode())
        .isEqualTo(200);
    assertThat(platform.home().resolve("logs/case-service.log")).exists();
    assertThat(platform.home().toString()).doesNotContain("/var");
  }

  /**
   * The store's oplog is off by default (ADR 0058): nothing reads it, and it wrote every change a
   * second time. A write through the wire protocol leaves no entry in {@code local.oplog.rs}.
   */
  @Test
  @Order(2)
  void theStoreKeepsNoOplogByDefault(LocalPlatform platform) {
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + platform.mongoPort() + "/")) {
      client
          .getDatabase("harness-oplog")
          .getCollection("probe")
          .insertOne(new org.bson.Document("_id", "written"));
      assertThat(
              client
                  .getDatabase("local")
                  .getCollection("oplog.rs")
                  .countDocuments(new org.bson.Document("ns", "harness-oplog.probe")))
          .as("oplog entries of a write")
          .isZero();
      client.getDatabase("harness-oplog").drop();
    }
  }

  @Test
  @Order(3)
  void aSecondStartWhileEverythingRunsSaysSo(LocalPlatform platform) {
    assertThat(platform.start()).contains("already running");
  }

  @Test
  @Order(4)
  void aKilledComponentIsStartedAgainAlone_whileTheRestKeepsRunning(LocalPlatform platform)
      throws Exception {
    long casePid = platform.pid("case-service").orElseThrow();

    platform.kill("channel-social");
    assertThat(platform.running("channel-social")).isFalse();
    String printed = platform.start();

    assertThat(printed).contains("Starting what is missing", "channel-social", "every service");
    assertThat(platform.running("channel-social")).isTrue();
    assertThat(platform.pid("case-service")).hasValue(casePid);
    assertThat(get(platform.social() + "/actuator/health", null).body())
        .contains("\"status\":\"UP\"");
  }

  private HttpResponse<String> get(String url, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (user + ":" + LocalPlatform.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
