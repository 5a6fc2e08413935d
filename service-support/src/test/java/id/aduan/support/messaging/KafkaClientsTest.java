package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class KafkaClientsTest {

  private static final String BINDER = "spring.cloud.stream.kafka.binder.";
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required"
          + " username=\"whatsapp\" password=\"s3cret\";";

  @TempDir Path directory;
  private String truststore;

  /** The binder reads a trust store that is not a file as a Spring resource; this one is a file. */
  @BeforeEach
  void truststore() throws Exception {
    truststore = Files.writeString(directory.resolve("kafka-truststore.p12"), "x").toString();
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }

  private Map<String, Object> secured() {
    Map<String, Object> p = new HashMap<>();
    p.put(BINDER + "brokers", "kafka-1.example:9093,kafka-2.example:9093");
    p.put(BINDER + "configuration.security.protocol", "SASL_SSL");
    p.put(BINDER + "configuration.sasl.mechanism", "PLAIN");
    p.put(BINDER + "configuration.sasl.jaas.config", JAAS);
    p.put(BINDER + "configuration.ssl.truststore.location", truststore);
    p.put(BINDER + "configuration.ssl.truststore.type", "PKCS12");
    p.put(BINDER + "producer-properties.compression.type", "lz4");
    p.put(BINDER + "consumer-properties.isolation.level", "read_committed");
    return p;
  }

  @Test
  void producerGetsTheBindersSecuritySettingsBrokersAndProducerProperties() {
    Map<String, Object> producer = KafkaClients.producer(environment(secured()));

    assertThat(producer)
        .containsEntry("bootstrap.servers", "kafka-1.example:9093,kafka-2.example:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", truststore)
        .containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("compression.type", "lz4")
        .doesNotContainKey("isolation.level");
  }

  @Test
  void consumerGetsTheSameSecuritySettingsAndOnlyConsumerProperties() {
    Map<String, Object> consumer = KafkaClients.consumer(environment(secured()));

    assertThat(consumer)
        .containsEntry("bootstrap.servers", "kafka-1.example:9093,kafka-2.example:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", truststore)
        .containsEntry("isolation.level", "read_committed")
        .doesNotContainKey("compression.type");
  }

  @Test
  void springKafkasOwnSecuritySettingsReachTheClientsToo() {
    Map<String, Object> p = new HashMap<>();
    p.put(BINDER + "brokers", "kafka-1.example:9093");
    p.put("spring.kafka.security.protocol", "SASL_PLAINTEXT");
    p.put("spring.kafka.properties.sasl.mechanism", "PLAIN");
    p.put("spring.kafka.properties.sasl.jaas.config", JAAS);

    for (Map<String, Object> client :
        java.util.List.of(
            KafkaClients.producer(environment(p)), KafkaClients.consumer(environment(p)))) {
      assertThat(client)
          .containsEntry("bootstrap.servers", "kafka-1.example:9093")
          .containsEntry("security.protocol", "SASL_PLAINTEXT")
          .containsEntry("sasl.mechanism", "PLAIN")
          .containsEntry("sasl.jaas.config", JAAS);
    }
  }

  @Test
  void everyConsumerOfTheSharedSettingsWaitsForAFewRecordsPerFetch() throws Exception {
    // The yaml alone: the test JVMs set ADUAN_KAFKA_FETCH_MIN_BYTES=1 (the root pom's argLine).
    AbstractEnvironment environment = new AbstractEnvironment() {};
    new YamlPropertySourceLoader()
        .load("aduan-messaging", new ClassPathResource("aduan-messaging.yaml"))
        .forEach(environment.getPropertySources()::addLast);

    assertThat(KafkaClients.consumer(environment))
        .containsEntry("fetch.min.bytes", "4096")
        .containsEntry("fetch.max.wait.ms", "500")
        .containsEntry("isolation.level", "read_committed");
    assertThat(KafkaClients.producer(environment)).doesNotContainKey("fetch.min.bytes");
  }
}
