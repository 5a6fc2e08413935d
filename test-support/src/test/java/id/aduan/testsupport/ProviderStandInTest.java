package id.aduan.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.testsupport.ProviderStandIn.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in answers in the shapes the providers document. */
class ProviderStandInTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ProviderStandIn provider = new ProviderStandIn();

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void aWhatsAppSendIsAnsweredWithTheRecipientAndAWamid() throws Exception {
    HttpResponse<String> r =
        post(
            provider.baseUrl() + "/100000000000001/messages",
            """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"6281234567890",\
            "type":"text","text":{"body":"Halo"}}""");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"messaging_product\":\"whatsapp\"")
        .contains("{\"input\":\"6281234567890\",\"wa_id\":\"6281234567890\"}")
        .containsPattern("\"messages\":\\[\\{\"id\":\"wamid\\.[^\"]+\"}]");
    assertThat(provider.requestsMentioning("6281234567890"))
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.method()).isEqualTo("POST");
              assertThat(q.path()).isEqualTo("/v23.0/100000000000001/messages");
              assertThat(q.authorization()).isEqualTo("Bearer t");
            });
  }

  @Test
  void aReadReceiptIsAnsweredWithSuccess() throws Exception {
    HttpResponse<String> r =
        post(
            provider.baseUrl() + "/100000000000001/messages",
            "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.IN\"}");

    assertThat(r.body()).isEqualTo("{\"success\":true}");
  }

  @Test
  void aMessengerSendIsAnsweredWithRecipientIdAndMessageId() throws Exception {
    HttpResponse<String> r =
        post(
            provider.baseUrl() + "/200000000000002/messages",
            "{\"recipient\":{\"id\":\"PSID-1\"},\"messaging_type\":\"RESPONSE\","
                + "\"message\":{\"text\":\"Halo\"}}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).matches("\\{\"recipient_id\":\"PSID-1\",\"message_id\":\"m_[^\"]+\"}");
  }

  @Test
  void aTwilioSendIsCreatedQueuedWithAMessageSid() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        provider.root()
                            + "/2010-04-01/Accounts/AC0000000000000000000000000000000b/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=whatsapp%3A%2B6281&Body=Halo"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body())
        .containsPattern("\"sid\":\"SM[0-9a-f]{32}\"")
        .contains("\"account_sid\":\"AC0000000000000000000000000000000b\"")
        .contains("\"status\":\"queued\"");
  }

  @Test
  void errorsHaveTheDocumentedBodies() throws Exception {
    String send = provider.baseUrl() + "/100000000000001/messages";
    provider.script("/v23.0/100000000000001/messages", Answer.error(400, 131047));
    provider.failNext("rusak", 1);

    HttpResponse<String> scripted = post(send, "{\"messaging_product\":\"whatsapp\"}");
    HttpResponse<String> failed =
        post(send, "{\"messaging_product\":\"whatsapp\",\"x\":\"rusak\"}");
    HttpResponse<String> again = post(send, "{\"messaging_product\":\"whatsapp\",\"x\":\"rusak\"}");
    HttpResponse<String> unknown = post(provider.baseUrl() + "/nothing", "{}");

    assertThat(scripted.statusCode()).isEqualTo(400);
    assertThat(scripted.body())
        .contains("\"code\":131047")
        .contains("\"message\":\"(#131047) ")
        .contains("\"type\":\"OAuthException\"")
        .contains("\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":")
        .contains("\"fbtrace_id\":");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).contains("\"code\":2,");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"code\":100,");
    assertThat(Answer.twilioError(400, 21211, "Invalid 'To' Phone Number").body())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo(
            "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
  }

  @Test
  void theCdnServesWhatWasPutAndForgetsNothingElse() throws Exception {
    provider.media("foto", new byte[] {1, 2, 3});

    HttpResponse<byte[]> served =
        http.send(
            HttpRequest.newBuilder(URI.create(provider.mediaUrl("foto"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> expired =
        http.send(
            HttpRequest.newBuilder(URI.create(provider.mediaUrl("lain"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).containsExactly(1, 2, 3);
    assertThat(expired.statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> post(String url, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer t")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
