package id.aduan.whatsapp.client;

import id.aduan.support.web.MediaHosts;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.SendFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WhatsApp Cloud API, as this adapter calls it: sends ({@code POST {base}/{phone-number-id}/
 * messages}: text, template, document, mark-as-read) and the two-step media download. The only home
 * of Resilience4j in this module: every send is retried with exponential backoff on transient
 * errors, and the retried call runs inside a circuit breaker, so a Graph API that keeps failing is
 * left alone for a while. Nothing here waits for a rate: pacing per number and per citizen defers
 * the message before it gets here (domain {@code Pacing}, docs/adr/0037).
 */
@Component
public class GraphApiClient implements WhatsAppSender {

  private final RestClient http;
  private final RestClient media;
  private final JsonMapper json;
  private final WhatsAppProperties properties;
  private final Resilience resilience;
  private final MediaHosts mediaHosts;

  GraphApiClient(
      RestClient.Builder builder,
      WhatsAppProperties properties,
      JsonMapper json,
      MeterRegistry meters) {
    this.properties = properties;
    this.json = json;
    this.http = client(builder.clone(), properties.graphBaseUrl(), properties.requestTimeout());
    this.media = client(builder.clone(), properties.graphBaseUrl(), properties.mediaTimeout());
    this.resilience = new Resilience("graph-api", properties, meters);
    this.mediaHosts = new MediaHosts(properties.graphBaseUrl(), properties.mediaHosts());
  }

  private static RestClient client(RestClient.Builder builder, String baseUrl, Duration timeout) {
    // The JDK client, not HttpURLConnection: the latter hides the body of a 401, where the Graph
    // API says which error (190, an expired token) it was.
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
    requests.setReadTimeout(timeout);
    return builder.baseUrl(baseUrl).requestFactory(requests).build();
  }

  /** The circuit's state, for the health of the adapter and for tests. */
  public CircuitBreaker.State circuitState() {
    return resilience.state();
  }

  /**
   * Sends a text message.
   *
   * @return the {@code wamid} of the sent message
   */
  @Override
  public String sendText(
      String phoneNumberId, String to, String body, @Nullable String contextMessageId) {
    Map<String, Object> payload = base(to, "text", contextMessageId);
    payload.put("text", Map.of("preview_url", false, "body", body));
    return send(phoneNumberId, to, payload);
  }

  /** Sends an approved template with its body parameters (outside the 24-hour window). */
  @Override
  public String sendTemplate(
      String phoneNumberId, String to, String name, String language, List<String> parameters) {
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("name", name);
    template.put("language", Map.of("code", language));
    if (!parameters.isEmpty()) {
      List<Map<String, String>> values = new ArrayList<>();
      for (String p : parameters) {
        values.add(Map.of("type", "text", "text", p));
      }
      template.put("components", List.of(Map.of("type", "body", "parameters", values)));
    }
    Map<String, Object> payload = base(to, "template", null);
    payload.put("template", template);
    return send(phoneNumberId, to, payload);
  }

