package id.aduan.sla.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.ClockState;
import id.aduan.contracts.SlaEvent;
import id.aduan.sla.config.SlaProperties;
import id.aduan.sla.persistence.CalendarFile;
import id.aduan.sla.persistence.DueSlots;
import id.aduan.sla.persistence.DueSlotsAccess;
import id.aduan.sla.persistence.FiredLevels;
import id.aduan.sla.persistence.SlaClockDocument;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.sla.persistence.SlaClocksAccess;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scan on the MongoDB-protocol server with a clock the test moves. StreamBridge is a framework
 * class, so a Mockito stand-in plays the broker and records the event types it was given.
 */
class DeadlineScanTest {

  /** Mon 23 Nov 2026 08:00 WIB (Lebak); five working days end Mon 30 Nov 16:00 WIB. */
  private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

  private static final Instant DEADLINE = Instant.parse("2026-11-30T09:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final List<String> published = new CopyOnWriteArrayList<>();
  private final List<String> payloads = new CopyOnWriteArrayList<>();
  private final List<MongoClient> extraClients = new CopyOnWriteArrayList<>();
  private String uri;
  private MongoClient client;
  private SlaClocks clocks;
  private FiredLevels fired;
  private DueSlots slots;
  private ClockSchedules schedules;
  private Outbox outbox;
  private SlaProperties properties;

  @BeforeEach
  void wire() {
    uri = InJvmMongo.freshDatabaseUri("sla-scan");
    client = MongoClients.create(uri);
    MongoTemplate mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    properties = SlaProperties.defaults(new SlaProperties.Calendar(null, Duration.ofMinutes(1)));
    clocks = SlaClocksAccess.create(mongo);
    fired = SlaClocksAccess.fired(mongo);
    slots = DueSlotsAccess.create(mongo, properties);
    StreamBridge bridge = mock(StreamBridge.class);
    when(bridge.send(anyString(), any()))
        .thenAnswer(
            call -> {
              Message<?> message = call.getArgument(1);
              published.add(
                  new String((byte[]) message.getHeaders().get("ce_type"), StandardCharsets.UTF_8));
              payloads.add(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8));
              return true;
            });
    CloudEvents cloudEvents = new CloudEvents(JsonMapper.builder().build(), "/aduan/sla-service");
    outbox =
        new Outbox(
            new EventPublisher(bridge, cloudEvents, new SimpleMeterRegistry()),
            cloudEvents,
            JsonMapper.builder().build());
    schedules =
        new ClockSchedules(
            AgencyCatalog.load(Optional.empty()),
            new CalendarFile(properties),
            slots,
            properties,
            clock);
  }

  @AfterEach
  void close() {
    client.close();
    extraClients.forEach(MongoClient::close);
  }

  /** A second instance: its own connection, repositories and scan, on the same database. */
  private DeadlineScan anotherInstance() {
    MongoClient other = MongoClients.create(uri);
    extraClients.add(other);
    MongoTemplate mongo = new MongoTemplate(other, uri.substring(uri.lastIndexOf('/') + 1));
    DueSlots otherSlots = DueSlotsAccess.create(mongo, properties);
    return new DeadlineScan(
        otherSlots,
        SlaClocksAccess.create(mongo),
        SlaClocksAccess.fired(mongo),
        new ClockSchedules(
            AgencyCatalog.load(Optional.empty()),
            new CalendarFile(properties),
            otherSlots,
            properties,
            clock),
        outbox,
        new SimpleMeterRegistry(),
        clock);
  }

  private DeadlineScan scanner() {
    return new DeadlineScan(
        slots, clocks, fired, schedules, outbox, new SimpleMeterRegistry(), clock);
  }

  private void runningClock(String caseId) {
    runningClock(caseId, false);
  }

  private void runningClock(String caseId, boolean quiet) {
    runningClock(caseId, quiet, schedules);
  }

  private void runningClock(String caseId, boolean quiet, ClockSchedules filer) {
    SlaClockDocument doc =
        new SlaClockDocument(
            caseId + "/completion",
            caseId,
            "LBK-2026-000001",
            "LBK",
            "completion",
            "default/completion",
            START,
            DEADLINE,
            "5 working-days",
            false,
            ClockState.RUNNING.name(),
            DEADLINE,
            0,
            List.of(),
            null,
            List.of(),
            false,
            null,
            0,
            quiet,
            "LINJAMSOS");
    clocks.insert(doc);
    filer.file(doc);
  }

  @Test
  void eachLevelFiresOnceWhenItsMomentHasComeEvenWithTwoScannersRunning() {
    runningClock("c-1");
    DeadlineScan first = scanner();
    DeadlineScan second = scanner();

    now.set(Instant.parse("2026-11-26T01:00:01Z")); // Thu 08:00 WIB: 24 of 48 office hours used
    first.scan();
    second.scan();
    assertThat(published).containsExactly("id.aduan.sla.warning.v1");

    now.set(DEADLINE.plusSeconds(1));
    second.scan();
    first.scan();
    assertThat(published)
        .containsExactly(
            "id.aduan.sla.warning.v1",
            "id.aduan.sla.warning.v1",
            "id.aduan.sla.breached.v1",
            "id.aduan.sla.escalated.v1");

    now.set(DEADLINE.plus(Duration.ofDays(1)).plusSeconds(1));
    first.scan();
    second.scan();
    now.set(DEADLINE.plus(Duration.ofDays(3)));
    first.scan();
    assertThat(published).hasSize(5).endsWith("id.aduan.sla.escalated.v1");
    assertThat(clocks.byId("c-1/completion").orElseThrow().fired())
        .containsExactlyInAnyOrder(
            "warning:0.5", "warning:0.8", "breach", "escalation:1", "escalation:2");
  }

