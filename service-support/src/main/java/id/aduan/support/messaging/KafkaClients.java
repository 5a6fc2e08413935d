package id.aduan.support.messaging;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.core.env.Environment;

/**
 * Client settings for a Kafka producer or consumer a service builds itself, outside the binder (the
 * WhatsApp webhook's producer, the e-mail intake's publication check). They come from exactly where
 * the binder takes its own, merged the way the binder merges them: {@code spring.kafka.*}, then
 * {@code spring.cloud.stream.kafka.binder.configuration.*} (every client: security.protocol,
 * sasl.*, ssl.*), then {@code ...binder.producer-properties.*} or {@code consumer-properties.*},
 * and the binder's brokers as {@code bootstrap.servers}. So a secured cluster configured once for
 * the binder is reached by every client of the service. The caller puts its own client-specific
 * settings (acks, timeouts, client.id) on top of the returned map.
 */
public final class KafkaClients {

  private static final String BINDER = "spring.cloud.stream.kafka.binder";

  private KafkaClients() {}

  /** Settings for a producer: the binder's merged producer configuration and its brokers. */
  public static Map<String, Object> producer(Environment environment) {
    KafkaBinderConfigurationProperties binder = binder(environment);
    Map<String, Object> config = new HashMap<>(binder.mergedProducerConfiguration());
    config.put("bootstrap.servers", binder.getKafkaConnectionString());
    return config;
  }

  /** Settings for a consumer: the binder's merged consumer configuration and its brokers. */
  public static Map<String, Object> consumer(Environment environment) {
    KafkaBinderConfigurationProperties binder = binder(environment);
    Map<String, Object> config = new HashMap<>(binder.mergedConsumerConfiguration());
    config.put("bootstrap.servers", binder.getKafkaConnectionString());
    return config;
  }

  private static KafkaBinderConfigurationProperties binder(Environment environment) {
    Binder binder = Binder.get(environment);
    KafkaProperties kafka = new KafkaProperties();
    binder.bind("spring.kafka", Bindable.ofInstance(kafka));
    KafkaBinderConfigurationProperties properties =
        new KafkaBinderConfigurationProperties(
            kafka, new DefaultListableBeanFactory().getBeanProvider(KafkaConnectionDetails.class));
    binder.bind(BINDER, Bindable.ofInstance(properties));
    return properties;
  }
}
