package id.aduan.whatsapp.client;

import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.SendFailure;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Resilience4j setup of both providers: retry with exponential backoff on transient
 * failures only, inside a circuit breaker that only transient failures open (a refused message says
 * nothing about the provider's health).
 */
final class Resilience {

  private final Retry retry;
  private final Retry mediaRetry;
  private final CircuitBreaker circuit;
  private final String name;
  private final MeterRegistry meters;

  Resilience(String name, WhatsAppProperties properties, MeterRegistry meters) {
    this.name = name;
    this.meters = meters;
    this.retry = retry(name, properties.retryAttempts(), properties);
    this.mediaRetry = retry(name + "-media", properties.mediaAttempts(), properties);
    this.circuit =
        CircuitBreaker.of(
            name,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.circuitFailureRate())
                .minimumNumberOfCalls(properties.circuitMinimumCalls())
                .slidingWindowSize(Math.max(properties.circuitMinimumCalls(), 20))
                .waitDurationInOpenState(properties.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(Resilience::isTransient)
                .build());
    circuit
        .getEventPublisher()
        .onStateTransition(
            e ->
                meters
                    .counter(
                        "aduan.client.circuit.transitions",
                        "client",
                        name,
                        "to",
                        e.getStateTransition().getToState().name().toLowerCase(Locale.ROOT))
                    .increment());
  }

  private static Retry retry(String name, int attempts, WhatsAppProperties properties) {
    return Retry.of(
        name,
        RetryConfig.custom()
            .maxAttempts(Math.max(1, attempts))
            .intervalFunction(IntervalFunction.ofExponentialBackoff(properties.retryBackoff(), 2.0))
            .retryOnException(Resilience::isTransient)
            .build());
  }

  static boolean isTransient(Throwable e) {
    return e instanceof GraphApiException g && g.failure() == SendFailure.RETRY;
  }

  /**
   * The provider's refusal as an exception: its error code and message read from the JSON at {@code
   * pointer} (an HTML page from a proxy leaves the status alone to decide), counted by code.
   */
  GraphApiException refused(
      JsonMapper json,
      int status,
      String body,
      String pointer,
      BiFunction<Integer, @Nullable Integer, SendFailure> classify) {
    Integer code = null;
    String message = "HTTP " + status;
    try {
      JsonNode error = json.readTree(body).at(pointer);
      if (error.path("code").isNumber()) {
        code = error.path("code").asInt();
      }
      message = error.path("message").asString(message);
    } catch (RuntimeException notJson) {
      // The status alone decides.
    }
    meters
        .counter(
            "aduan.client.errors",
            "client",
            name,
            "code",
            code != null ? String.valueOf(code) : "http_" + status)
        .increment();
    return new GraphApiException(status, code, message, null, classify.apply(status, code));
  }

  CircuitBreaker.State state() {
    return circuit.getState();
  }

  /** A send: retried inside the circuit, so one circuit call is one fully retried attempt. */
  <T> T call(Supplier<T> request) {
    return run(retry, request);
  }

  /** A media download, with its own (shorter) retry. */
  <T> T media(Supplier<T> request) {
    return run(mediaRetry, request);
  }

  private <T> T run(Retry policy, Supplier<T> request) {
    try {
      return circuit.executeSupplier(Retry.decorateSupplier(policy, request));
    } catch (CallNotPermittedException e) {
      throw new GraphApiException(
          0, null, "the " + name + " circuit is open", e, SendFailure.RETRY);
    }
  }
}
