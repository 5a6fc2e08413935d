package id.aduan.sla.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.contracts.SlaEvent;
import id.aduan.sla.scheduling.SchedulingAccess;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sweep publishes what the consumer could not (Kafka down), against the in-JVM MongoDB-protocol
 * server, and the scheduled sweep does not race the writer of an entry (it publishes an entry only
 * once it has seen it pending for the grace, so an event its writer publishes meanwhile goes out
 * once; it used to go out a second time with the same id). StreamBridge is a framework class, so a
 * Mockito stand-in plays the broker; the JDK's Clock one the time.
 */
class SlaClocksSweepTest {

  private static final Instant STARTED = Instant.parse("2026-11-20T01:15:00Z");
  private static final Instant DEADLINE = Instant.parse("2026-11-27T08:00:00Z");
  private static final Duration GRACE = Duration.ofSeconds(5);
  private final AtomicBoolean brokerUp = new AtomicBoolean(false);
  private final AtomicReference<Instant> now = new AtomicReference<>(STARTED);
  private final List<String> sentEventIds = new CopyOnWriteArrayList<>();
  private MongoClient client;
  private SlaClocks clocks;
  private FiredLevels fired;
  private Outbox outbox;
  private Runnable scheduledSweep;

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
    Clock clock = mock(Clock.class);
    when(clock.instant()).thenAnswer(call -> now.get());
    scheduledSweep = SchedulingAccess.outboxSweep(clocks, fired, outbox, clock, GRACE);
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
    FiredLevels.Wanted claim = breachClaim("c-3");

    assertThat(fired.claimAll(List.of(claim))).containsExactly(claim.claimId());
    // The instance crashed (or Kafka was down) before publishing; another one tries to claim.
    assertThat(fired.claimAll(List.of(claim))).isEmpty();
    assertThat(fired.sweep(outbox, 100)).as("broker down").isZero();

    brokerUp.set(true);
    assertThat(fired.sweep(outbox, 100)).isEqualTo(1);
    assertThat(fired.sweep(outbox, 100)).as("nothing left").isZero();
    assertThat(sentEventIds).containsExactly("b-c-3");
  }

  @Test
  void anEventItsWriterPublishesWhileTheScheduledSweepSeesItPendingGoesOutOnce() {
    brokerUp.set(true);
    SlaClockDocument written = pendingClock("c-4");
    clocks.insert(written);
    FiredLevels.Wanted claim = breachClaim("c-4");
    fired.claimAll(List.of(claim));

    // The sweep reads both entries between their writes and their writers' publication ...
    scheduledSweep.run();
    // ... which then publish and remove them.
    outbox.publish(written.outbox(), e -> clocks.markPublished(written.id(), e.eventId()));
    outbox.publish(List.of(claim.event()), e -> {});
    fired.publishedAll(List.of(claim.claimId()));
    now.set(STARTED.plus(GRACE).plusSeconds(1));
    scheduledSweep.run();

    assertThat(sentEventIds).containsExactly("e-c-4", "b-c-4");
  }

  @Test
  void whatACrashLeftTheScheduledSweepPublishesOnceTheGraceHasPassedAndOnlyOnce() {
    brokerUp.set(true);
    clocks.insert(pendingClock("c-5"));
    fired.claimAll(List.of(breachClaim("c-5")));

    scheduledSweep.run();
    assertThat(sentEventIds).as("within the grace: the writer may still publish").isEmpty();
    now.set(STARTED.plus(GRACE));
    scheduledSweep.run();
    now.set(STARTED.plus(GRACE).plusSeconds(1));
    scheduledSweep.run();

    assertThat(sentEventIds).containsExactlyInAnyOrder("e-c-5", "b-c-5");
    assertThat(clocks.withPendingOutbox(10)).isEmpty();
  }

  private FiredLevels.Wanted breachClaim(String caseId) {
    SlaEvent.SlaBreached breached =
        new SlaEvent.SlaBreached(
            "b-" + caseId,
            DEADLINE,
            caseId,
            "BTN-2026-000001",
            "BTN",
            "completion",
            DEADLINE,
            "REHSOS");
    return new FiredLevels.Wanted(
        caseId + "/completion@1/breach",
        caseId + "/completion",
        outbox.entry("sla.events.v1", caseId, breached, "BTN-2026-000001"));
  }
}
