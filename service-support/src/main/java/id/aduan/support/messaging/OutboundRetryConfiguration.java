package id.aduan.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What an outbound channel adapter imports so that no transient failure dead-letters a message
 * (docs/adr/0041): {@link StoreOutageRetry} on its consumer ({@code
 * aduan.messaging.store-outage-max-wait}, 30 s) and the {@link DeferredDeliveries} it keeps failed
 * messages in ({@code outbound_deferred}, {@link OutboundRetryProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundRetryProperties.class)
public class OutboundRetryConfiguration {

  /** A record that failed because MongoDB did not answer is polled again, never dead-lettered. */
  @Bean
  StoreOutageRetry storeOutageRetry(
      ObjectProvider<EventPublisher> publisher,
      MeterRegistry meters,
      @Value("${aduan.messaging.store-outage-max-wait:30s}") Duration maxWait) {
    return new StoreOutageRetry(publisher, meters, maxWait);
  }

  /** Created at first use: WhatsApp keeps its deferred messages with its send claims instead. */
  @Bean
  @Lazy
  DeferredDeliveries deferredDeliveries(
      MongoTemplate mongo,
      OutboundRetryProperties properties,
      CloudEvents cloudEvents,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock) {
    return new DeferredDeliveries(
        mongo,
        "outbound_deferred",
        properties.schedule(),
        properties.lease(),
        cloudEvents,
        publisher,
        meters,
        clock);
  }
}
