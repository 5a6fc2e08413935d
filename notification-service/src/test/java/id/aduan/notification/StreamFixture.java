package id.aduan.notification;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.messaging.CloudEvents;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import id.aduan.testsupport.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification service in one application context on the in-JVM broker and MongoDB-protocol
 * server, with a clock the test moves, and what a test writes and reads around it. Records a test
 * writes go to partition 0 of their topic, so once a later record there was processed, every
 * earlier one was too.
 */
final class StreamFixture implements AutoCloseable {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  final String brokers;
  final String mongoUri;
  final MutableClock clock;
  final TopicWriter writer;
  ConfigurableApplicationContext app;
  CloudEvents producer;
  CloudEvents reader;

  StreamFixture(String brokers, String database, Instant start) {
    this.brokers = brokers;
    this.mongoUri = InJvmMongo.freshDatabaseUri(database);
    this.clock = new MutableClock(start);
    this.writer = new TopicWriter(brokers);
    start();
  }

  void start() {
    app =
        NotificationServiceApplication.builder()
            .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
            .run(
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.mongodb.uri=" + mongoUri,
                "--aduan.notification.outbox-sweep-interval=1h",
                "--aduan.notification.release-interval=1h",
                "--aduan.notification.digest.check-interval=1h",
                "--server.port=0");
    producer = new CloudEvents(app.getBean(JsonMapper.class), "/aduan/case-service");
    reader = app.getBean(CloudEvents.class);
  }

  void restart() {
    app.close();
    start();
  }

  @Override
  public void close() {
    writer.close();
    if (app != null) {
      app.close();
    }
  }

  <T> T bean(Class<T> type) {
    return app.getBean(type);
  }

  void send(String topic, Object event, String key, @Nullable String subject) {
    Message<byte[]> message = producer.toMessage(event, key, subject);
    writer.send(topic, 0, key, message.getPayload(), message.getHeaders());
  }

  void send(CaseEvent event) {
    send(Topics.CASES_EVENTS, event, event.caseId(), event.ticket());
  }

  List<OutboundMessage> outbound(String topic, Predicate<OutboundMessage> which) {
    try (TopicProbe probe = new TopicProbe(brokers, topic)) {
      return probe.readToEnd(PATIENCE).stream()
          .map(r -> reader.read(r.value(), OutboundMessage.class))
          .filter(which)
          .toList();
    }
  }

  List<OutboundMessage> forCase(String topic, String caseId) {
    return outbound(topic, m -> caseId.equals(m.caseId()));
  }

  OutboundMessage await(String topic, Predicate<OutboundMessage> which) {
    return org.awaitility.Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> outbound(topic, which), l -> !l.isEmpty())
        .getFirst();
  }

  /** Sends a case for another citizen and waits for its acknowledgement: all before is done. */
  void barrier() {
    CaseEvent.CaseOpened marker = opened("BDG", whatsapp("100000000000001", citizen()), "id");
    send(marker);
    await(Topics.OUTBOUND_WHATSAPP, m -> marker.caseId().equals(m.caseId()));
  }

  List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String containing) {
    try (TopicProbe probe = new TopicProbe(brokers, Topics.dlq(topic))) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(containing))
          .toList();
    }
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  static String citizen() {
    return "628"
        + String.format(
            "%09d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L));
  }

  static ReplyAddress whatsapp(String numberId, String citizen) {
    return new ReplyAddress(Channel.WHATSAPP, numberId, citizen);
  }

  static String ticketOf(String agency, String caseId) {
    return agency + "-2026-" + String.format("%06d", Math.floorMod(caseId.hashCode(), 1_000_000));
  }

  CaseEvent.CaseOpened opened(String agency, @Nullable ReplyAddress to, String language) {
    String caseId = "c-" + UUID.randomUUID();
    return new CaseEvent.CaseOpened(
        UUID.randomUUID().toString(),
        clock.instant(),
        caseId,
        ticketOf(agency, caseId),
        agency,
        CaseStatus.RECEIVED,
        to == null ? Channel.FRONT_DESK : to.channel(),
        to == null ? "WALK_IN" : "ONLINE",
        CaseType.COMPLAINT,
        null,
        clock.instant(),
        to,
        "wamid." + caseId,
        language);
  }

  static String id() {
    return UUID.randomUUID().toString();
  }
}
