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

  private HttpResponse<String> get(String path, String accept, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(lapor.baseUrl() + path))
            .header("Accept", accept)
            .header("Authorization", "Token " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
