package id.aduan.cases.config;

import id.aduan.contracts.Topics;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A message whose processing failed after every retry goes to the dead letters of the topic it came
 * from ({@code <topic>.dlq}, as everywhere in Aduan), also for a binding that reads several topics
 * ({@code recordAttempts} reads the four outbound topics).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterTopics {

  @Bean
  DlqDestinationResolver dlqDestinationResolver() {
    return (record, exception) -> Topics.dlq(record.topic());
  }
}
