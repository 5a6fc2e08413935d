package id.aduan.notification;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.StoreCommands;
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification service in one application context on the in-JVM broker and MongoDB-protocol
 * server, with a clock the test moves, and what a test writes and reads around it. Records a test
 * writes go to partition 0 of their topic, so once a later record there was processed, every
 * earlier one was too.
 */
final class StreamFixture implements BeforeAllCallback, AfterAllCallback {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  final MutableClock clock;

  /** The service's MongoDB commands (issue 20: store round trips per complaint). */
  final StoreCommands commands = new StoreCommands();

  private final AduanService service;
  String brokers;
  TopicWriter writer;
  ConfigurableApplicationContext app;
  CloudEvents producer;
  CloudEvents reader;

  /** Register with {@code @RegisterExtension} on a static field. */
  StreamFixture(String database, Instant start) {
    this.clock = new MutableClock(start);
    this.service =
        AduanService.of(NotificationServiceApplication::builder, database)
            .initializer(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
            .initializer(commands.initializer())
            .property("aduan.notification.outbox-sweep-interval", "1h")
            .property("aduan.notification.release-interval", "1h")
            .property("aduan.notification.digest.check-interval", "1h");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    service.beforeAll(context);
    brokers = service.brokers();
    writer = service.writer();
    started();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    service.afterAll(context);
  }

  private void started() {
    app = service.context();
    producer = new CloudEvents(app.getBean(JsonMapper.class), "/aduan/case-service");
    reader = app.getBean(CloudEvents.class);
  }

  /** The same database and clock, a new application context. */
  void restart() {
    service.restart();
    started();
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
