package id.aduan.support.messaging;

import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes contract records and returns only after Kafka acknowledged them ({@code acks=all}): the
 * binder's producers are configured with {@code sync: true}, so a failed send throws here and the
 * caller does not acknowledge its own input.
 */
public final class EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  private final StreamBridge bridge;
  private final CloudEvents cloudEvents;
  private final MeterRegistry meters;

  public EventPublisher(StreamBridge bridge, CloudEvents cloudEvents, MeterRegistry meters) {
    this.bridge = bridge;
    this.cloudEvents = cloudEvents;
    this.meters = meters;
  }

  /**
   * @param topic the destination (see {@link id.aduan.contracts.Topics})
   * @param key the partition key that keeps order where it matters
   * @throws PublishFailedException when Kafka did not acknowledge
   */
  public void publish(String topic, String key, Object record, @Nullable String subject) {
    send(topic, cloudEvents.toMessage(record, key, subject));
  }

  /**
   * Reads a consumed message as the record its {@code ce_type} names (or as {@code fallback} when
   * it has none). One that cannot be read is dead-lettered to {@code <sourceTopic>.dlq} with the
   * reason, and the result is empty: the consumer moves on instead of retrying what no retry fixes.
   */
  public Optional<Object> readOrDeadLetter(
      Message<byte[]> message, String sourceTopic, @Nullable Class<?> fallback) {
    try {
      return Optional.of(cloudEvents.read(message, fallback));
    } catch (UnreadableMessageException e) {
      deadLetter(Topics.dlq(sourceTopic), message, e.reason(), String.valueOf(e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * Like {@link #readOrDeadLetter}, for a consumer that takes one record type only: a readable
   * record of another type is dead-lettered as {@code WRONG_TYPE}, and the result is empty.
   */
  public <T> Optional<T> readAsOrDeadLetter(
      Message<byte[]> message, String sourceTopic, Class<T> type) {
    Object read = readOrDeadLetter(message, sourceTopic, type).orElse(null);
    if (read == null) {
      return Optional.empty();
    }
    if (!type.isInstance(read)) {
      deadLetter(
          Topics.dlq(sourceTopic),
          message,
          "WRONG_TYPE",
          read.getClass().getSimpleName() + " is not a " + type.getSimpleName());
      return Optional.empty();
    }
    return Optional.of(type.cast(read));
  }

  /**
   * Sends an input that cannot be processed to {@code <topic>.dlq}, with the reason in a header.
   */
  public void deadLetter(String dlqTopic, Message<byte[]> original, String reason, String detail) {
    // The input may hold personal data anywhere (and the detail may quote it): with personal data
    // sealed, the copy is the whole payload encrypted and the detail too (docs/adr/0026).
    Optional<PersonalFields> personal = cloudEvents.personal();
    byte[] payload = personal.map(p -> p.seal(original.getPayload())).orElse(original.getPayload());
    String why = personal.map(p -> p.sealText(detail)).orElse(detail);
    MessageBuilder<byte[]> builder =
        MessageBuilder.withPayload(payload)
            .copyHeadersIfAbsent(original.getHeaders())
            .setHeader(
                CloudEventHeaders.DLQ_REASON,
                (reason + ": " + why).getBytes(StandardCharsets.UTF_8));
    if (personal.isPresent()) {
      builder.setHeader(PersonalFields.SEALED_HEADER, "payload".getBytes(StandardCharsets.UTF_8));
    }
    send(dlqTopic, builder.build());
    // The detail stays in the dead letter: a parser's message may quote the citizen's text.
    log.warn("dead-lettered a message to {}: {}", dlqTopic, reason);
    meters.counter("aduan.dead.letters", "topic", dlqTopic, "reason", reason).increment();
  }

  /**
   * Dead-letters a record the adapter built itself (e.g. a {@link id.aduan.contracts.DeadLetter}).
   */
  public void deadLetterRecord(String dlqTopic, String key, Object record, String reason) {
    publish(dlqTopic, key, record, null);
    meters.counter("aduan.dead.letters", "topic", dlqTopic, "reason", reason).increment();
  }

  /**
   * Sends a message as it is (an outbox entry's, see {@link CloudEvents#toMessage(Outbox.Entry,
   * Class)}).
   */
  void send(String topic, Message<byte[]> message) {
    boolean sent;
    try {
      sent = bridge.send(topic, message);
    } catch (RuntimeException e) {
      meters.counter("aduan.publish", "topic", topic, "outcome", "failed").increment();
      throw new PublishFailedException(topic, e);
    }
    if (!sent) {
      meters.counter("aduan.publish", "topic", topic, "outcome", "failed").increment();
      throw new PublishFailedException(topic, null);
    }
    meters.counter("aduan.publish", "topic", topic, "outcome", "acked").increment();
  }

  /** Kafka did not acknowledge a message: the caller must not acknowledge its own input. */
  public static final class PublishFailedException extends RuntimeException {
    PublishFailedException(String topic, @Nullable Throwable cause) {
      super("Kafka did not acknowledge a message for " + topic, cause);
    }
  }
}
