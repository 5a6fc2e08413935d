package id.aduan.support.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Carries the trace context where the binder's own observation cannot (docs/adr/0033): into the
 * headers of a record a service writes with its own producer, and through an embedded outbox, whose
 * entries are published later, possibly by a sweep on another thread. Without tracing on the
 * classpath or with no span current, it does nothing.
 */
public final class Traces {

  /** The W3C header that holds the trace id and the parent span id. */
  public static final String TRACEPARENT = "traceparent";

  /** No tracing: nothing captured, nothing injected, work runs as it is. */
  public static final Traces NONE =
      new Traces(Tracer.NOOP, Propagator.NOOP, ObservationRegistry.NOOP);

  private final Tracer tracer;
  private final Propagator propagator;
  private final ObservationRegistry observations;

  public Traces(Tracer tracer, Propagator propagator, ObservationRegistry observations) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.observations = observations;
  }

  /** Writes the current span's context into {@code header} (one call per propagated field). */
  public void inject(BiConsumer<String, String> header) {
    Span span = tracer.currentSpan();
    if (span != null && !span.isNoop()) {
      propagator.inject(span.context(), header, BiConsumer::accept);
    }
  }

  /** The current span's {@code traceparent}, to store beside work that continues later. */
  public @Nullable String current() {
    Map<String, String> fields = new HashMap<>();
    inject(fields::put);
    return fields.get(TRACEPARENT);
  }

  /**
   * Runs {@code work} in a span of the trace {@code traceparent} names, whatever observation the
   * thread is in (a scheduled sweep has its own): what {@code work} observes, the Kafka producer's
   * send among it, joins that trace. Without a stored context the work runs as it is.
   */
  public void continued(@Nullable String traceparent, String name, Runnable work) {
    if (traceparent == null || traceparent.isBlank()) {
      work.run();
      return;
    }
    ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
    context.setCarrier(Map.of(TRACEPARENT, traceparent));
    Observation.createNotStarted(name, () -> context, observations)
        .parentObservation(null)
        .observe(work);
  }
}
