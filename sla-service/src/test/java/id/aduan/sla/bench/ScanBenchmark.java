package id.aduan.sla.bench;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.ClockState;
import id.aduan.sla.config.SlaProperties;
import id.aduan.sla.persistence.CalendarFile;
import id.aduan.sla.persistence.DueSlots;
import id.aduan.sla.persistence.DueSlotsAccess;
import id.aduan.sla.persistence.SlaClockDocument;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.sla.persistence.SlaClocksAccess;
import id.aduan.sla.scheduling.ClockSchedules;
import id.aduan.sla.scheduling.DeadlineScan;
import id.aduan.sla.scheduling.SchedulingAccess;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.Outbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long one deadline scan takes with 10^4, 10^5 and 10^6 open clocks when the same number of
 * them comes due (docs/benchmarks.md). Runs on the in-JVM MongoDB wire-protocol server (memory
 * backend), as the tests and the local platform do; the broker is replaced by a stand-in that
 * acknowledges at once, so what is measured is the scan and its writes.
 *
 * <p>Each open clock has its document and five filed due moments in future buckets; {@code due}
 * further clocks have their breach in the current bucket. Arguments: {@code [due=1000]
 * [sizes=10000,100000,1000000]}.
 */
public final class ScanBenchmark {

  private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

  /** Clocks coming due in one bucket at a steady rate (10^6 clocks of days: a few per second). */
  private static final int SMALL = 25;

