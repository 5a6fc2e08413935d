package id.aduan.sla.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.contracts.SlaEvent;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sweep publishes what the consumer could not (Kafka down), against the in-JVM MongoDB-protocol
 * server. StreamBridge is a framework class, so a Mockito stand-in plays the broker.
 */
class SlaClocksSweepTest {

  private static final Instant STARTED = Instant.parse("2026-11-20T01:15:00Z");
  private static final Instant DEADLINE = Instant.parse("2026-11-27T08:00:00Z");
  private final AtomicBoolean brokerUp = new AtomicBoolean(false);
  private final List<String> sentEventIds = new CopyOnWriteArrayList<>();
  private MongoClient client;
  private SlaClocks clocks;
  private FiredLevels fired;
  private Outbox outbox;

  @BeforeEach
  void wire() {
    String uri = InJvmMongo.freshDatabaseUri("sla-sweep");
    client = MongoClients.create(uri);
    MongoTemplate mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    clocks = new SlaClocks(mongo);
    fired = new FiredLevels(mongo);
    StreamBridge bridge = mock(StreamBridge.class);
    when(bridge.send(anyString(), any()))
        .thenAnswer(
            call -> {
              if (!brokerUp.get()) {
                return false;
              }
              Message<?> message = call.getArgument(1);
              sentEventIds.add(new String((byte[]) message.getHeaders().get("ce_id")));
              return true;
            });
    CloudEvents cloudEvents = new CloudEvents(JsonMapper.builder().build(), "/aduan/sla-service");
    outbox =
        new Outbox(
            new EventPublisher(bridge, cloudEvents, new SimpleMeterRegistry()),
            cloudEvents,
            JsonMapper.builder().build());
  }

  @AfterEach
  void close() {
    client.close();
  }

  private SlaClockDocument pendingClock(String caseId) {
    SlaEvent.SlaClockStarted started =
        new SlaEvent.SlaClockStarted(
            "e-" + caseId,
            STARTED,
            caseId,
            "BTN-2026-000001",
            "BTN",
            "completion",
            "default/completion",
            STARTED,
            DEADLINE,
            true);
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
        List.of(outbox.entry("sla.events.v1", caseId, started, "BTN-2026-000001")),
        true,
        null,
        0,
        false,
        null);
  }

  @Test
  void givenKafkaWasDown_thenTheSweepPublishesTheLeftoversOnceItIsBackAndNotAgain() {
    clocks.insert(pendingClock("c-1"));
    clocks.insert(pendingClock("c-2"));

    assertThat(clocks.sweep(outbox, 100)).as("broker down").isZero();
    assertThat(clocks.withPendingOutbox(10)).hasSize(2);

    brokerUp.set(true);
    assertThat(clocks.sweep(outbox, 100)).isEqualTo(2);
    assertThat(clocks.sweep(outbox, 100)).as("nothing left").isZero();

    assertThat(sentEventIds).containsExactlyInAnyOrder("e-c-1", "e-c-2");
    assertThat(clocks.withPendingOutbox(10)).isEmpty();
    assertThat(clocks.byId("c-1/completion").orElseThrow().outbox()).isEmpty();
  }

  @Test
  void givenABreachClaimedButNotPublished_thenTheSweepPublishesItOnceAndASecondClaimLoses() {
    SlaEvent.SlaBreached breached =
        new SlaEvent.SlaBreached(
            "b-1", DEADLINE, "c-3", "BTN-2026-000003", "BTN", "completion", DEADLINE, "REHSOS");
    FiredLevels.Wanted claim =
        new FiredLevels.Wanted(
            "c-3/completion@1/breach",
            "c-3/completion",
            outbox.entry("sla.events.v1", "c-3", breached, "BTN-2026-000003"));

    assertThat(fired.claimAll(List.of(claim))).containsExactly(claim.claimId());
    // The instance crashed (or Kafka was down) before publishing; another one tries to claim.
    assertThat(fired.claimAll(List.of(claim))).isEmpty();
    assertThat(fired.sweep(outbox, 100)).as("broker down").isZero();

    brokerUp.set(true);
    assertThat(fired.sweep(outbox, 100)).isEqualTo(1);
    assertThat(fired.sweep(outbox, 100)).as("nothing left").isZero();
    assertThat(sentEventIds).containsExactly("b-1");
  }
}
