package id.aduan.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain Kafka consumer that reads everything a topic holds from the beginning, for tests that
 * assert "exactly one" of something. It waits the given time and returns whatever arrived.
 */
public final class TopicProbe implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  public TopicProbe(String brokers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Polls for {@code wait} and returns every record seen so far. */
  public List<ConsumerRecord<String, byte[]>> drain(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < end) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  /** Polls until at least {@code count} records arrived or {@code timeout} passed. */
  public List<ConsumerRecord<String, byte[]>> awaitAtLeast(int count, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (seen.size() < count && System.nanoTime() < end) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  /**
   * Reads every record the topic holds at the moment of the call (up to each partition's end
   * offset) and returns every record seen so far. Unlike {@link #drain}, it does not depend on
   * waiting long enough: whatever a synchronous producer had sent before this call is included.
   */
  public List<ConsumerRecord<String, byte[]>> readToEnd(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (consumer.assignment().isEmpty() && System.nanoTime() < end) {
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }
    if (consumer.assignment().isEmpty()) {
      throw new IllegalStateException("no partition was assigned within " + timeout);
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
    while (System.nanoTime() < end
        && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }
    if (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      throw new IllegalStateException("the topic was not read to its end within " + timeout);
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
