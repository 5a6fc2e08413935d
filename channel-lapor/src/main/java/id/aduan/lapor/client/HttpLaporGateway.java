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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP transport of {@link LaporGateway} (docs/lapor.md), JSON or XML as configured per LAPOR!
 * agency id, answers read by their Content-Type through a versioned mapper. Every call goes through
 * a retry (server errors, timeouts, 429) inside a circuit breaker: when LAPOR! is down the poller
 * and the outbound consumer fail fast instead of piling up threads, and the breaker's state is a
 * metric. A 4xx other than 429 is not retried: repeating a request LAPOR! refused changes nothing.
 */
@Component
class HttpLaporGateway implements LaporGateway {

  private final RestClient http;
  private final RestClient downloads;
  private final URI apiBase;
  private final LaporProperties properties;
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
            .clone()
            .baseUrl(properties.baseUrl())
            .requestFactory(requests)
            .defaultHeader("Authorization", "Token " + properties.token())
            .build();
    this.downloads = builder.clone().requestFactory(requests).build();
    this.apiBase = URI.create(properties.baseUrl());
    this.properties = properties;
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
    LaporProperties.Format format = properties.formatOf(laporAgencyId);
    Answer answer =
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
                    .accept(mediaType(format))
                    .retrieve()
                    .toEntity(String.class));
    return answer.isXml()
        ? LaporXmlMapper.readPage(answer.body())
        : LaporJsonMapper.readPage(json, answer.body());
  }

  @Override
  public Page report(String trackingId) {
    Answer answer =
        call(
            () ->
                http.get()
                    .uri("/reports/{id}", trackingId)
                    .accept(mediaType(properties.format()))
                    .retrieve()
                    .toEntity(String.class));
    return answer.isXml()
        ? LaporXmlMapper.readPage(answer.body())
        : LaporJsonMapper.readPage(json, answer.body());
  }

  @Override
  public String postFollowUp(
      String trackingId, String text, List<OutgoingAttachment> attachments, String idempotencyKey) {
    Object body =
        properties.format() == LaporProperties.Format.XML
            ? LaporXmlWriter.followUp(text, attachments)
            : Map.of(
                "text",
                text,
                "attachments",
                attachments.stream()
                    .map(a -> Map.of("file_name", a.fileName(), "url", String.valueOf(a.url())))
                    .toList());
    Answer answer =
        call(
            () ->
                http.post()
                    .uri("/reports/{id}/follow-ups", trackingId)
                    .header("Idempotency-Key", idempotencyKey)
                    .contentType(mediaType(properties.format()))
                    .accept(mediaType(properties.format()))
                    .body(body)
                    .retrieve()
                    .toEntity(String.class));
    JsonNode id =
        (answer.isXml()
                ? LaporXmlMapper.anyTree(answer.body())
                : LaporJsonMapper.tree(json, answer.body()))
            .path("id");
    if (!id.isString()) {
      throw new LaporProtocolException("LAPOR! answered a follow-up without its id");
    }
    return id.asString();
  }

  @Override
  public void changeStatus(String trackingId, String status, String note, String idempotencyKey) {
    Object body =
        properties.format() == LaporProperties.Format.XML
            ? LaporXmlWriter.statusChange(status, note)
            : Map.of("status", status, "note", note);
    call(
        () ->
            http.post()
                .uri("/reports/{id}/status", trackingId)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(mediaType(properties.format()))
                .accept(mediaType(properties.format()))
                .body(body)
                .retrieve()
                .toEntity(String.class));
  }

  @Override
  public Topics topics() {
    Answer answer =
        call(
            () ->
                http.get()
                    .uri("/topics")
                    .accept(mediaType(properties.format()))
                    .retrieve()
                    .toEntity(String.class));
    return answer.isXml()
        ? LaporXmlMapper.readTopics(answer.body())
        : LaporJsonMapper.readTopics(json, answer.body());
  }

  @Override
  public FetchedFile fetch(String url, long maxBytes) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return FetchedFile.failed("not a URL");
    }
    try {
      return breaker.executeSupplier(
          () ->
              downloads
                  .get()
                  .uri(uri)
                  .headers(
                      h -> {
                        // The token goes to LAPOR! only, never to a host an attachment URL names.
                        if (sameOrigin(uri, apiBase)) {
                          h.set("Authorization", "Token " + properties.token());
                        }
                      })
                  .exchange((request, response) -> read(response, maxBytes)));
    } catch (RuntimeException e) {
      return FetchedFile.failed(LaporCallFailedException.describe(e));
    }
  }

  private static FetchedFile read(ClientHttpResponse response, long maxBytes) throws IOException {
    if (!response.getStatusCode().is2xxSuccessful()) {
      return FetchedFile.failed("HTTP " + response.getStatusCode().value());
    }
    if (response.getHeaders().getContentLength() > maxBytes) {
      return FetchedFile.tooLarge();
    }
    try (InputStream in = response.getBody()) {
      // One byte past the limit tells an oversized file without reading all of it.
      byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > maxBytes) {
        return FetchedFile.tooLarge();
      }
      MediaType type = response.getHeaders().getContentType();
      return FetchedFile.fetched(bytes, type == null ? null : type.toString());
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private static MediaType mediaType(LaporProperties.Format format) {
    return format == LaporProperties.Format.XML
        ? MediaType.APPLICATION_XML
        : MediaType.APPLICATION_JSON;
  }

  private Answer call(Supplier<ResponseEntity<String>> request) {
    ResponseEntity<String> entity;
    try {
      entity = breaker.executeSupplier(Retry.decorateSupplier(retry, request::get));
    } catch (LaporProtocolException e) {
      throw e;
    } catch (RuntimeException e) {
      // Deliberately without the cause: its message holds LAPOR!'s response body.
      throw new LaporCallFailedException(e);
    }
    String body = entity.getBody();
    if (body == null || body.isBlank()) {
      throw new LaporProtocolException("LAPOR! answered with an empty body", "");
    }
    return new Answer(body, entity.getHeaders().getContentType());
  }

  /**
   * An answer and its declared type. The type decides the reader, whatever was asked for: a LAPOR!
   * that ignores Accept is still read. Without one, the first character does.
   */
  private record Answer(String body, @Nullable MediaType contentType) {
    boolean isXml() {
      if (contentType != null) {
        return contentType.getSubtype().equals("xml") || contentType.getSubtype().endsWith("+xml");
      }
      return body.stripLeading().startsWith("<");
    }
  }

  /** Worth retrying: LAPOR! or the network failed, not our request. */
  private static boolean transient_(Throwable e) {
    if (e instanceof HttpClientErrorException client) {
      return client.getStatusCode().value() == 429;
    }
    return !(e instanceof LaporProtocolException);
  }
}
