package id.aduan.whatsapp.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.CloudEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import tools.jackson.databind.json.JsonMapper;

/** The webhook's producer, on Kafka's own MockProducer. */
class InboundPublisherTest {

  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();
  private final CloudEvents cloudEvents = new CloudEvents(json, "/aduan/channel-whatsapp");

  @Test
  void everyRecordCarriesTheSameHeadersAsTheFirstWhichTheBindersMapperWrote() {
    MockProducer<byte[], byte[]> producer = producer(true);
    InboundPublisher publisher = publisher(producer);
    ComplaintReceived first = complaint();
    ComplaintReceived second = complaint();

    publisher.publish(Topics.COMPLAINTS_INBOUND, "BDG:6281", first, "BDG").join();
    publisher.publish(Topics.COMPLAINTS_INBOUND, "BDG:6282", second, "BDG").join();

    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    Map<String, String> a = headers(sent.get(0));
    Map<String, String> b = headers(sent.get(1));
    assertThat(b.keySet()).isEqualTo(a.keySet());
    assertThat(a).containsEntry("ce_id", first.eventId()).containsEntry("ce_subject", "BDG");
    assertThat(b)
        .containsEntry("ce_id", second.eventId())
        .containsEntry("ce_time", second.occurredAt().toString());
    a.keySet().stream()
        .filter(k -> !k.equals("ce_id") && !k.equals("ce_time"))
        .forEach(k -> assertThat(b.get(k)).as(k).isEqualTo(a.get(k)));
    assertThat(a).containsKeys("ce_type", "ce_source", "ce_specversion");
    assertThat(new String(sent.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("BDG:6282");
    assertThat(cloudEvents.read(sent.get(1).value(), ComplaintReceived.class)).isEqualTo(second);
  }

  @Test
  void aRecordKafkaRefusesFailsTheFutureAsNotAcknowledged() {
    MockProducer<byte[], byte[]> producer = producer(false);
    InboundPublisher publisher = publisher(producer);

    CompletableFuture<Void> sent =
        publisher.publish(Topics.COMPLAINTS_INBOUND, "BDG:6281", complaint(), "BDG");
    producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));

    assertThat(sent)
        .failsWithin(java.time.Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(InboundPublisher.NotAcknowledgedException.class);
  }

  private InboundPublisher publisher(MockProducer<byte[], byte[]> producer) {
    return new InboundPublisher(
        producer, cloudEvents, json, new SimpleKafkaHeaderMapper(), new SimpleMeterRegistry());
  }

  private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Map<String, String> headers(ProducerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }

  private static ComplaintReceived complaint() {
    return new ComplaintReceived(
        UUID.randomUUID().toString(),
        Instant.parse("2026-11-25T01:00:00Z"),
        "BDG",
        Channel.WHATSAPP,
        "100000000000001",
        "wamid." + UUID.randomUUID(),
        new ComplaintReceived.Sender("6281", "Warga", false, false),
        "text",
        null,
        "Jalan berlubang",
        List.of(),
        null,
        null,
        List.of(),
        Instant.parse("2026-11-25T01:00:00Z"),
        Map.of(),
        null);
  }
}
