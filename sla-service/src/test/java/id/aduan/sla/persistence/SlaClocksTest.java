package id.aduan.sla.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Against the in-JVM MongoDB-protocol server. */
class SlaClocksTest {

  private static final Instant STARTED = Instant.parse("2026-11-20T01:15:00Z");
  private static final Instant DEADLINE = Instant.parse("2026-11-27T08:00:00Z");
  private MongoClient client;
  private SlaClocks clocks;

  @BeforeEach
  void freshDatabase() {
    String uri = InJvmMongo.freshDatabaseUri("sla-clocks");
    client = MongoClients.create(uri);
    clocks = new SlaClocks(new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1)));
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static Outbox.Entry entry(String eventId) {
    return new Outbox.Entry(
        eventId,
        "sla.events.v1",
        "c-1",
        "id.aduan.sla.clock-started.v1",
        "BTN-2026-000001",
        "{}",
        null);
  }

  private static SlaClockDocument clock(String caseId, Outbox.Entry... outbox) {
    return new SlaClockDocument(
        caseId + "/completion",
        caseId,
        "BTN-2026-000001",
        "BTN",
        "completion",
        "default/completion",
        STARTED,
        DEADLINE,
        "5 working-days",
        false,
        "RUNNING",
        DEADLINE,
        0,
        List.of(),
        null,
        List.of(outbox),
        outbox.length > 0,
        null,
        0,
        false,
        null);
  }

  @Test
  void aStoredClockReadsBackAsWritten() {
    SlaClockDocument doc = clock("c-1", entry("e-1"));

    assertThat(clocks.insert(doc)).isTrue();

    assertThat(clocks.byId("c-1/completion")).contains(doc);
  }

  @Test
  void givenTheSameClockInsertedTwice_thenTheSecondReportsFalseAndTheFirstStays() {
    clocks.insert(clock("c-2", entry("e-2")));

    assertThat(clocks.insert(clock("c-2"))).isFalse();
    assertThat(clocks.byId("c-2/completion").orElseThrow().outbox())
        .extracting(Outbox.Entry::eventId)
        .containsExactly("e-2");
  }

  @Test
  void markPublishedRemovesThatEventAndClearsThePendingFlagOnlyWithTheLastOne() {
    clocks.insert(clock("c-3", entry("e-3a"), entry("e-3b")));

    clocks.markPublished("c-3/completion", "e-3a");

    SlaClockDocument halfway = clocks.byId("c-3/completion").orElseThrow();
    assertThat(halfway.outbox()).extracting(Outbox.Entry::eventId).containsExactly("e-3b");
    assertThat(halfway.outboxPending()).isTrue();
    assertThat(clocks.withPendingOutbox(10))
        .extracting(SlaClockDocument::id)
        .contains("c-3/completion");

    clocks.markPublished("c-3/completion", "e-3b");

    assertThat(clocks.byId("c-3/completion").orElseThrow().outboxPending()).isFalse();
    assertThat(clocks.withPendingOutbox(10)).isEmpty();
  }

  @Test
  void thePendingOutboxListsOnlyClocksWithEventsLeftUpToTheLimit() {
    clocks.insert(clock("c-4", entry("e-4")));
    clocks.insert(clock("c-5", entry("e-5")));
    clocks.insert(clock("c-6", entry("e-6")));
    clocks.insert(clock("c-7"));

    assertThat(clocks.withPendingOutbox(10))
        .extracting(SlaClockDocument::id)
        .containsExactlyInAnyOrder("c-4/completion", "c-5/completion", "c-6/completion");
    assertThat(clocks.withPendingOutbox(2)).hasSize(2);
  }
}
