package id.aduan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.messaging.CloudEvents;
import id.aduan.notification.persistence.Notifications;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import id.aduan.testsupport.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service's {@code acknowledgeCitizen} on the in-JVM KRaft broker and MongoDB-protocol
 * server, in one application context. Records a test writes go to partition 0, so once a later
 * record there was processed, every earlier one was too.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationServiceStreamTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");
  private static final String CITIZEN = "6281234567890";

  private ConfigurableApplicationContext app;
  private TopicWriter writer;
  private CloudEvents cases;
  private CloudEvents reader;
  private String brokers;

  @BeforeAll
  void start() {
    brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    app =
        NotificationServiceApplication.builder()
            .run(
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("notification-stream"),
                "--aduan.notification.outbox-sweep-interval=1h",
                "--server.port=0");
    cases = new CloudEvents(app.getBean(JsonMapper.class), "/aduan/case-service");
    reader = app.getBean(CloudEvents.class);
    writer = new TopicWriter(brokers);
  }

  @AfterAll
  void stop() {
    if (writer != null) {
      writer.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void givenCaseOpenedOnWhatsApp_thenOneAcknowledgementWithTheTicketOnTheWhatsAppTopic() {
    CaseEvent.CaseOpened opened = opened(whatsapp());

    send(opened);

    ConsumerRecord<String, byte[]> record =
        awaitOutbound(Topics.OUTBOUND_WHATSAPP, opened.caseId());
    OutboundMessage ack = reader.read(record.value(), OutboundMessage.class);
    assertThat(record.key()).isEqualTo(CITIZEN);
    assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("id.aduan.outbound.message.v1");
    assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(opened.ticket());
    assertThat(ack.to()).isEqualTo(whatsapp());
    assertThat(ack.text()).contains("nomor tiket " + opened.ticket());
    assertThat(ack.replyToProviderMessageId()).isEqualTo(opened.sourceMessageId());
    Notifications notifications = app.getBean(Notifications.class);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(notifications.byId(opened.eventId() + "/WHATSAPP:" + CITIZEN))
                    .get()
                    .satisfies(
                        n -> {
                          assertThat(n.outboundEventId()).isEqualTo(ack.eventId());
                          assertThat(n.outboxPending()).isFalse();
                        }));
  }

  @Test
  void givenTheSameCaseOpenedRedelivered_thenTheCitizenIsAcknowledgedOnce() {
    CaseEvent.CaseOpened opened = opened(whatsapp());
    CaseEvent.CaseOpened next = opened(whatsapp());

    send(opened);
    send(opened);
    send(next);

    awaitOutbound(Topics.OUTBOUND_WHATSAPP, next.caseId());
    assertThat(outboundFor(Topics.OUTBOUND_WHATSAPP, opened.caseId())).hasSize(1);
  }

  @Test
  void givenCaseOpenedByEmail_thenTheAcknowledgementGoesToTheEmailTopic() {
    ReplyAddress mailbox =
        new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", "warga@example.test");
    CaseEvent.CaseOpened opened = opened(mailbox);

    send(opened);

    OutboundMessage ack =
        reader.read(
            awaitOutbound(Topics.OUTBOUND_EMAIL, opened.caseId()).value(), OutboundMessage.class);
    assertThat(ack.to()).isEqualTo(mailbox);
    assertThat(outboundFor(Topics.OUTBOUND_WHATSAPP, opened.caseId())).isEmpty();
  }

  @Test
  void givenCaseWithNoChannelToAnswerOn_thenNothingIsSent() {
    CaseEvent.CaseOpened walkIn = opened(null);
    CaseEvent.CaseOpened frontDesk =
        opened(new ReplyAddress(Channel.FRONT_DESK, "walk-in", "visitor-1"));
    CaseEvent.CaseOpened next = opened(whatsapp());

    send(walkIn);
    send(frontDesk);
    send(next);

    awaitOutbound(Topics.OUTBOUND_WHATSAPP, next.caseId());
    for (String topic : Topics.MAIN.stream().filter(t -> t.startsWith("outbound.")).toList()) {
      assertThat(outboundFor(topic, walkIn.caseId())).as(topic).isEmpty();
      assertThat(outboundFor(topic, frontDesk.caseId())).as(topic).isEmpty();
    }
  }

  @Test
  void givenGarbageBody_thenDeadLetteredAsMalformedAndTheNextCaseIsStillAcknowledged() {
    String garbage = "garbage-" + UUID.randomUUID();
    CaseEvent.CaseOpened next = opened(whatsapp());

    writer.send(
        Topics.CASES_EVENTS,
        0,
        "c-garbage",
        garbage.getBytes(StandardCharsets.UTF_8),
        Map.of(CloudEventHeaders.TYPE, "id.aduan.case.opened.v1"));
    send(next);

    awaitOutbound(Topics.OUTBOUND_WHATSAPP, next.caseId());
    assertThat(deadLettersContaining(garbage))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("MALFORMED");
              assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(garbage);
            });
  }

  @Test
  void givenUnknownCeType_thenDeadLetteredAsUnknownTypeAndNothingSent() {
    CaseEvent.CaseOpened odd = opened(whatsapp());
    Message<byte[]> message = cases.toMessage(odd, odd.caseId(), odd.ticket());
    Map<String, Object> headers = new HashMap<>(message.getHeaders());
    headers.put(CloudEventHeaders.TYPE, "id.aduan.case.opened.v9");
    CaseEvent.CaseOpened next = opened(whatsapp());

    writer.send(Topics.CASES_EVENTS, 0, odd.caseId(), message.getPayload(), headers);
    send(next);

    awaitOutbound(Topics.OUTBOUND_WHATSAPP, next.caseId());
    assertThat(outboundFor(Topics.OUTBOUND_WHATSAPP, odd.caseId())).isEmpty();
    assertThat(deadLettersContaining(odd.caseId()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_TYPE"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static ReplyAddress whatsapp() {
    return new ReplyAddress(Channel.WHATSAPP, "100000000000001", CITIZEN);
  }

  private static CaseEvent.CaseOpened opened(@Nullable ReplyAddress replyAddress) {
    String caseId = "c-" + UUID.randomUUID();
    return new CaseEvent.CaseOpened(
        UUID.randomUUID().toString(),
        RECEIVED.plusSeconds(2),
        caseId,
        "BDG-2026-" + String.format("%06d", Math.abs(caseId.hashCode() % 1_000_000)),
        "BDG",
        CaseStatus.RECEIVED,
        replyAddress == null ? Channel.FRONT_DESK : replyAddress.channel(),
        replyAddress == null ? "WALK_IN" : "ONLINE",
        CaseType.COMPLAINT,
        null,
        RECEIVED,
        replyAddress,
        "wamid." + caseId,
        "id");
  }

  private void send(CaseEvent event) {
    Message<byte[]> message = cases.toMessage(event, event.caseId(), event.ticket());
    writer.send(Topics.CASES_EVENTS, 0, event.caseId(), message.getPayload(), message.getHeaders());
  }

  private ConsumerRecord<String, byte[]> awaitOutbound(String topic, String caseId) {
    return await()
        .atMost(PATIENCE)
        .until(() -> outboundFor(topic, caseId), records -> !records.isEmpty())
        .getFirst();
  }

  private List<ConsumerRecord<String, byte[]>> outboundFor(String topic, String caseId) {
    try (TopicProbe probe = new TopicProbe(brokers, topic)) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> caseId.equals(reader.read(r.value(), OutboundMessage.class).caseId()))
          .toList();
    }
  }

  private List<ConsumerRecord<String, byte[]>> deadLettersContaining(String text) {
    try (TopicProbe probe = new TopicProbe(brokers, Topics.dlq(Topics.CASES_EVENTS))) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(text))
          .toList();
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
