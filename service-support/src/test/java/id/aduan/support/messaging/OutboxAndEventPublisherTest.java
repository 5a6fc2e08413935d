package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.EventTypes;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.SlaEvent;
import id.aduan.support.pii.PiiCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EventPublisher} and {@link Outbox} without a broker. {@link StreamBridge} is a final
 * framework class that cannot be faked by hand, so a Mockito stand-in records what was sent and
 * answers as the broker would: acknowledged, refused, or failed for chosen topics.
 */
class OutboxAndEventPublisherTest {

  record Sent(String topic, Message<?> message) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Set<String> refusing = new HashSet<>();
  private final Set<String> throwing = new HashSet<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final CloudEvents cloudEvents =
      new CloudEvents(JsonMapper.builder().build(), "/aduan/test-service");
  private StreamBridge bridge;
  private EventPublisher publisher;
  private Outbox outbox;

  @BeforeEach
  void wire() {
    bridge = mock(StreamBridge.class);
    when(bridge.send(anyString(), any()))
        .thenAnswer(
            call -> {
              String topic = call.getArgument(0);
              if (throwing.contains(topic)) {
                throw new IllegalStateException("broker unreachable");
              }
              if (refusing.contains(topic)) {
                return false;
              }
              sent.add(new Sent(topic, call.getArgument(1)));
              return true;
            });
    publisher = new EventPublisher(bridge, cloudEvents, meters);
    outbox = new Outbox(publisher, cloudEvents, JsonMapper.builder().build());
  }

  private static String header(Message<?> message, String name) {
    return new String((byte[]) message.getHeaders().get(name), StandardCharsets.UTF_8);
  }