  @Test
  void aPausedClockFiresNothingItsOldScheduleHeld() {
    runningClock("c-2");
    clocks.pause(
        "c-2/completion",
        Instant.parse("2026-11-24T02:00:00Z"),
        outbox.entry(
            "sla.events.v1",
            "c-2",
            new SlaEvent.SlaClockPaused(
                "p-1", START, "c-2", "LBK-2026-000001", "LBK", "completion", START),
            null));

    now.set(DEADLINE.plus(Duration.ofDays(2)));
    DeadlineScan.Result result = scanner().scan();

    assertThat(result.fired()).isZero();
    assertThat(result.stale()).isEqualTo(5);
    assertThat(published).isEmpty();
  }

  @Test
  void aScanReadsOnlyTheBucketsThatCameDueNotEveryOpenClock() {
    for (int i = 0; i < 50; i++) {
      runningClock("c-many-" + i);
    }

    now.set(START.plusSeconds(30));
    DeadlineScan.Result early = scanner().scan();

    assertThat(early.read()).as("nothing of 250 filed moments is due yet").isZero();
    now.set(Instant.parse("2026-11-26T01:00:01Z"));
    DeadlineScan.Result warning = scanner().scan();
    assertThat(warning.fired()).isEqualTo(50);
    assertThat(warning.read()).isEqualTo(50);
  }

  @Test
  void twoInstancesScanningAtTheSameTimeFireEachLevelOfEachClockExactlyOnce() throws Exception {
    for (int i = 0; i < 60; i++) {
      runningClock("c-race-" + i);
    }
    DeadlineScan first = scanner();
    DeadlineScan second = anotherInstance();
    now.set(DEADLINE.plusSeconds(1)); // both warnings, the breach and the first escalation due

    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var barrier = new java.util.concurrent.CyclicBarrier(2);
      var a =
          pool.submit(
              () -> {
                barrier.await();
                return first.scan();
              });
      var b =
          pool.submit(
              () -> {
                barrier.await();
                return second.scan();
              });
      assertThat(a.get().fired() + b.get().fired()).isEqualTo(60 * 4);
    }
    first.scan();
    second.scan();

    assertThat(published).hasSize(60 * 4);
    assertThat(payloads)
        .extracting(DeadlineScanTest::caseAndLevel)
        .doesNotHaveDuplicates()
        .hasSize(60 * 4);
  }

  @Test
  void warningsAndBreachesCarryTheDivisionAndEscalationGoesToTheAgencysOwnRoles() {
    runningClock("c-div");

    now.set(DEADLINE.plusSeconds(1));
    scanner().scan();

    assertThat(payloads)
        .filteredOn(p -> !p.contains("\"level\""))
        .hasSize(3)
        .allSatisfy(p -> assertThat(p).contains("\"division\":\"LINJAMSOS\""));
    // Lebak's file: escalation [SECRETARY, HEAD], the secretary at the breach.
    assertThat(payloads)
        .filteredOn(p -> p.contains("\"level\""))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("\"role\":\"SECRETARY\""));
  }

  @Test
  void aQuietClockAnnouncesOnlyItsMoment() {
    runningClock("c-quiet", true);

    now.set(DEADLINE.plus(Duration.ofDays(3)));
    scanner().scan();

    assertThat(published).containsExactly("id.aduan.sla.breached.v1");
  }

  @Test
  void aMomentFiledByAnInstanceWhoseClockLagsIsNotLostInABucketTheScanFinished() {
    runningClock("c-first");
    DeadlineScan scan = scanner();
    // The start of a bucket (10 s), a day after the deadline: the scan finishes every bucket
    // before it.
    long bucketStart = Math.floorDiv(DEADLINE.plus(Duration.ofDays(1)).getEpochSecond(), 10) * 10;
    now.set(Instant.ofEpochSecond(bucketStart));
    scan.scan();
    published.clear();
    payloads.clear();
    // Another instance, its clock one second behind, files a backdated letter's clock: every moment
    // is past, so it goes to what that instance takes for the current bucket, which the scan has
    // finished already.
    ClockSchedules lagging =
        new ClockSchedules(
            AgencyCatalog.load(Optional.empty()),
            new CalendarFile(properties),
            slots,
            properties,
            Clock.offset(clock, Duration.ofSeconds(-1)));
    runningClock("c-backdated", false, lagging);

    now.set(Instant.ofEpochSecond(bucketStart + 1));
    scan.scan();
    now.set(Instant.ofEpochSecond(bucketStart + 11));
    scan.scan();

    assertThat(payloads)
        .extracting(DeadlineScanTest::caseAndLevel)
        .containsExactlyInAnyOrder(
            "c-backdated/w50",
            "c-backdated/w80",
            "c-backdated/breach",
            "c-backdated/esc",
            "c-backdated/esc");
  }

  private static String caseAndLevel(String payload) {
    String kind =
        payload.contains("\"fraction\":0.5")
            ? "w50"
            : payload.contains("\"fraction\":0.8")
                ? "w80"
                : payload.contains("\"level\"") ? "esc" : "breach";
    int at = payload.indexOf("\"caseId\":\"") + 10;
    return payload.substring(at, payload.indexOf('"', at)) + "/" + kind;
  }
}
