package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The trace context through the outbox on a real OpenTelemetry tracer: what a consumer captured
 * when it wrote an entry is the trace a sweep on another thread, inside an observation of its own,
 * publishes the entry in; and a record's headers get the current context.
 */
class TracesTest {

  private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
  private final io.opentelemetry.api.trace.Tracer otel = provider.get("aduan-test");
  private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {});
  private final OtelPropagator propagator =
      new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
  private final ObservationRegistry observations = ObservationRegistry.create();
  private final Traces traces = new Traces(tracer, propagator, observations);

  TracesTest() {
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
  }

  @Test
  void anEntryPublishedByASweepOnAnotherThreadJoinsTheTraceOfTheWorkThatWroteIt() throws Exception {
    Span intake = tracer.nextSpan().name("intake").start();
    String traceparent;
    try (Tracer.SpanInScope in = tracer.withSpan(intake)) {
      traceparent = traces.current();
    } finally {
      intake.end();
    }
    assertThat(traceparent).contains(intake.context().traceId());

    AtomicReference<String> sendTrace = new AtomicReference<>();
    AtomicReference<String> sweepTrace = new AtomicReference<>();
    CompletableFuture.runAsync(
            () ->
                // The sweep runs in an observation of its own (a @Scheduled task's).
                Observation.createNotStarted("sweep", observations)
                    .observe(
                        () -> {
                          sweepTrace.set(tracer.currentSpan().context().traceId());
                          traces.continued(
                              traceparent,
                              "aduan.outbox.publish",
                              // The Kafka producer's own observation, as the binder opens it.
                              () ->
                                  Observation.createNotStarted("send", observations)
                                      .observe(
                                          () ->
                                              sendTrace.set(
                                                  tracer.currentSpan().context().traceId())));
                        }))
        .get();

    assertThat(sweepTrace.get()).isNotEqualTo(intake.context().traceId());
    assertThat(sendTrace.get()).isEqualTo(intake.context().traceId());
  }

  @Test
  void withoutAStoredContextTheWorkRunsInTheTraceItIsIn() {
    AtomicReference<String> trace = new AtomicReference<>();
    Span current = tracer.nextSpan().name("relay").start();
    try (Tracer.SpanInScope in = tracer.withSpan(current)) {
      traces.continued(
          null, "aduan.outbox.publish", () -> trace.set(tracer.currentSpan().context().traceId()));
    } finally {
      current.end();
    }
    assertThat(trace.get()).isEqualTo(current.context().traceId());
  }

  @Test
  void injectWritesTheCurrentSpansTraceparentAndNothingWithoutOne() {
    Map<String, String> headers = new HashMap<>();
    traces.inject(headers::put);
    assertThat(headers).isEmpty();

    Span span = tracer.nextSpan().name("webhook").start();
    try (Tracer.SpanInScope in = tracer.withSpan(span)) {
      traces.inject(headers::put);
    } finally {
      span.end();
    }
    String traceparent = headers.get(Traces.TRACEPARENT);
    assertThat(traceparent)
        .startsWith("00-" + span.context().traceId() + "-" + span.context().spanId() + "-");
    // Flags: sampled (bit 0); newer OpenTelemetry SDKs also set W3C level 2's random-id bit (02).
    assertThat(Integer.parseInt(traceparent.substring(traceparent.length() - 2), 16) & 1)
        .isEqualTo(1);
  }
}