  private double counter(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  // --- EventPublisher --------------------------------------------------------------------------

  @Test
  void givenTheBrokerAcknowledges_thenTheRecordIsSentWithItsCloudEventsHeadersAndCounted() {
    publisher.publish("cases.events.v1", "c-1", Samples.opened("e-1"), "BDG-2026-000001");

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.topic()).isEqualTo("cases.events.v1");
              assertThat(header(s.message(), CloudEventHeaders.ID)).isEqualTo("e-1");
              assertThat(header(s.message(), CloudEventHeaders.TYPE))
                  .isEqualTo("id.aduan.case.opened.v1");
            });
    assertThat(counter("aduan.publish", "topic", "cases.events.v1", "outcome", "acked"))
        .isEqualTo(1);
  }

  @Test
  void givenTheBrokerRefuses_thenPublishFailsAndTheFailureIsCounted() {
    refusing.add("cases.events.v1");

    assertThatThrownBy(
            () -> publisher.publish("cases.events.v1", "c-1", Samples.opened("e-1"), null))
        .isInstanceOf(EventPublisher.PublishFailedException.class)
        .hasMessageContaining("cases.events.v1");
    assertThat(counter("aduan.publish", "topic", "cases.events.v1", "outcome", "failed"))
        .isEqualTo(1);
    assertThat(counter("aduan.publish", "topic", "cases.events.v1", "outcome", "acked")).isZero();
  }

  @Test
  void givenTheSendThrows_thenPublishFailsWithTheCause() {
    throwing.add("cases.events.v1");

    assertThatThrownBy(
            () -> publisher.publish("cases.events.v1", "c-1", Samples.opened("e-1"), null))
        .isInstanceOf(EventPublisher.PublishFailedException.class)
        .hasRootCauseMessage("broker unreachable");
  }

  @Test
  void aDeadLetterKeepsTheOriginalBytesAndHeadersAndAddsTheReason() {
    Message<byte[]> original =
        MessageBuilder.withPayload("garbage \u00e9".getBytes(StandardCharsets.UTF_8))
            .setHeader(
                CloudEventHeaders.TYPE, "id.aduan.case.opened.v1".getBytes(StandardCharsets.UTF_8))
            .build();

    publisher.deadLetter("cases.events.v1.dlq", original, "MALFORMED", "body is not JSON");

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.topic()).isEqualTo("cases.events.v1.dlq");
              assertThat((byte[]) s.message().getPayload()).isEqualTo(original.getPayload());
              assertThat(header(s.message(), CloudEventHeaders.TYPE))
                  .isEqualTo("id.aduan.case.opened.v1");
              assertThat(header(s.message(), CloudEventHeaders.DLQ_REASON))
                  .isEqualTo("MALFORMED: body is not JSON");
            });
    assertThat(counter("aduan.dead.letters", "topic", "cases.events.v1.dlq", "reason", "MALFORMED"))
        .isEqualTo(1);
  }

  @Test
  void aDeadLetterRecordIsPublishedAsADeadLetterEvent() {
    DeadLetter dead = Samples.deadLetter("e-dead");

    publisher.deadLetterRecord(
        "complaints.inbound.v1.dlq", "UNKNOWN_ACCOUNT", dead, "UNKNOWN_ACCOUNT");

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(header(s.message(), CloudEventHeaders.TYPE))
                  .isEqualTo("id.aduan.dead-letter.v1");
              assertThat(cloudEvents.read((byte[]) s.message().getPayload(), DeadLetter.class))
                  .isEqualTo(dead);
            });
    assertThat(counter("aduan.dead.letters", "reason", "UNKNOWN_ACCOUNT")).isEqualTo(1);
  }

  @Test
  void givenAReadableMessage_thenReadOrDeadLetterReturnsTheRecordAndSendsNothing() {
    Message<byte[]> message = cloudEvents.toMessage(Samples.opened("e-1"), "c-1", null);

    assertThat(publisher.readOrDeadLetter(message, "cases.events.v1", null))
        .contains(Samples.opened("e-1"));
    assertThat(sent).isEmpty();
  }

  @Test
  void givenAnUnreadableMessage_thenItIsDeadLetteredToTheSourceTopicsDlqWithTheReason() {
    Message<byte[]> garbage =
        MessageBuilder.withPayload("garbage".getBytes(StandardCharsets.UTF_8))
            .setHeader(
                CloudEventHeaders.TYPE, "id.aduan.case.opened.v1".getBytes(StandardCharsets.UTF_8))
            .build();

    assertThat(publisher.readOrDeadLetter(garbage, "cases.events.v1", null)).isEmpty();
    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.topic()).isEqualTo("cases.events.v1.dlq");
              assertThat(header(s.message(), CloudEventHeaders.DLQ_REASON))
                  .startsWith("MALFORMED: ");
            });
  }

  @Test
  void givenTheDeadLetterCannotBeSent_thenReadOrDeadLetterFailsSoTheInputIsNotAcknowledged() {
    Message<byte[]> unknown =
        MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
            .setHeader(
                CloudEventHeaders.TYPE, "id.aduan.case.opened.v9".getBytes(StandardCharsets.UTF_8))
            .build();
    refusing.add("cases.events.v1.dlq");

    assertThatThrownBy(() -> publisher.readOrDeadLetter(unknown, "cases.events.v1", null))
        .isInstanceOf(EventPublisher.PublishFailedException.class);
  }

  // --- Outbox ----------------------------------------------------------------------------------

  @Test
  void anEntryHoldsEverythingNeededToPublishTheRecordLater() {
    Outbox.Entry entry =
        outbox.entry("sla.events.v1", "c-1", Samples.clockStarted("e-sla"), "BDG-1");

    assertThat(entry.eventId()).isEqualTo("e-sla");
    assertThat(entry.topic()).isEqualTo("sla.events.v1");
    assertThat(entry.key()).isEqualTo("c-1");
    assertThat(entry.subject()).isEqualTo("BDG-1");
    assertThat(entry.type()).isEqualTo("id.aduan.sla.clock-started.v1");
    assertThat(
            cloudEvents.read(
                entry.json().getBytes(StandardCharsets.UTF_8), SlaEvent.SlaClockStarted.class))
        .isEqualTo(Samples.clockStarted("e-sla"));
  }

  private List<Outbox.Entry> aCaseEventAndAMessage() {
    return List.of(
        outbox.entry("cases.events.v1", "c-1", Samples.opened("e-1"), null),
        outbox.entry("outbound.whatsapp.v1", "628", Samples.outbound("e-2"), null));
  }

  @Test
  void publishingAWholeOutboxEmptiesItInOneWrite_orEntryByEntryWhenTheDocumentMoved() {
    List<Outbox.Entry> entries = aCaseEventAndAMessage();
    List<String> emptied = new ArrayList<>();
    List<String> marked = new ArrayList<>();

    outbox.publishAll(entries, () -> emptied.add("one write"), e -> marked.add(e.eventId()));
    outbox.publishAll(entries, () -> false, e -> marked.add(e.eventId()));

    assertThat(sent).hasSize(4);
    assertThat(emptied).containsExactly("one write");
    assertThat(marked).as("only where the single write was refused").containsExactly("e-1", "e-2");
  }

  @Test
  void aWholeOutboxThatFailsPartWayMarksWhatWasPublishedAndKeepsTheRest() {
    throwing.add("outbound.whatsapp.v1");
    List<Outbox.Entry> entries = aCaseEventAndAMessage();
    List<String> emptied = new ArrayList<>();
    List<String> marked = new ArrayList<>();

    assertThatThrownBy(
            () ->
                outbox.publishAll(
                    entries, () -> emptied.add("one write"), e -> marked.add(e.eventId())))
        .isInstanceOf(EventPublisher.PublishFailedException.class);
    assertThat(emptied).isEmpty();
    assertThat(marked).containsExactly("e-1");
  }

  @Test
  void publishingEntriesSendsEachInOrderWithItsOriginalEventIdAndMarksEach() {
    List<Outbox.Entry> entries =
        List.of(
            outbox.entry("cases.events.v1", "c-1", Samples.opened("e-1"), "BDG-2026-000001"),
            outbox.entry("outbound.whatsapp.v1", "628", Samples.outbound("e-2"), null));
    List<String> marked = new ArrayList<>();

    outbox.publish(entries, e -> marked.add(e.eventId()));

    assertThat(sent)
        .extracting(Sent::topic)
        .containsExactly("cases.events.v1", "outbound.whatsapp.v1");
    assertThat(sent)
        .extracting(s -> header(s.message(), CloudEventHeaders.ID))
        .containsExactly("e-1", "e-2");
    assertThat(header(sent.getFirst().message(), CloudEventHeaders.SUBJECT))
        .isEqualTo("BDG-2026-000001");
    assertThat(marked).containsExactly("e-1", "e-2");
  }

  @Test
  void givenKafkaRefusesAnEntry_thenItAndEverythingAfterItStayUnmarked() {
    List<Outbox.Entry> entries =
        List.of(
            outbox.entry("cases.events.v1", "c-1", Samples.opened("e-1"), null),
            outbox.entry("sla.events.v1", "c-1", Samples.clockStarted("e-2"), null),
            outbox.entry("cases.events.v1", "c-1", Samples.opened("e-3"), null));
    refusing.add("sla.events.v1");
    List<String> marked = new ArrayList<>();

    assertThatThrownBy(() -> outbox.publish(entries, e -> marked.add(e.eventId())))
        .isInstanceOf(EventPublisher.PublishFailedException.class);
    assertThat(marked).containsExactly("e-1");
    assertThat(sent)
        .extracting(s -> header(s.message(), CloudEventHeaders.ID))
        .containsExactly("e-1");
  }

  @Test
  void givenAnEntryOfAnUnknownType_thenNothingIsSentOrMarked() {
    Outbox.Entry unknown =
        new Outbox.Entry(
            "e-x", "cases.events.v1", "c-1", "id.aduan.case.vanished.v1", null, "{}", null);
    List<String> marked = new ArrayList<>();

    assertThatThrownBy(() -> outbox.publish(List.of(unknown), e -> marked.add(e.eventId())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("id.aduan.case.vanished.v1");
    assertThat(sent).isEmpty();
    assertThat(marked).isEmpty();
  }

  // --- Outbox entries as they go to Kafka (docs/adr/0060) ------------------------------------

  private static final List<String> CLOUD_EVENT_HEADERS =
      List.of(
          KafkaHeaders.KEY,
          CloudEventHeaders.ID,
          CloudEventHeaders.TYPE,
          CloudEventHeaders.SOURCE,
          CloudEventHeaders.TIME,
          CloudEventHeaders.SPEC_VERSION,
          CloudEventHeaders.CONTENT_TYPE,
          CloudEventHeaders.SUBJECT);

  /** What the outbox sent before ADR 0060: the record read back and written again. */
  private Message<byte[]> asTheRecordWouldGo(CloudEvents events, Outbox.Entry entry) {
    Class<?> type = EventTypes.classOf(entry.type()).orElseThrow();
    Object record = events.read(entry.json().getBytes(StandardCharsets.UTF_8), type);
    return events.toMessageWithKafkaKey(record, entry.key(), entry.subject());
  }

  @Test
  void anOutboxEntryGoesWithTheKeyHeadersAndBodyTheRecordItselfWouldGoWith() {
    List<Outbox.Entry> entries =
        List.of(
            outbox.entry("cases.events.v1", "c-1", Samples.opened("e-1"), "BDG-2026-000001"),
            outbox.entry("outbound.whatsapp.v1", "628", Samples.outbound("e-2"), null),
            outbox.entry("sla.events.v1", "c-1", Samples.clockStarted("e-3"), "BDG-1"));

    outbox.publish(entries, e -> {});

    assertThat(sent).hasSize(3);
    for (int i = 0; i < entries.size(); i++) {
      Message<?> actual = sent.get(i).message();
      Message<byte[]> expected = asTheRecordWouldGo(cloudEvents, entries.get(i));
      assertThat((byte[]) actual.getPayload()).isEqualTo(expected.getPayload());
      for (String name : CLOUD_EVENT_HEADERS) {
        assertThat(actual.getHeaders().get(name))
            .as(name)
            .isEqualTo(expected.getHeaders().get(name));
      }
    }
  }

  @Test
  void aSealedEntryGoesWithItsStoredBodyByteForByte_notSealedAgain() {
    JsonMapper json = JsonMapper.builder().build();
    CloudEvents sealed = sealing(json, "/aduan/test-service");
    Outbox sealedOutbox =
        new Outbox(new EventPublisher(bridge, sealed, meters), sealed, json, Traces.NONE);
    Outbox.Entry entry =
        sealedOutbox.entry("outbound.whatsapp.v1", "6281234567890", Samples.outbound("e-2"), null);

    sealedOutbox.publish(List.of(entry), e -> {});

    Message<?> actual = sent.getFirst().message();
    assertThat(new String((byte[]) actual.getPayload(), StandardCharsets.UTF_8))
        .isEqualTo(entry.json());
    assertThat(sealed.read((byte[]) actual.getPayload(), OutboundMessage.class))
        .isEqualTo(Samples.outbound("e-2"));
    Message<byte[]> expected = asTheRecordWouldGo(sealed, entry);
    for (String name : CLOUD_EVENT_HEADERS) {
      assertThat(actual.getHeaders().get(name)).as(name).isEqualTo(expected.getHeaders().get(name));
    }
  }

  @Test
  void anEntryWhoseOccurredAtIsNotIsoTextIsReadTheLongWayAndGoesWithTheSameHeaders() {
    Outbox.Entry stored = outbox.entry("cases.events.v1", "c-1", Samples.opened("e-1"), null);
    String epochSeconds =
        stored
            .json()
            .replace(
                "\"occurredAt\":\"" + Samples.AT + "\"",
                "\"occurredAt\":"
                    + Samples.AT.getEpochSecond()
                    + "."
                    + "%09d".formatted(Samples.AT.getNano()));
    assertThat(epochSeconds).isNotEqualTo(stored.json());
    Outbox.Entry entry =
        new Outbox.Entry(
            stored.eventId(),
            stored.topic(),
            stored.key(),
            stored.type(),
            stored.subject(),
            epochSeconds,
            null);

    outbox.publish(List.of(entry), e -> {});

    assertThat(header(sent.getFirst().message(), CloudEventHeaders.TIME))
        .isEqualTo(Samples.AT.toString());
    assertThat(
            cloudEvents.read(
                (byte[]) sent.getFirst().message().getPayload(), CaseEvent.CaseOpened.class))
        .isEqualTo(Samples.opened("e-1"));
  }

  /** CloudEvents of {@code source} that seal personal components with a fixed test key. */
  static CloudEvents sealing(JsonMapper json, String source) {
    byte[] key = new byte[32];
    byte[] lookup = new byte[32];
    Arrays.fill(key, (byte) 7);
    Arrays.fill(lookup, (byte) 8);
    return new CloudEvents(
        json, source, new PersonalFields(new PiiCipher("k1", Map.of("k1", key), lookup), json));
  }
}
