package id.aduan.notification.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.notification.domain.Part;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Against the in-JVM MongoDB-protocol server. */
class NotificationsTest {

  private static final Instant DECIDED = Instant.parse("2026-11-20T01:15:05Z");
  private MongoClient client;
  private Notifications notifications;

  @BeforeEach
  void freshDatabase() {
    String uri = InJvmMongo.freshDatabaseUri("notifications");
    client = MongoClients.create(uri);
    notifications =
        new Notifications(new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1)));
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static Outbox.Entry entry(String eventId) {
    return new Outbox.Entry(
        eventId,
        "outbound.whatsapp.v1",
        "6281234567890",
        "id.aduan.outbound.message.v1",
        "BDG-2026-000001",
        "{}",
        null);
  }

  private static NotificationDocument decision(String id, Outbox.Entry... outbox) {
    return new NotificationDocument(
        id,
        "evt-opened-1",
        "c-1",
        "ACKNOWLEDGEMENT",
        "out-1",
        DECIDED,
        List.of(outbox),
        outbox.length > 0,
        NotificationDocument.SENT,
        "BDG",
        "BDG-2026-000001",
        "CITIZEN",
        TO,
        TO_KEY,
        "id",
        null,
        List.of(),
        0,
        null,
        List.of("WHATSAPP"));
  }

  private static final String TO_KEY = "WHATSAPP:100000000000001:recipient:0123";

  private static final ReplyAddress TO =
      new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281234567890");

  private static Part part(String id) {
    return new Part(id, "STATUS", "inProgress", Map.of("ticket", "BDG-1"), true, null);
  }

  private static NotificationDocument held(String id, Instant sendAt) {
    return new NotificationDocument(
        id,
        "evt",
        "c-1",
        "STATUS",
        null,
        DECIDED,
        List.of(),
        false,
        NotificationDocument.HELD,
        "BDG",
        "BDG-1",
        "CITIZEN",
        TO,
        TO_KEY,
        "id",
        sendAt,
        List.of(part(id)),
        1,
        null,
        List.of("WHATSAPP"));
  }

  @Test
  void aPartJoinsAHeldMessageOnceAndNotAfterItWasReleased() {
    notifications.insert(held("h-1", DECIDED.plusSeconds(60)));

    assertThat(notifications.heldFor(TO_KEY, "c-1"))
        .get()
        .extracting(NotificationDocument::id)
        .isEqualTo("h-1");
    assertThat(notifications.addPart("h-1", part("p-2"))).isTrue();
    assertThat(notifications.addPart("h-1", part("p-2"))).as("redelivered").isFalse();
    NotificationDocument two = notifications.byId("h-1").orElseThrow();
    assertThat(two.parts()).extracting(Part::sourceId).containsExactly("h-1", "p-2");
    assertThat(two.partCount()).isEqualTo(2);

    assertThat(notifications.release(held("h-1", DECIDED), "out-h", entry("out-h")))
        .as("stale part count")
        .isFalse();
    assertThat(notifications.release(two, "out-h", entry("out-h"))).isTrue();
    assertThat(notifications.release(two, "out-h", entry("out-h"))).as("released once").isFalse();
    assertThat(notifications.addPart("h-1", part("p-3"))).isFalse();
    assertThat(notifications.heldFor(TO_KEY, "c-1")).isEmpty();
  }

  /** The sweep publishes an entry in the trace of the work that wrote it (docs/adr/0033). */
  @Test
  void anOutboxEntryKeepsTheTraceContextItWasWrittenIn() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    Outbox.Entry traced =
        new Outbox.Entry(
            "e-traced",
            "outbound.whatsapp.v1",
            "6281234567890",
            "id.aduan.outbound.message.v1",
            "BDG-2026-000001",
            "{}",
            traceparent);
    notifications.insert(decision("d-traced", traced, entry("e-untraced")));

    assertThat(notifications.byId("d-traced").orElseThrow().outbox())
        .extracting(Outbox.Entry::traceparent)
        .containsExactly(traceparent, null);
  }

  @Test
  void onlyHeldMessagesWhoseTimeHasComeAreDue() {
    notifications.insert(held("due", DECIDED.minusSeconds(1)));
    notifications.insert(held("later", DECIDED.plusSeconds(3600)));

    assertThat(notifications.due(DECIDED, 10))
        .extracting(NotificationDocument::id)
        .containsExactly("due");
  }

  @Test
  void aStoredDecisionReadsBackAsWritten() {
    NotificationDocument doc = decision("evt-1/WHATSAPP:6281234567890", entry("out-1"));

    assertThat(notifications.insert(doc)).isTrue();

    assertThat(notifications.byId("evt-1/WHATSAPP:6281234567890")).contains(doc);
  }

  @Test
  void givenTheSameDecisionStoredTwice_thenTheSecondReportsFalse() {
    notifications.insert(decision("evt-2/WHATSAPP:628", entry("out-2")));

    assertThat(notifications.insert(decision("evt-2/WHATSAPP:628", entry("out-other")))).isFalse();
    assertThat(notifications.byId("evt-2/WHATSAPP:628").orElseThrow().outbox())
        .extracting(Outbox.Entry::eventId)
        .containsExactly("out-2");
  }

  @Test
  void givenUnknownId_thenEmpty() {
    assertThat(notifications.byId("nothing")).isEmpty();
  }

  @Test
  void markPublishedRemovesTheEventAndClearsThePendingFlag() {
    notifications.insert(decision("evt-3/WHATSAPP:628", entry("out-3")));

    notifications.markPublished("evt-3/WHATSAPP:628", "out-3");

    NotificationDocument done = notifications.byId("evt-3/WHATSAPP:628").orElseThrow();
    assertThat(done.outbox()).isEmpty();
    assertThat(done.outboxPending()).isFalse();
  }

  @Test
  void givenTwoPendingEvents_thenMarkingOnePublishedLeavesTheDecisionPending() {
    notifications.insert(decision("evt-4/WHATSAPP:628", entry("out-4a"), entry("out-4b")));

    notifications.markPublished("evt-4/WHATSAPP:628", "out-4a");

    NotificationDocument halfway = notifications.byId("evt-4/WHATSAPP:628").orElseThrow();
    assertThat(halfway.outbox()).extracting(Outbox.Entry::eventId).containsExactly("out-4b");
    assertThat(halfway.outboxPending()).as("an event is still waiting").isTrue();
  }
}
