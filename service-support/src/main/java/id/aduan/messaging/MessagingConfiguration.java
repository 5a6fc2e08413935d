package id.aduan.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import tools.jackson.databind.json.JsonMapper;

/** Wires {@link CloudEvents} and {@link EventPublisher} into every service that has this module. */
@AutoConfiguration
public class MessagingConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CloudEvents cloudEvents(JsonMapper json, @Value("${spring.application.name}") String name) {
    return new CloudEvents(json, "/aduan/" + name);
  }

  /**
   * Header values travel as raw UTF-8 bytes (CloudEvents' Kafka binding), not as Spring's JSON with
   * a type map, so that any Kafka client reads {@code ce_type} as written. The binder picks this
   * bean up by its name.
   */
  @Bean("kafkaBinderHeaderMapper")
  @ConditionalOnMissingBean(name = "kafkaBinderHeaderMapper")
  KafkaHeaderMapper kafkaBinderHeaderMapper() {
    SimpleKafkaHeaderMapper mapper = new SimpleKafkaHeaderMapper();
    return mapper;
  }

  @Bean
  @ConditionalOnMissingBean
  Outbox outbox(EventPublisher publisher, CloudEvents cloudEvents, JsonMapper json, Traces traces) {
    return new Outbox(publisher, cloudEvents, json, traces);
  }

  /** The tracer Boot configures (OpenTelemetry), or nothing where tracing is switched off. */
  @Bean
  @ConditionalOnMissingBean
  Traces traces(
      ObjectProvider<Tracer> tracer,
      ObjectProvider<Propagator> propagator,
      ObjectProvider<ObservationRegistry> observations) {
    return new Traces(
        tracer.getIfAvailable(() -> Tracer.NOOP),
        propagator.getIfAvailable(() -> Propagator.NOOP),
        observations.getIfAvailable(() -> ObservationRegistry.NOOP));
  }

  @Bean
  @ConditionalOnMissingBean
  EventPublisher eventPublisher(
      StreamBridge bridge, CloudEvents cloudEvents, MeterRegistry meters) {
    return new EventPublisher(bridge, cloudEvents, meters);
  }
}
