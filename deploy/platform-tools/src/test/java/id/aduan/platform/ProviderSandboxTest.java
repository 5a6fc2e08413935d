package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
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
  void aMediaObjectIsServedInMetasTwoStepsWithABearerTokenOnly() throws Exception {
    byte[] photo = "FOTO-JALAN-RUSAK".getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/media/MEDIA-1"))
                .header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.body()).contains(sha);

    assertThat(get("/graph/v23.0/MEDIA-1", null).statusCode()).isEqualTo(401);
    HttpResponse<byte[]> info = get("/graph/v23.0/MEDIA-1", "Bearer local");
    assertThat(info.statusCode()).isEqualTo(200);
    String metadata = new String(info.body(), StandardCharsets.UTF_8);
    assertThat(metadata)
        .contains("\"mime_type\":\"image/jpeg\"")
        .contains("\"sha256\":\"" + sha + "\"")
        .contains("\"file_size\":" + photo.length);
    String url = metadata.replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
    assertThat(url).startsWith(sandbox.baseUrl() + "/graph/media-files/MEDIA-1");

    String path = URI.create(url).getPath();
    assertThat(get(path, null).statusCode()).isEqualTo(401);
    HttpResponse<byte[]> file = get(path, "Bearer local");
    assertThat(file.body()).isEqualTo(photo);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(get("/graph/v23.0/NO-SUCH-MEDIA", "Bearer local").statusCode()).isEqualTo(404);
  }

  @Test
  void anUploadedDocumentGetsAMediaIdAndCanBeDownloadedAgain() throws Exception {
    byte[] pdf = "%PDF-1.7 berita acara\r\n--not-the-boundary".getBytes(StandardCharsets.UTF_8);
    String boundary = "sandboxBoundary42";
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    form.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                + "whatsapp\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"type\"\r\n"
                + "\r\napplication/pdf\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data;"
                + " name=\"file\"; filename=\"ba.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    form.writeBytes(pdf);
    form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> uploaded =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(sandbox.baseUrl() + "/graph/v23.0/100000000000001/media"))
                .header("Content-Type", "multipart/form-data;boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(uploaded.statusCode()).isEqualTo(200);
    String id = uploaded.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    assertThat(id).startsWith("SANDBOX-MEDIA-");
    String metadata =
        new String(get("/graph/v23.0/" + id, "Bearer t").body(), StandardCharsets.UTF_8);
    assertThat(metadata).contains("\"mime_type\":\"application/pdf\"");
    assertThat(get("/graph/media-files/" + id, "Bearer t").body()).isEqualTo(pdf);
    assertThat(sandbox.requests().getLast()).contains("bytes)");
  }

  private HttpResponse<byte[]> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
