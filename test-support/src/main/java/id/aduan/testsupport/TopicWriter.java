package id.aduan.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A plain Kafka producer for tests that put exact bytes on a topic: garbage bodies, unknown {@code
 * ce_type}s, or the same record twice, as a redelivering producer would. Every send waits for the
 * broker's acknowledgement. Writing to an explicit partition lets a test rely on Kafka's ordering:
 * once a later record on the same partition was processed, every earlier one was too.
 */
public final class TopicWriter implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;

  public TopicWriter(String brokers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /**
   * Sends one record and waits until the broker has it.
   *
   * @param headers header values as {@code byte[]} (sent as they are) or {@code String} (sent as
   *     UTF-8); other values and Spring's {@code kafka_*} headers are left out
   */
  public void send(String topic, int partition, String key, byte[] value, Map<String, ?> headers) {
    List<Header> kafkaHeaders = new ArrayList<>();
    headers.forEach(
        (name, v) -> {
          if (name.startsWith("kafka_")) {
            return;
          }
          if (v instanceof byte[] bytes) {
            kafkaHeaders.add(new RecordHeader(name, bytes));
          } else if (v instanceof String text) {
            kafkaHeaders.add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8)));
          }
        });
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic, partition, key.getBytes(StandardCharsets.UTF_8), value, kafkaHeaders))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the broker did not take the record", e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