  /** Sends a document by its URL (e.g. the resolution record PDF). */
  @Override
  public String sendDocument(
      String phoneNumberId,
      String to,
      String url,
      String fileName,
      @Nullable String caption,
      @Nullable String contextMessageId) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("link", url);
    document.put("filename", fileName);
    if (caption != null && !caption.isBlank()) {
      document.put("caption", caption);
    }
    Map<String, Object> payload = base(to, "document", contextMessageId);
    payload.put("document", document);
    return send(phoneNumberId, to, payload);
  }

  /**
   * Uploads the document ({@code POST /{phone-number-id}/media}, multipart) and sends it by the
   * media id Meta returns. The upload is retried like a send; a second upload after a crash only
   * leaves an unused media object at Meta, which expires there.
   */
  @Override
  public String sendDocumentFile(
      String phoneNumberId,
      String to,
      byte[] bytes,
      String fileName,
      String mediaType,
      @Nullable String caption,
      @Nullable String contextMessageId) {
    MultipartBodyBuilder form = new MultipartBodyBuilder();
    form.part("messaging_product", "whatsapp");
    form.part("type", mediaType);
    form.part("file", new ByteArrayResource(bytes))
        .filename(fileName)
        .contentType(MediaType.parseMediaType(mediaType));
    JsonNode uploaded =
        resilience.call(
            () ->
                exchange(
                    () ->
                        http.post()
                            .uri("/{id}/media", phoneNumberId)
                            .header("Authorization", "Bearer " + properties.accessToken())
                            .contentType(MediaType.MULTIPART_FORM_DATA)
                            .body(form.build())
                            .retrieve()
                            .body(JsonNode.class)));
    String mediaId = uploaded.path("id").asString("");
    if (mediaId.isEmpty()) {
      throw new GraphApiException(200, null, "the media upload answered without an id", null);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("id", mediaId);
    document.put("filename", fileName);
    if (caption != null && !caption.isBlank()) {
      document.put("caption", caption);
    }
    Map<String, Object> payload = base(to, "document", contextMessageId);
    payload.put("document", document);
    return send(phoneNumberId, to, payload);
  }

  /** Marks a citizen's message as read (the blue ticks). */
  @Override
  public void markRead(String phoneNumberId, String wamid) {
    Map<String, Object> payload =
        Map.of("messaging_product", "whatsapp", "status", "read", "message_id", wamid);
    resilience.call(() -> post(phoneNumberId, payload));
  }

  private static Map<String, Object> base(String to, String type, @Nullable String context) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("messaging_product", "whatsapp");
    payload.put("recipient_type", "individual");
    payload.put("to", to);
    payload.put("type", type);
    if (context != null) {
      payload.put("context", Map.of("message_id", context));
    }
    return payload;
  }

  private String send(String phoneNumberId, String to, Map<String, Object> payload) {
    JsonNode response = resilience.call(() -> post(phoneNumberId, payload));
    String id = response.path("messages").path(0).path("id").asString("");
    if (id.isEmpty()) {
      throw new GraphApiException(200, null, "the Graph API answered without a message id", null);
    }
    return id;
  }

  private JsonNode post(String phoneNumberId, Map<String, Object> payload) {
    return exchange(
        () ->
            http.post()
                .uri("/{id}/messages", phoneNumberId)
                .header("Authorization", "Bearer " + properties.accessToken())
                .contentType(MediaType.APPLICATION_JSON)
                .body(payload)
                .retrieve()
                .body(JsonNode.class));
  }

  private JsonNode exchange(Supplier<@Nullable JsonNode> call) {
    try {
      JsonNode body = call.get();
      return body == null ? json.createObjectNode() : body;
    } catch (RestClientResponseException e) {
      throw fromResponse(e.getStatusCode().value(), e.getResponseBodyAsString());
    } catch (ResourceAccessException e) {
      throw new GraphApiException(0, null, "the Graph API could not be reached", e);
    }
  }

  private GraphApiException fromResponse(int status, String body) {
    return resilience.refused(json, status, body, "/error", SendFailure::classify);
  }

  // --- media -------------------------------------------------------------------------------

  /** A downloaded media object, with what the Graph API said about it. */
  public record Media(byte[] bytes, @Nullable String mimeType, @Nullable String sha256) {}

  /** The file was larger than the limit of its type; nothing was kept. */
  public static final class MediaTooLargeException extends RuntimeException {
    public MediaTooLargeException(long limit) {
      super("the media is larger than " + limit + " bytes");
    }
  }

  /** The media URL names a host that is not a provider's, or is not https: never fetched. */
  public static final class MediaUrlRefusedException extends RuntimeException {
    private final String reason;

    public MediaUrlRefusedException(String reason) {
      super("the media URL is refused: " + reason);
      this.reason = reason;
    }

    /** {@code host}, {@code not_https} or {@code bad_url}. */
    public String reason() {
      return reason;
    }
  }

  /** Refuses {@code url} unless it is https on a provider host ({@link MediaHosts}). */
  static void checkMediaUrl(MediaHosts hosts, String url) {
    hosts
        .refusal(url)
        .ifPresent(
            reason -> {
              throw new MediaUrlRefusedException(reason);
            });
  }

  /**
   * Downloads a media object in Meta's two steps: its metadata ({@code GET /{media-id}}, which
   * holds a short-lived URL), then the URL itself with the bearer token. A 401 or 404 on the URL
   * means it expired: the metadata is fetched again once for a fresh one.
   */
  public Media downloadMedia(String mediaId, long maxBytes) {
    return resilience.media(
        () -> {
          JsonNode info = mediaInfo(mediaId);
          if (info.path("file_size").asLong(0) > maxBytes) {
            throw new MediaTooLargeException(maxBytes);
          }
          try {
            return new Media(
                fetch(info.path("url").asString(""), maxBytes),
                info.path("mime_type").asString(null),
                info.path("sha256").asString(null));
          } catch (GraphApiException e) {
            if (e.httpStatus() != 401 && e.httpStatus() != 404) {
              throw e;
            }
            JsonNode fresh = mediaInfo(mediaId);
            return new Media(
                fetch(fresh.path("url").asString(""), maxBytes),
                fresh.path("mime_type").asString(null),
                fresh.path("sha256").asString(null));
          }
        });
  }

  private JsonNode mediaInfo(String mediaId) {
    return exchange(
        () ->
            media
                .get()
                .uri("/{id}", mediaId)
                .header("Authorization", "Bearer " + properties.accessToken())
                .retrieve()
                .body(JsonNode.class));
  }

  private byte[] fetch(String url, long maxBytes) {
    if (url.isEmpty()) {
      throw new GraphApiException(502, null, "the media metadata has no url", null);
    }
    // The bearer token goes only to Meta's hosts: a URL elsewhere is refused, never fetched.
    checkMediaUrl(mediaHosts, url);
    return fetch(url, "Bearer " + properties.accessToken(), maxBytes);
  }

  private byte[] fetch(String url, @Nullable String authorization, long maxBytes) {
    try {
      return media
          .get()
          .uri(java.net.URI.create(url))
          .headers(
              h -> {
                if (authorization != null) {
                  h.set("Authorization", authorization);
                }
              })
          .exchange(
              (request, response) -> {
                int status = response.getStatusCode().value();
                if (status >= 400) {
                  throw fromResponse(status, new String(response.getBody().readNBytes(4096)));
                }
                return readAtMost(response.getBody(), maxBytes);
              });
    } catch (ResourceAccessException e) {
      throw new GraphApiException(0, null, "the media URL could not be reached", e);
    }
  }

  private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new MediaTooLargeException(maxBytes);
    }
    return bytes;
  }
}
