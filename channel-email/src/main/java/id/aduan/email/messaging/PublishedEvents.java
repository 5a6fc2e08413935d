package id.aduan.email.messaging;

import id.aduan.contracts.CloudEventHeaders;
import id.aduan.email.config.EmailProperties;
import id.aduan.support.messaging.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Answers "did this event reach Kafka?" for a publication that was started but whose outcome was
 * never recorded: the process died between Kafka's acknowledgement and the dedup key, or the
 * acknowledgement itself was lost. It reads the topic from a little before the publication was
 * started to its end, looking for the event's {@code ce_id}. Asked only for such publications
 * (after a crash or a Kafka outage), never on the normal path.
 */
@Component
public class PublishedEvents {

  /** Producer and broker clocks may differ a little from the clock that stamped the intent. */
  private static final Duration CLOCK_MARGIN = Duration.ofMinutes(15);

  private final Map<String, Object> consumerConfig;
  private final Duration timeout;

  /**
   * @param environment where the binder's settings are: the consumer gets the binder's brokers and
   *     security settings, as every Kafka client of the service ({@link KafkaClients})
   */
  PublishedEvents(Environment environment, EmailProperties properties) {
    this.timeout = properties.publicationCheckTimeout();
    Map<String, Object> config = KafkaClients.consumer(environment);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.consumerConfig = Map.copyOf(config);
  }

  /**
   * Whether {@code topic} holds a record with {@code ce_id} = {@code eventId} produced after {@code
   * startedAt} (less a margin for clock differences).
   *
   * @throws org.apache.kafka.common.KafkaException when Kafka cannot be read: the caller must not
   *     assume either answer
   */
  public boolean contains(String topic, String eventId, Instant startedAt) {
    byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      long since = startedAt.minus(CLOCK_MARGIN).toEpochMilli();
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, since));
      Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(query, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp start = from.get(p);
        consumer.seek(p, start == null ? end.get(p) : start.offset());
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new org.apache.kafka.common.errors.TimeoutException(
              "reading " + topic + " to its end took longer than " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Header h = r.headers().lastHeader(CloudEventHeaders.ID);
          if (h != null && java.util.Arrays.equals(h.value(), id)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
