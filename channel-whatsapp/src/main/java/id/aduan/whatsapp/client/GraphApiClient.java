package id.aduan.whatsapp.client;

import id.aduan.whatsapp.config.WhatsAppProperties;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Calls the WhatsApp Cloud API's send endpoint: {@code POST {base}/{phone-number-id}/messages}. */
@Component
public class GraphApiClient {

  private final RestClient http;

  GraphApiClient(RestClient.Builder builder, WhatsAppProperties properties) {
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(properties.requestTimeout());
    requests.setReadTimeout(properties.requestTimeout());
    this.http =
        builder
            .baseUrl(properties.graphBaseUrl())
            .requestFactory(requests)
            .defaultHeader("Authorization", "Bearer " + properties.accessToken())
            .build();
  }

  /**
   * Sends a text message.
   *
   * @return the {@code wamid} of the sent message
   */
  public String sendText(String phoneNumberId, String to, String body, String contextMessageId) {
    Map<String, Object> payload =
        contextMessageId == null
            ? Map.of(
                "messaging_product", "whatsapp",
                "recipient_type", "individual",
                "to", to,
                "type", "text",
                "text", Map.of("preview_url", false, "body", body))
            : Map.of(
                "messaging_product",
                "whatsapp",
                "recipient_type",
                "individual",
                "to",
                to,
                "type",
                "text",
                "context",
                Map.of("message_id", contextMessageId),
                "text",
                Map.of("preview_url", false, "body", body));
    JsonNode response =
        http.post()
            .uri("/{id}/messages", phoneNumberId)
            .contentType(MediaType.APPLICATION_JSON)
            .body(payload)
            .retrieve()
            .body(JsonNode.class);
    if (response == null || response.path("messages").path(0).path("id").isMissingNode()) {
      throw new IllegalStateException("the Graph API answered without a message id");
    }
    return response.path("messages").path(0).path("id").asString();
  }
}
