package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one setting behind {@code ADUAN_LOG_FORMAT=json} ({@code logging.structured.format.console}):
 * with it a service writes each log line as one JSON object carrying the trace and span id of the
 * work it logs, so that a log store joins lines to traces; without it, plain text.
 */
@ExtendWith(OutputCaptureExtension.class)
// Plain text first: Logback keeps the JSON encoder of a closed context in this JVM.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StructuredLogsTest {

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    ObservationAutoConfiguration.class,
    OpenTelemetrySdkAutoConfiguration.class,
    MicrometerTracingAutoConfiguration.class,
    OpenTelemetryTracingAutoConfiguration.class
  })
  static class Traced {}

  @Test
  @Order(2)
  void withTheSettingEachLineIsJsonWithTheTraceAndSpanIdOfItsWork(CapturedOutput output) {
    String traceId;
    String spanId;
    try (ConfigurableApplicationContext context =
        start("--logging.structured.format.console=ecs")) {
      Tracer tracer = context.getBean(Tracer.class);
      Span span = tracer.nextSpan().name("probe").start();
      try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
        LoggerFactory.getLogger(StructuredLogsTest.class).info("case opened for the probe");
      } finally {
        span.end();
      }
      traceId = span.context().traceId();
      spanId = span.context().spanId();
    }

    JsonNode line =
        linesOf(output).stream()
            .filter(l -> l.contains("case opened for the probe"))
            .map(l -> JsonMapper.builder().build().readTree(l))
            .findFirst()
            .orElseThrow();
    assertThat(line.path("message").asString()).isEqualTo("case opened for the probe");
    assertThat(line.path("traceId").asString()).isEqualTo(traceId);
    assertThat(line.path("spanId").asString()).isEqualTo(spanId);
    assertThat(line.path("service").path("name").asString()).isEqualTo("structured-logs-probe");
  }

  @Test
  @Order(1)
  void withoutItLinesStayPlainText(CapturedOutput output) {
    try (ConfigurableApplicationContext context = start()) {
      LoggerFactory.getLogger(StructuredLogsTest.class).info("a plain probe line");
    }

    assertThat(linesOf(output))
        .filteredOn(l -> l.contains("a plain probe line"))
        .singleElement()
        .satisfies(l -> assertThat(l).doesNotStartWith("{"));
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(Traced.class)
        .web(WebApplicationType.NONE)
        .properties("spring.application.name=structured-logs-probe")
        .run(args);
  }

  private static List<String> linesOf(CapturedOutput output) {
    return output.getOut().lines().toList();
  }
}
