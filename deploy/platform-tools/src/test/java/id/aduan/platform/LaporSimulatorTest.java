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

  /**
   * As the real LAPOR! does (docs/lapor.md): the same Idempotency-Key answers the first result and
   * posts nothing; channel-lapor relies on it after a crash between a call and its record.
   */
  @Test
  void theSameIdempotencyKeyGivesTheSameAnswerAndNoSecondFollowUpOrStatusChange() throws Exception {
    String id = lapor.addReport("LAPOR-LBK", "{\"title\":\"t\",\"content\":\"isi\"}");

    HttpResponse<String> first = post(id, "follow-ups", "k-1", "{\"text\":\"Diterima.\"}");
    HttpResponse<String> again = post(id, "follow-ups", "k-1", "{\"text\":\"Diterima.\"}");
    HttpResponse<String> status =
        post(id, "status", "k-2", "{\"status\":\"bukan_wewenang\",\"note\":\"alasan\"}");
    HttpResponse<String> statusAgain =
        post(id, "status", "k-2", "{\"status\":\"bukan_wewenang\",\"note\":\"alasan\"}");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(statusAgain.body()).isEqualTo(status.body());
    assertThat(lapor.report(id).get("follow_ups")).hasSize(1);
    assertThat(lapor.report(id).get("status_history")).hasSize(1);
    // Dispositioned on arrival, so the agency's clock has LAPOR!'s own timestamp to start from.
    assertThat(lapor.report(id).get("dispositions").get(0).get("to").asString())
        .isEqualTo("LAPOR-LBK");
  }

  /**
   * A report dispositioned away leaves the agency's listing; {@code GET /reports/{id}} still reads
   * it, with the newest disposition naming where it went, and an unknown id answers 404.
   */
  @Test
  void aReportDispositionedAwayIsNoLongerListed_butItsOwnReadShowsWhereItWent() throws Exception {
    String id = lapor.addReport("LAPOR-LBK", "{\"title\":\"t\",\"content\":\"isi\"}");

    lapor.disposition(id, "Admin Nasional", "LAPOR-BTN");

    assertThat(get("/agencies/LAPOR-LBK/reports", "application/json", "t").body())
        .doesNotContain(id);
    HttpResponse<String> read = get("/reports/" + id, "application/json", "t");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body())
        .contains("\"api_version\":\"1\"")
        .contains("\"tracking_id\":\"" + id + "\"")
        .contains("\"to_id\":\"LAPOR-BTN\"");
    assertThat(get("/reports/LAPOR-NO-SUCH", "application/json", "t").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> post(String id, String what, String key, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(lapor.baseUrl() + "/reports/" + id + "/" + what))
            .header("Authorization", "Token t")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
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
