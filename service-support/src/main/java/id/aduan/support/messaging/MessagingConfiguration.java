package id.aduan.support.messaging;

import id.aduan.support.pii.PiiCipher;
import id.aduan.support.pii.PiiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import tools.jackson.databind.json.JsonMapper;

/** Wires {@link CloudEvents} and {@link EventPublisher} into every service that has this module. */
@AutoConfiguration
public class MessagingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

  /**
   * The personal-data key set every service shares ({@code aduan.pii.*}; case-service's earlier
   * {@code aduan.cases.pii.*} is still read). Without one the service refuses to start, except in
   * the local platform's demo mode (demo keys derived from the demo password). A service that
   * defines its own {@link PiiCipher} bean keeps it.
   */
  @Bean
  @ConditionalOnMissingBean
  PiiCipher piiCipher(
      Environment environment,
      @Value("${aduan.demo.enabled:false}") boolean demo,
      @Value("${aduan.demo.password:}") String demoPassword) {
    return PiiCipher.forService(
        PiiProperties.bind(environment, "aduan.cases.pii"), demo, demoPassword);
  }

  /**
   * Records go to Kafka with their personal components encrypted and their keys hashed
   * (docs/adr/0026). {@code aduan.pii.topic-encryption=false} writes them in clear: only for tests
   * (test-support sets it), never in production; reading accepts both either way.
   */
  @Bean
  @ConditionalOnMissingBean
  CloudEvents cloudEvents(
      JsonMapper json,
      @Value("${spring.application.name}") String name,
      PiiCipher cipher,
      @Value("${aduan.pii.topic-encryption:true}") boolean encrypt) {
    if (!encrypt) {
      log.warn(
          "aduan.pii.topic-encryption=false: personal data goes to Kafka in clear (tests only)");
    }
    return new CloudEvents(
        json, "/aduan/" + name, encrypt ? new PersonalFields(cipher, json) : null);
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
