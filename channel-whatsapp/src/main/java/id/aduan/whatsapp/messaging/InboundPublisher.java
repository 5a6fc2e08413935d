package id.aduan.whatsapp.messaging;

import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.Traces;
import id.aduan.whatsapp.config.WhatsAppProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook's own Kafka producer: publishes a contract record without holding the request thread,
 * and completes when the broker acknowledged it ({@code acks=all}, idempotent). The webhook answers
 * 200 from that completion, so nothing is acknowledged to the provider before Kafka has it. Records
 * look exactly as the binder writes them (same CloudEvents headers, mapped by the binder's own
 * header mapper), so consumers cannot tell the two apart. Concurrent webhooks share batches ({@code
 * aduan.whatsapp.publish-linger}); see docs/adr/0014.
 */
public class InboundPublisher implements DisposableBean {

  private final Producer<byte[], byte[]> producer;
  private final CloudEvents cloudEvents;
  private final MeterRegistry meters;
  private final KafkaHeaderMapper headerMapper;
  private final Map<String, Counter> acked = new ConcurrentHashMap<>();
  private final Map<String, Counter> failed = new ConcurrentHashMap<>();
  private final JsonMapper json;
  private final Traces traces;

  /** The headers every ComplaintReceived has alike, as the binder's mapper wrote the first one. */
  private volatile @Nullable List<Header> complaintHeaders;

  public InboundPublisher(
      Producer<byte[], byte[]> producer,
      CloudEvents cloudEvents,
      JsonMapper json,
      KafkaHeaderMapper headerMapper,
      MeterRegistry meters) {
    this(producer, cloudEvents, json, headerMapper, meters, Traces.NONE);
  }

  /**
   * @param traces writes the webhook's trace context into each record's headers ({@code
   *     traceparent}), as the binder's observed producers do (docs/adr/0033)
   */
  public InboundPublisher(
      Producer<byte[], byte[]> producer,
      CloudEvents cloudEvents,
      JsonMapper json,
      KafkaHeaderMapper headerMapper,
      MeterRegistry meters,
      Traces traces) {
    this.headerMapper = headerMapper;
    this.producer = producer;
    this.cloudEvents = cloudEvents;
    this.json = json;
    this.meters = meters;
    this.traces = traces;
  }

  /** A producer for these brokers alone (no security settings), as tests of this class use. */
  public static Producer<byte[], byte[]> producer(String brokers, WhatsAppProperties properties) {
    return producer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), properties);
  }

  /**
   * The producer the service uses: the client settings every Kafka client of the service has (the
   * binder's brokers and security settings, {@link id.aduan.support.messaging.KafkaClients}), then
   * {@code acks=all}, idempotent, and this producer's own batching and timeouts.
   */
  public static Producer<byte[], byte[]> producer(
      Map<String, Object> client, WhatsAppProperties properties) {
    long timeout = properties.publishTimeout().toMillis();
    long linger = properties.publishLinger().toMillis();
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // Webhook bodies are small and the ack path is CPU-bound on two cores: no compression.
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout, linger + 1000));
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeout - linger, 500));
    // send() blocks only while a topic's metadata is unknown (Kafka down since the start); it runs
    // on a shared thread (the dedup reader), so it must not wait long.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout, 1000L));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "channel-whatsapp-webhooks");
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Sends a record; the future completes once Kafka acknowledged it, or fails with {@link
   * NotAcknowledgedException}.
   */
  public CompletableFuture<Void> publish(
      String topic, String key, Object record, @Nullable String subject) {
    return send(prepare(topic, key, record, subject));
  }

  /** The Kafka record, built on the caller's thread (serialization is the costly part). */
  public ProducerRecord<byte[], byte[]> prepare(
      String topic, String key, Object record, @Nullable String subject) {
    List<Header> fixed = complaintHeaders;
    if (fixed != null && record instanceof ComplaintReceived complaint) {
      // Every webhook: the same record as below, without building a Spring message, mapping its
      // headers again or reading the record's components reflectively.
      ProducerRecord<byte[], byte[]> kafkaRecord =
          new ProducerRecord<>(topic, utf8(cloudEvents.key(key)), cloudEvents.body(complaint));
      fixed.forEach(kafkaRecord.headers()::add);
      kafkaRecord.headers().add(CloudEventHeaders.ID, utf8(complaint.eventId()));
      kafkaRecord.headers().add(CloudEventHeaders.TIME, utf8(complaint.occurredAt().toString()));
      if (subject != null) {
        kafkaRecord.headers().add(CloudEventHeaders.SUBJECT, utf8(subject));
      }
      return traced(kafkaRecord);
    }
    ProducerRecord<byte[], byte[]> kafkaRecord = map(topic, key, record, subject);
    if (record instanceof ComplaintReceived) {
      List<Header> alike = new ArrayList<>();
      for (Header h : kafkaRecord.headers()) {
        if (!PER_RECORD.contains(h.key())) {
          alike.add(h);
        }
      }
      complaintHeaders = List.copyOf(alike);
    }
    return traced(kafkaRecord);
  }

  /** The caller's trace context (the webhook's request), per record, never among the fixed ones. */
  private ProducerRecord<byte[], byte[]> traced(ProducerRecord<byte[], byte[]> kafkaRecord) {
    traces.inject((name, value) -> kafkaRecord.headers().add(name, utf8(value)));
    return kafkaRecord;
  }

  private static final Set<String> PER_RECORD =
      Set.of(CloudEventHeaders.ID, CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A record exactly as the binder writes it: CloudEvents headers mapped by its own mapper. */
  private ProducerRecord<byte[], byte[]> map(
      String topic, String key, Object record, @Nullable String subject) {
    Message<byte[]> message = cloudEvents.toMessage(record, key, subject);
    Map<String, Object> headers = new HashMap<>(message.getHeaders());
    headers.remove(KafkaHeaders.KEY);
    headers.remove(MessageHeaders.ID);
    headers.remove(MessageHeaders.TIMESTAMP);
    ProducerRecord<byte[], byte[]> kafkaRecord =
        new ProducerRecord<>(
            topic, (byte[]) message.getHeaders().get(KafkaHeaders.KEY), message.getPayload());
    headerMapper.fromHeaders(new MessageHeaders(headers), kafkaRecord.headers());
    return kafkaRecord;
  }

  /** Sends a prepared record; completes once Kafka acknowledged it. */
  public CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> kafkaRecord) {
    String topic = kafkaRecord.topic();
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      producer.send(
          kafkaRecord,
          (metadata, error) -> {
            if (error == null) {
              counter(acked, topic, "acked").increment();
              done.complete(null);
            } else {
              counter(failed, topic, "failed").increment();
              done.completeExceptionally(new NotAcknowledgedException(topic, error));
            }
          });
    } catch (RuntimeException e) {
      // Metadata not available within max.block.ms, a closed producer, a record too large.
      counter(failed, topic, "failed").increment();
      done.completeExceptionally(new NotAcknowledgedException(topic, e));
    }
    return done;
  }

  private Counter counter(Map<String, Counter> cache, String topic, String outcome) {
    return cache.computeIfAbsent(
        topic, t -> meters.counter("aduan.publish", "topic", t, "outcome", outcome));
  }

  @Override
  public void destroy() {
    producer.close();
  }

  /** Kafka did not acknowledge a record: the webhook answers 503 and the provider retries. */
  public static final class NotAcknowledgedException extends RuntimeException {
    public NotAcknowledgedException(String topic, @Nullable Throwable cause) {
      super("Kafka did not acknowledge a message for " + topic, cause);
    }
  }
}
