package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator as the local platform starts it (seeded), over plain HTTP. */
class LaporSimulatorTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private LaporSimulator lapor;

  @BeforeEach
  void start() throws Exception {
    lapor = new LaporSimulator("127.0.0.1", 0, "t", Clock.systemUTC());
    lapor.seedDemoReports();
  }

  @AfterEach
  void stop() {
    lapor.close();
  }

  @Test
  void theSeededReportsAreListedInJsonOrXmlAsAsked_andTheirAttachmentIsServed() throws Exception {
    HttpResponse<String> json = get("/agencies/LAPOR-BTN/reports", "application/json", "t");
    HttpResponse<String> xml = get("/agencies/LAPOR-BTN/reports", "application/xml", "t");
    HttpResponse<byte[]> file =
        http.send(
            HttpRequest.newBuilder(URI.create(lapor.baseUrl() + "/files/demo-foto-1"))
                .header("Authorization", "Token t")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json.body()).contains("\"api_version\":\"1\"", "Bantuan PKH", "demo-foto-1");
    assertThat(xml.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(xml.body())
        .contains("<response api_version=\"1\">", "<report>", "<attachment><id>demo-foto-1</id>");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void aWrongTokenIs401_andABrokenListingIsServedWhenAsked() throws Exception {
    assertThat(get("/topics", "application/json", "wrong").statusCode()).isEqualTo(401);

    lapor.answerNextListings(1, "application/xml", "<response");

    assertThat(get("/agencies/LAPOR-BTN/reports", "application/json", "t").body())
        .isEqualTo("<response");
    assertThat(get("/agencies/LAPOR-BTN/reports", "application/json", "t").body())
        .contains("Bantuan PKH");
  }

  @Test
  void theControlApiAddsAReportAndAFileThatTheAgencyApiThenServes() throws Exception {
    HttpResponse<String> file = control("PUT", "/files/f-9", "image/svg+xml", "<svg/>", "t");
    HttpResponse<String> added =
        control(
            "POST",
            "/agencies/LAPOR-PSR/reports",
            "application/json",
            "{\"title\":\"Jalan rusak\",\"content\":\"Mohon diperbaiki\"}",
            "t");
    HttpResponse<String> broken =
        control("POST", "/agencies/LAPOR-PSR/reports", "application/json", "{\"title\":", "t");
    HttpResponse<String> unauthorised =
        control("POST", "/agencies/LAPOR-PSR/reports", "application/json", "{}", "wrong");

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).contains(lapor.baseUrl() + "/files/f-9");
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(added.body()).contains("\"tracking_id\":\"LAPOR-SIM-");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(unauthorised.statusCode()).isEqualTo(401);
    assertThat(get("/agencies/LAPOR-PSR/reports", "application/json", "t").body())
        .contains("Jalan rusak");
    assertThat(get("/files/f-9", "*/*", "t").body()).isEqualTo("<svg/>");
  }

  private HttpResponse<String> control(
      String method, String path, String type, String body, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(lapor.baseUrl().replace("/api/v1", "/simulator") + path))
            .header("Authorization", "Token " + token)
            .header("Content-Type", type)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String accept, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(lapor.baseUrl() + path))
            .header("Accept", accept)
            .header("Authorization", "Token " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
