package id.aduan.lapor.client;

import id.aduan.lapor.config.LaporProperties;
import id.aduan.lapor.domain.LaporGateway;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP JSON transport of {@link LaporGateway} (docs/lapor.md). Every call goes through a retry
 * (server errors, timeouts, 429) inside a circuit breaker: when LAPOR! is down the poller and the
 * outbound consumer fail fast instead of piling up threads, and the breaker's state is a metric. A
 * 4xx other than 429 is not retried: repeating a request LAPOR! refused changes nothing.
 */
@Component
class HttpLaporGateway implements LaporGateway {

  private final RestClient http;
  private final JsonMapper json;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final int pageSize;

  HttpLaporGateway(
      RestClient.Builder builder,
      LaporProperties properties,
      JsonMapper json,
      MeterRegistry meters) {
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(properties.requestTimeout());
    requests.setReadTimeout(properties.requestTimeout());
    this.http =
        builder
            .baseUrl(properties.baseUrl())
            .requestFactory(requests)
            .defaultHeader("Authorization", "Token " + properties.token())
            .build();
    this.json = json;
    this.pageSize = properties.pageSize();
    RetryRegistry retries =
        RetryRegistry.of(
            RetryConfig.custom()
                .maxAttempts(properties.retry().maxAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialBackoff(properties.retry().backoff(), 2.0))
                .retryOnException(HttpLaporGateway::transient_)
                .build());
    CircuitBreakerRegistry breakers =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.retry().failureRateThreshold())
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .waitDurationInOpenState(properties.retry().openFor())
                .recordException(HttpLaporGateway::transient_)
                .build());
    this.retry = retries.retry("lapor");
    this.breaker = breakers.circuitBreaker("lapor");
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
  }

  @Override
  public Page listUpdated(String laporAgencyId, Instant since, @Nullable String cursor) {
    String raw =
        call(
            () ->
                http.get()
                    .uri(
                        b -> {
                          b.path("/agencies/{agency}/reports")
                              .queryParam("updated_since", since.toString())
                              .queryParam("limit", pageSize);
                          if (cursor != null) {
                            b.queryParam("cursor", cursor);
                          }
                          return b.build(laporAgencyId);
                        })
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(String.class));
    JsonNode root = json.readTree(raw);
    return LaporJsonMapper.forVersion(root).page(root, raw);
  }

  @Override
  public String postFollowUp(
      String trackingId, String text, List<OutgoingAttachment> attachments, String idempotencyKey) {
    List<Map<String, String>> files =
        attachments.stream()
            .map(a -> Map.of("file_name", a.fileName(), "url", String.valueOf(a.url())))
            .toList();
    String raw =
        call(
            () ->
                http.post()
                    .uri("/reports/{id}/follow-ups", trackingId)
                    .header("Idempotency-Key", idempotencyKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("text", text, "attachments", files))
                    .retrieve()
                    .body(String.class));
    JsonNode id = json.readTree(raw).path("id");
    if (!id.isString()) {
      throw new LaporProtocolException("LAPOR! answered a follow-up without its id");
    }
    return id.asString();
  }

  @Override
  public void changeStatus(String trackingId, String status, String note, String idempotencyKey) {
    call(
        () ->
            http.post()
                .uri("/reports/{id}/status", trackingId)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", status, "note", note))
                .retrieve()
                .body(String.class));
  }

  @Override
  public Topics topics() {
    String raw =
        call(
            () ->
                http.get()
                    .uri("/topics")
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(String.class));
    JsonNode root = json.readTree(raw);
    return LaporJsonMapper.forVersion(root).topics(root, raw);
  }

  private String call(Supplier<@Nullable String> request) {
    String body;
    try {
      body = breaker.executeSupplier(Retry.decorateSupplier(retry, request::get));
    } catch (LaporProtocolException e) {
      throw e;
    } catch (RuntimeException e) {
      // Deliberately without the cause: its message holds LAPOR!'s response body.
      throw new LaporCallFailedException(e);
    }
    if (body == null || body.isBlank()) {
      throw new LaporProtocolException("LAPOR! answered with an empty body");
    }
    return body;
  }

  /** Worth retrying: LAPOR! or the network failed, not our request. */
  private static boolean transient_(Throwable e) {
    if (e instanceof HttpClientErrorException client) {
      return client.getStatusCode().value() == 429;
    }
    return !(e instanceof LaporProtocolException);
  }
}
