package id.aduan.social.client;

import id.aduan.social.config.SocialProperties;
import id.aduan.support.web.MediaHosts;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The Graph API as channel-social uses it: the Send API ({@code POST {base}/{page or Instagram
 * account id}/messages}) with a retry on server errors and timeouts, and downloads of attachment
 * URLs. Downloads go without the page token: the URLs are signed CDN links, and a token must never
 * travel to a host named by a webhook.
 */
@Component
public class GraphClient {

  private static final Logger log = LoggerFactory.getLogger(GraphClient.class);
  private static final int MAX_REDIRECTS = 3;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final RestClient http;
  private final HttpClient downloads;
  private final SocialProperties properties;
  private final MeterRegistry meters;
  private final MediaHosts mediaHosts;
  private final Retry retry;

  GraphClient(RestClient.Builder builder, SocialProperties properties, MeterRegistry meters) {
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(properties.requestTimeout());
    requests.setReadTimeout(properties.requestTimeout());
    this.http =
        builder
            .baseUrl(properties.graphBaseUrl())
            .requestFactory(requests)
            .defaultHeader("Authorization", "Bearer " + properties.pageAccessToken())
            .build();
    this.downloads =
        HttpClient.newBuilder()
            .connectTimeout(properties.requestTimeout())
            // Redirects are followed here, each checked against the media hosts.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.properties = properties;
    this.meters = meters;
    this.mediaHosts = new MediaHosts(properties.graphBaseUrl(), properties.mediaHosts());
    RetryRegistry retries =
        RetryRegistry.of(
            RetryConfig.custom()
                .maxAttempts(properties.retryAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialBackoff(properties.retryBackoff(), 2.0))
                // A 4xx (window closed, blocked user, bad token) will not change on a retry.
                .retryOnException(e -> !(e instanceof HttpClientErrorException))
                .build());
    this.retry = retries.retry("graph-send");
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
  }

  /**
   * Sends a text.
   *
   * @param tag {@code HUMAN_AGENT} outside the 24-hour window, else null ({@code RESPONSE})
   * @return the {@code message_id} Meta gave it
   */
  public String sendText(String accountId, String recipientId, String text, @Nullable String tag) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("recipient", Map.of("id", recipientId));
    payload.put("messaging_type", tag == null ? "RESPONSE" : "MESSAGE_TAG");
    if (tag != null) {
      payload.put("tag", tag);
    }
    payload.put("message", Map.of("text", text));
    JsonNode response;
    try {
      response =
          retry.executeSupplier(
              () ->
                  http.post()
                      .uri("/{id}/messages", accountId)
                      .contentType(MediaType.APPLICATION_JSON)
                      .body(payload)
                      .retrieve()
                      .body(JsonNode.class));
    } catch (RuntimeException e) {
      // Deliberately without the cause: its message holds Meta's response body.
      throw new GraphCallFailedException(e);
    }
    if (response == null || !response.path("message_id").isString()) {
      throw new IllegalStateException("the Send API answered without a message_id");
    }
    return response.path("message_id").asString();
  }

  /**
   * Downloads an attachment, refusing more than {@code aduan.social.max-media-size} bytes. The URL
   * and every redirect it answers with must be https on a provider host ({@link MediaHosts}): any
   * other is refused (counted as {@code aduan.media.url.refused}) and never fetched.
   */
  public Download download(String url) {
    long limit = properties.maxMediaSize().toBytes();
    String next = url;
    try {
      for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
        Optional<String> refusal = mediaHosts.refusal(next);
        if (refusal.isPresent()) {
          log.warn("an attachment URL was refused: {}", refusal.get());
          meters
              .counter("aduan.media.url.refused", "channel", "social", "reason", refusal.get())
              .increment();
          return Download.failed("url_refused: " + refusal.get());
        }
        HttpResponse<InputStream> response =
            downloads.send(
                HttpRequest.newBuilder(URI.create(next))
                    .timeout(properties.requestTimeout())
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
          int status = response.statusCode();
          Optional<String> location = response.headers().firstValue("Location");
          if (REDIRECTS.contains(status) && location.isPresent()) {
            next = URI.create(next).resolve(location.get()).toString();
            continue;
          }
          if (status != 200) {
            return Download.failed("HTTP " + status);
          }
          byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
          if (bytes.length > limit) {
            return new Download(Download.Outcome.TOO_LARGE, null, null, "larger than " + limit);
          }
          String type =
              response.headers().firstValue("Content-Type").orElse("application/octet-stream");
          return new Download(Download.Outcome.STORED, bytes, type, null);
        }
      }
      return Download.failed("too many redirects");
    } catch (IOException | IllegalArgumentException e) {
      return Download.failed(e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Download.failed("interrupted");
    }
  }

  /** The outcome of a download; {@code bytes} only when STORED. */
  public record Download(
      Outcome outcome,
      byte @Nullable [] bytes,
      @Nullable String mediaType,
      @Nullable String error) {

    public enum Outcome {
      STORED,
      FAILED,
      TOO_LARGE
    }

    static Download failed(String error) {
      return new Download(Outcome.FAILED, null, null, error);
    }
  }
}
