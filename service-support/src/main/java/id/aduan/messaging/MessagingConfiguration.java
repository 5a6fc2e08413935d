package id.aduan.messaging;

import io.micrometer.core.instrument.MeterRegistry;
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
  Outbox outbox(EventPublisher publisher, CloudEvents cloudEvents, JsonMapper json) {
    return new Outbox(publisher, cloudEvents, json);
  }

  @Bean
  @ConditionalOnMissingBean
  EventPublisher eventPublisher(
      StreamBridge bridge, CloudEvents cloudEvents, MeterRegistry meters) {
    return new EventPublisher(bridge, cloudEvents, meters);
  }
}
