package id.aduan.whatsapp;

import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.KafkaClients;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.messaging.InboundPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.support.KafkaHeaderMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a test take Kafka away from the webhook: while {@link #down} is set, every send through the
 * real {@link StreamBridge} and the webhook's own producer fails as a send to an unreachable broker
 * does. Deliberately not annotated {@code @Configuration}: only a context that names it as a source
 * gets it, never one that merely scans the package (the benchmark).
 */
public class KafkaSwitch {

  public static final AtomicBoolean down = new AtomicBoolean();

  @Bean
  EventPublisher eventPublisher(
      StreamBridge bridge, CloudEvents cloudEvents, MeterRegistry meters) {
    StreamBridge switchable =
        Mockito.mock(
            StreamBridge.class,
            Mockito.withSettings()
                .spiedInstance(bridge)
                .defaultAnswer(
                    invocation -> {
                      if (down.get() && invocation.getMethod().getName().equals("send")) {
                        throw new KafkaException("the broker did not acknowledge (test)");
                      }
                      return invocation.callRealMethod();
                    }));
    return new EventPublisher(switchable, cloudEvents, meters);
  }

  /** The webhook's own producer, failing every send while {@link #down} is set. */
  @Bean
  @Primary
  InboundPublisher switchableInboundPublisher(
      Environment environment,
      WhatsAppProperties properties,
      CloudEvents cloudEvents,
      JsonMapper json,
      @Qualifier("kafkaBinderHeaderMapper") KafkaHeaderMapper headers,
      MeterRegistry meters) {
    return new InboundPublisher(
        InboundPublisher.producer(KafkaClients.producer(environment), properties),
        cloudEvents,
        json,
        headers,
        meters) {
      @Override
      public CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        if (down.get()) {
          return CompletableFuture.failedFuture(
              new NotAcknowledgedException(
                  record.topic(), new KafkaException("the broker did not acknowledge (test)")));
        }
        return super.send(record);
      }
    };
  }
}
