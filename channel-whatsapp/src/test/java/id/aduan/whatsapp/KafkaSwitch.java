package id.aduan.whatsapp;

import id.aduan.messaging.CloudEvents;
import id.aduan.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mockito.Mockito;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.KafkaException;

/**
 * Lets a test take Kafka away from the webhook: while {@link #down} is set, every send through the
 * real {@link StreamBridge} fails as a send to an unreachable broker does. Deliberately not
 * annotated {@code @Configuration}: only a context that names it as a source gets it, never one
 * that merely scans the package (the benchmark).
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
}