  public static void main(String[] args) {
    int due = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String sizes = args.length > 1 ? args[1] : "10000,100000,1000000";
    System.out.printf(
        "machine: %d cores, max heap %d MB, %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    // A first, small run lets the JIT compile the paths, so the first measured size is not
    // charged for it.
    System.out.println("warm-up (not a result):");
    run(2_000, due);
    for (String size : sizes.split(",")) {
      run(Integer.parseInt(size.strip()), due);
    }
  }

  private static void run(int open, int due) {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    InetSocketAddress address = server.getLocalAddress();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
      MongoTemplate mongo = new MongoTemplate(client, "bench");
      SlaProperties properties =
          SlaProperties.defaults(new SlaProperties.Calendar(null, Duration.ofMinutes(1)));
      java.util.concurrent.atomic.AtomicReference<Instant> now =
          new java.util.concurrent.atomic.AtomicReference<>(NOW);
      Clock clock =
          new Clock() {
            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now.get();
            }
          };
      SlaClocks clocks = SlaClocksAccess.create(mongo);
      DueSlots slots = DueSlotsAccess.create(mongo, properties);
      long filling = System.nanoTime();
      fill(
          mongo.getCollection("sla_clocks"),
          mongo.getCollection("sla_due"),
          mongo.getCollection("sla_due_buckets"),
          slots,
          open);
      double fillSeconds = (System.nanoTime() - filling) / 1e9;

      ClockSchedules schedules =
          SchedulingAccess.schedules(
              AgencyCatalog.load(Optional.empty()),
              new CalendarFile(properties),
              slots,
              properties,
              clock);
      for (int i = 0; i < due; i++) {
        SlaClockDocument doc = clock("due-" + i, NOW.minus(Duration.ofDays(7)), NOW);
        clocks.insert(doc);
        schedules.file(doc);
      }
      StreamBridge bridge = mock(StreamBridge.class);
      when(bridge.send(anyString(), any())).thenReturn(true);
      CloudEvents cloudEvents = new CloudEvents(JsonMapper.builder().build(), "/aduan/bench");
      Outbox outbox =
          new Outbox(
              new EventPublisher(bridge, cloudEvents, new SimpleMeterRegistry()),
              cloudEvents,
              JsonMapper.builder().build());
      DeadlineScan scan =
          SchedulingAccess.scan(
              slots,
              clocks,
              SlaClocksAccess.fired(mongo),
              schedules,
              outbox,
              new SimpleMeterRegistry(),
              clock);

      System.gc();
      long cpu = cpuNanos();
      long started = System.nanoTime();
      DeadlineScan.Result result = scan.scan();
      double firing = (System.nanoTime() - started) / 1e6;
      double firingCpu = (cpuNanos() - cpu) / 1e6;
      cpu = cpuNanos();
      started = System.nanoTime();
      DeadlineScan.Result idle = scan.scan();
      double quiet = (System.nanoTime() - started) / 1e6;
      double quietCpu = (cpuNanos() - cpu) / 1e6;

      // A steady rate: the next bucket, with only SMALL clocks due in it (their four moments each).
      now.set(NOW.plus(properties.scan().bucket()));
      for (int i = 0; i < SMALL; i++) {
        SlaClockDocument doc = clock("next-" + i, now.get().minus(Duration.ofDays(7)), now.get());
        clocks.insert(doc);
        schedules.file(doc);
      }
      cpu = cpuNanos();
      started = System.nanoTime();
      DeadlineScan.Result steady = scan.scan();
      double steadyMs = (System.nanoTime() - started) / 1e6;
      double steadyCpu = (cpuNanos() - cpu) / 1e6;
      System.out.printf(
          "  then %d clocks due in the next bucket: scan %,6.1f ms (CPU %,6.1f ms), fired %d%n",
          SMALL, steadyMs, steadyCpu, steady.fired());
      System.out.printf(
          "open clocks %,9d (filled in %.0f s) | scan with %d due: %,8.0f ms (CPU %,8.0f ms),"
              + " read %d, fired %d | next scan, nothing new due: %,6.1f ms (CPU %,6.1f ms),"
              + " fired %d%n",
          open,
          fillSeconds,
          due,
          firing,
          firingCpu,
          result.read(),
          result.fired(),
          quiet,
          quietCpu,
          idle.fired());
    } finally {
      server.shutdownNow();
    }
  }

  /**
   * CPU time of the whole process: the scan and the stand-in serving it run in this JVM, so this is
   * what one scan costs, less disturbed than wall time by other builds on the machine.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Open clocks far from due: their documents and five due moments each, in future buckets. */
  private static void fill(
      MongoCollection<Document> clocks,
      MongoCollection<Document> entries,
      MongoCollection<Document> buckets,
      DueSlots slots,
      int n) {
    List<Document> clockBatch = new ArrayList<>();
    List<Document> entryBatch = new ArrayList<>();
    // Far beyond anything the due clocks file, so the two never share a bucket.
    long firstBucket = slots.bucketOf(NOW.plus(Duration.ofDays(30)));
    int spread = Math.min(n, 50_000);
    for (int i = 0; i < n; i++) {
      String id = "open-" + i + "/completion";
      clockBatch.add(
          new Document("_id", id)
              .append("caseId", "open-" + i)
              .append("state", ClockState.RUNNING.name())
              .append("scheduleVersion", 0)
              .append("fired", List.of()));
      long bucket = firstBucket + (i % spread);
      for (int level = 0; level < 5; level++) {
        entryBatch.add(
            new Document("_id", bucket + "/" + (i / spread * 5 + level))
                .append("clockId", id)
                .append("version", 0)
                .append("level", "breach"));
      }
      if (clockBatch.size() == 5_000) {
        clocks.insertMany(clockBatch);
        entries.insertMany(entryBatch);
        clockBatch.clear();
        entryBatch.clear();
      }
    }
    if (!clockBatch.isEmpty()) {
      clocks.insertMany(clockBatch);
      entries.insertMany(entryBatch);
    }
    List<Document> counters = new ArrayList<>();
    for (int j = 0; j < spread; j++) {
      long clocksHere = (n - 1 - j) / spread + 1;
      counters.add(
          new Document("_id", String.valueOf(firstBucket + j)).append("count", 5 * clocksHere));
    }
    buckets.insertMany(counters);
  }

  private static SlaClockDocument clock(String caseId, Instant started, Instant deadline) {
    return new SlaClockDocument(
        caseId + "/completion",
        caseId,
        "LBK-2026-000001",
        "LBK",
        "completion",
        "default/completion",
        started,
        deadline,
        "5 working-days",
        false,
        ClockState.RUNNING.name(),
        deadline,
        0,
        List.of(),
        null,
        List.of(),
        false,
        null,
        0,
        false,
        null);
  }

  private ScanBenchmark() {}
}
