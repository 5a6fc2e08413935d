package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.platform.PipelineFollower.Progress;
import id.aduan.platform.WebhookFire.Fired;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The end-to-end benchmark of issue 20 on the started local platform ({@code
 * e2e-tests/benchmark.sh}, only with {@code -Dbenchmark.run=true}; never part of {@code ./mvnw
 * verify}). On a platform of its own (free ports, fresh home, the packaged jars):
 *
 * <ol>
 *   <li>real complaints (signed webhooks, {@code benchmark.templates}, default 100) become the
 *       templates of {@link StoreSeeder}, which copies them until the store holds each size of
 *       {@code benchmark.sizes} (default 1000,10000) cases;
 *   <li>at each size, alternating Aduan and the {@link RawBaseline} on the same broker and store:
 *       signed webhooks from new citizens for {@code benchmark.seconds} (10) at the maximum ({@code
 *       benchmark.concurrency} senders, 32); then, once Aduan's backlog of that burst is worked off
 *       (at most {@code benchmark.drain} seconds, 300), Aduan alone at half the rate it sustained
 *       in it; then both at {@code benchmark.rate} (50) per second; each complaint followed ({@link
 *       PipelineFollower}) to its case, its SLA clock and its acknowledgement for up to {@code
 *       benchmark.follow} seconds (120) after the burst;
 *   <li>per burst: CPU of every component from {@code /proc/<pid>/stat}, store commands per
 *       database from the store's {@code serverStatus} ({@code aduanCommands}), and with {@code
 *       -Dbenchmark.jfr=true} a JFR recording of every component during Aduan's maximum burst
 *       ({@code jcmd JFR.start}/{@code JFR.dump}) summarised by {@code jfr view hot-methods}.
 * </ol>
 *
 * <p>It prints the figures and, with {@code -Dbenchmark.report=<docs/benchmarks.md>}, writes them
 * between the markers of its section there. {@code -Dbenchmark.env.NAME=value} passes a variable to
 * {@code ./aduan}. Its one assertion is that complaints became cases at all; the figures are
 * measured, never asserted.
 */
@Tag("platform")
@EnabledIfSystemProperty(
    named = "benchmark.run",
    matches = "true",
    disabledReason = "the end-to-end benchmark runs from e2e-tests/benchmark.sh")
class PipelineBenchmarkPlatformTest {

  private static final List<Integer> SIZES =
      Arrays.stream(System.getProperty("benchmark.sizes", "1000,10000").split(","))
          .map(String::trim)
          .map(Integer::parseInt)
          .toList();
  private static final Duration BURST =
      Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 10));
  private static final double RATE = Double.parseDouble(System.getProperty("benchmark.rate", "50"));
  private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 32);
  private static final Duration FOLLOW =
      Duration.ofSeconds(Integer.getInteger("benchmark.follow", 120));
  private static final int TEMPLATES = Integer.getInteger("benchmark.templates", 100);

  /**
   * After the maximum bursts, how long the benchmark waits at most for the backlog of Aduan's
   * maximum burst to be worked off before the burst at half the sustained rate (seconds).
   */
  private static final Duration DRAIN =
      Duration.ofSeconds(Integer.getInteger("benchmark.drain", 300));

  private static final boolean JFR = Boolean.getBoolean("benchmark.jfr");

  /**
   * Seeding writes the store's file with the services and the store stopped ({@link StoreFile}, ADR
   * 0056); {@code -Dbenchmark.seed=wire} copies over the wire into the running store as before.
   */
  private static final boolean OFFLINE =
      !"wire".equals(System.getProperty("benchmark.seed", "offline"));

  /**
   * Complaints that warm the restarted services up after an offline seeding (followed, untimed).
   */
  private static final int WARMUP = Integer.getInteger("benchmark.warmup", 30);

  private static final List<String> PROFILED =
      List.of(
          "mongo",
          "kafka",
          "case-service",
          "channel-whatsapp",
          "sla-service",
          "notification-service");
  private static final String REPORT = System.getProperty("benchmark.report", "");
  private static final String BEGIN =
      "<!-- e2e-benchmark:begin (written by PipelineBenchmarkPlatformTest) -->";
  private static final String END = "<!-- e2e-benchmark:end -->";

  /** One burst's figures. */
  record Row(
      int size,
      String system,
      String load,
      int sent,
      int acknowledged,
      double seconds,
      Stage webhook,
      Stage cased,
      Stage clocked,
      Stage ackSent,
      int complete,
      double completePerSecond,
      Map<String, Double> cpuMillisPerComplaint,
      Map<String, Double> storeOpsPerComplaint,
      String officerCheck) {}

  /** A stage: how many reached it, p50 and p99 in ms (of those that did). */
  record Stage(int reached, long p50, long p99) {
    static Stage of(List<Long> millis) {
      if (millis.isEmpty()) {
        return new Stage(0, -1, -1);
      }
      long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Stage(
          sorted.length,
          sorted[(int) Math.ceil(0.50 * sorted.length) - 1],
          sorted[(int) Math.ceil(0.99 * sorted.length) - 1]);
    }

    String cell() {
      return reached == 0 ? "0" : "%d: %s / %s".formatted(reached, ms(p50), ms(p99));
    }
  }

  /** The load label of the burst at half the rate Aduan sustained in its maximum burst. */
  private static final String HALF = "half the sustained rate";

  private final List<Row> rows = new ArrayList<>();
  private List<Fired> lastMaximum = List.of();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> profiles = new LinkedHashMap<>();
  private LocalPlatform platform;
  private final Outside outside = new Outside();

  @Test
  void endToEndAgainstTheRawBaseline() throws Exception {
    String machine = machine();
    String loadBefore = loadAverage();
    // ./aduan's own LAPOR! poll (the harness's 2 s is for tests waiting on a report).
    platform = LocalPlatform.create().with("ADUAN_LAPOR_POLLINTERVAL", "30s");
    System.getProperties().stringPropertyNames().stream()
        .filter(n -> n.startsWith("benchmark.env."))
        .forEach(n -> platform.with(n.substring("benchmark.env.".length()), System.getProperty(n)));
    String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36), 36);
    boolean failed = true;
    long t0 = System.nanoTime();
    platform.start();
    notes.add(
        "platform started in %.0f s (`./aduan start`, jars packaged)"
            .formatted((System.nanoTime() - t0) / 1e9));
    try (MongoClient mongo =
            MongoClients.create("mongodb://127.0.0.1:" + platform.mongoPort() + "/admin");
        PipelineFollower follower = new PipelineFollower(platform)) {
      WebhookFire fire = new WebhookFire(run);
      String webhook = platform.whatsapp() + "/webhooks/whatsapp";

      // Real complaints: the JIT warms up, and they are the seeder's templates.
      Map<String, Long> before = StoreSeeder.sizes(mongo);
      List<Fired> warm = fire.fixedRate(webhook, 10, Duration.ofMillis(TEMPLATES * 100L));
      awaitAduan(follower, warm);
      Thread.sleep(10_000);
      int templates =
          (int) warm.stream().filter(f -> follower.progress(f.wamid()).caseAt > 0).count();
      assertThat(templates).as("complaints that became cases on the started platform").isPositive();
      StoreSeeder seeder = new StoreSeeder(mongo, before, templates);
      String counted = casesCollection(seeder);
      notes.add(
          "templates: %d real complaints; copied per round: %s"
              .formatted(
                  templates,
                  seeder.templates().stream()
                      .map(
                          t ->
                              t.database()
                                  + "."
                                  + t.collection()
                                  + " ("
                                  + t.documents().size()
                                  + ")")
                      .toList()));
      try (RawBaseline raw =
          new RawBaseline(platform.kafkaBootstrap(), 3, mongo, seeder.templates())) {
        for (int size : SIZES) {
          long s0 = System.nanoTime();
          if (OFFLINE) {
            notes.add(seedOffline(seeder, counted, size, fire, follower));
          } else {
            long written = seeder.fill(counted, size);
            notes.add(
                "seeded to %d cases in `%s` over the wire: %d documents in %.0f s"
                    .formatted(size, counted, written, (System.nanoTime() - s0) / 1e9));
          }
          Thread.sleep(5_000);
          rows.add(aduan(size, "maximum (" + CONCURRENCY + " senders)", fire, follower, mongo, 0));
          rows.add(raw(size, "maximum (" + CONCURRENCY + " senders)", fire, raw, mongo));
          // The target's "half the sustained rate while the pipeline runs": the rate Aduan
          // sustained in its maximum burst, halved, once that burst's backlog is worked off (a
          // burst behind a backlog measures the backlog, not the rate).
          notes.add(drain(size, follower));
          double half = Math.max(0.5, find(size, "Aduan", true).completePerSecond() / 2);
          rows.add(aduan(size, HALF + " (%.1f/s)".formatted(half), fire, follower, mongo, half));
          rows.add(aduan(size, "%.0f/s".formatted(RATE), fire, follower, mongo, RATE));
          rows.add(raw(size, "%.0f/s".formatted(RATE), fire, raw, mongo));
          System.out.println(table());
          if (!REPORT.isBlank()) {
            write(Path.of(REPORT), document(machine, loadBefore, loadAverage()));
          }
        }
      }
      failed = false;
    } finally {
      String document = document(machine, loadBefore, loadAverage());
      System.out.println(document);
      if (!REPORT.isBlank()) {
        write(Path.of(REPORT), document);
      }
      platform.close(failed);
    }
  }

  // --- offline seeding ------------------------------------------------------------------------

  /**
   * Stops the services and the store (SIGTERM: each finishes what it writes, Kafka keeps what they
   * have not consumed yet), writes the copies into the store's file ({@link StoreFile}), starts
   * what is missing again ({@code ./aduan start}) and warms the restarted services up with {@code
   * benchmark.warmup} complaints, followed to their acknowledgements. Returns the report's note.
   */
  private String seedOffline(
      StoreSeeder seeder, String counted, int size, WebhookFire fire, PipelineFollower follower)
      throws Exception {
    long t0 = System.nanoTime();
    List<ProcessHandle> stopping = new ArrayList<>();
    for (String component : LocalPlatform.SERVICES) {
      platform.pid(component).flatMap(ProcessHandle::of).ifPresent(stopping::add);
    }
    stopping.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : stopping) {
      p.onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
    }
    platform.terminate("mongo");
    long t1 = System.nanoTime();
    boolean oplog =
        "true".equals(platform.environment().getOrDefault("ADUAN_MONGO_OPLOG", "false"));
    long written;
    try (StoreFile file = new StoreFile(platform.home().resolve("mongo").resolve("aduan"), oplog)) {
      written = seeder.fill(file, counted, size);
    }
    long t2 = System.nanoTime();
    platform.start();
    long t3 = System.nanoTime();
    List<Fired> warm =
        fire.fixedRate(
            platform.whatsapp() + "/webhooks/whatsapp", 10, Duration.ofMillis(WARMUP * 100L));
    awaitAduan(follower, warm);
    long t4 = System.nanoTime();
    return ("seeded to %d cases in `%s` offline: %d documents written into the store's file in"
            + " %.0f s (oplog %s); services and store stopped in %.0f s, started again in %.0f s,"
            + " %d warm-up complaints followed in %.0f s")
        .formatted(
            size,
            counted,
            written,
            (t2 - t1) / 1e9,
            oplog ? "on" : "off",
            (t1 - t0) / 1e9,
            (t3 - t2) / 1e9,
            warm.size(),
            (t4 - t3) / 1e9);
  }

  // --- one burst --------------------------------------------------------------------------------

  private Row aduan(
      int size,
      String load,
      WebhookFire fire,
      PipelineFollower follower,
      MongoClient mongo,
      double rate)
      throws Exception {
    boolean max = rate <= 0;
    Map<String, Long> cpu0 = cpu();
    Map<String, Long> ops0 = storeCommands(mongo);
    Path jfrDir = platform.home().resolve("jfr");
    if (JFR && max) {
      Files.createDirectories(jfrDir);
      components().forEach((name, pid) -> jcmd(pid, "JFR.start", "name=bench", "settings=profile"));
    }
    String url = platform.whatsapp() + "/webhooks/whatsapp";
    List<Fired> fired =
        max ? fire.maximum(url, CONCURRENCY, BURST) : fire.fixedRate(url, rate, BURST);
    if (max) {
      lastMaximum = fired;
    }
    awaitAduan(follower, fired);
    Map<String, Long> cpu1 = cpu();
    Map<String, Long> ops1 = storeCommands(mongo);
    if (JFR && max) {
      components()
          .forEach(
              (name, pid) -> {
                Path file = jfrDir.resolve(name + "-" + size + ".jfr");
                jcmd(pid, "JFR.dump", "name=bench", "filename=" + file);
                jcmd(pid, "JFR.stop", "name=bench");
                if (PROFILED.contains(name)) {
                  profiles.put(name + " at " + size + " cases", JfrSummary.of(file));
                }
              });
    }
    List<Fired> ok = fired.stream().filter(Fired::acknowledged).toList();
    List<Progress> progress = ok.stream().map(f -> follower.progress(f.wamid())).toList();
    int cases = (int) progress.stream().filter(p -> p.caseAt > 0).count();
    long firstSent = fired.stream().mapToLong(Fired::sentAtMillis).min().orElse(0);
    long lastComplete = 0;
    int complete = 0;
    for (int i = 0; i < ok.size(); i++) {
      Progress p = progress.get(i);
      if (p.caseAt > 0 && p.clockAt > 0 && p.ackAt > 0) {
        complete++;
        lastComplete = Math.max(lastComplete, Math.max(p.caseAt, Math.max(p.clockAt, p.ackAt)));
      }
    }
    List<String> tickets =
        progress.stream()
            .map(p -> p.ticket)
            .filter(t -> t != null && !t.isEmpty())
            .limit(20)
            .toList();
    long found =
        tickets.stream()
            .filter(
                t ->
                    outside.get(platform.cases() + "/api/v1/cases/" + t, "bdg.admin").status()
                        == 200)
            .count();
    return new Row(
        size,
        "Aduan",
        load,
        fired.size(),
        ok.size(),
        seconds(fired),
        webhookStage(fired),
        stage(ok, progress, p -> p.caseAt),
        stage(ok, progress, p -> p.clockAt),
        stage(ok, progress, p -> p.ackAt),
        complete,
        complete == 0 ? 0 : complete * 1000.0 / Math.max(1, lastComplete - firstSent),
        perComplaint(cpuMillis(cpu0, cpu1), cases),
        perComplaint(delta(ops0, ops1), cases),
        found + "/" + tickets.size());
  }

  private Row raw(int size, String load, WebhookFire fire, RawBaseline raw, MongoClient mongo)
      throws Exception {
    Map<String, Long> cpu0 = cpu();
    Map<String, Long> ops0 = storeCommands(mongo);
    boolean max = load.startsWith("maximum");
    List<Fired> fired =
        max ? fire.maximum(raw.url(), CONCURRENCY, BURST) : fire.fixedRate(raw.url(), RATE, BURST);
    List<Fired> ok = fired.stream().filter(Fired::acknowledged).toList();
    Instant giveUp = Instant.now().plus(FOLLOW);
    while (Instant.now().isBefore(giveUp)
        && ok.stream().anyMatch(f -> raw.writtenAt(f.wamid()) == null)) {
      Thread.sleep(200);
    }
    Map<String, Long> cpu1 = cpu();
    Map<String, Long> ops1 = storeCommands(mongo);
    List<Long> written = new ArrayList<>();
    long lastWritten = 0;
    for (Fired f : ok) {
      Long at = raw.writtenAt(f.wamid());
      if (at != null) {
        written.add(at - f.sentAtMillis());
        lastWritten = Math.max(lastWritten, at);
      }
    }
    long firstSent = fired.stream().mapToLong(Fired::sentAtMillis).min().orElse(0);
    return new Row(
        size,
        "raw baseline",
        load,
        fired.size(),
        ok.size(),
        seconds(fired),
        webhookStage(fired),
        Stage.of(written),
        new Stage(0, -1, -1),
        new Stage(0, -1, -1),
        written.size(),
        written.isEmpty() ? 0 : written.size() * 1000.0 / Math.max(1, lastWritten - firstSent),
        perComplaint(cpuMillis(cpu0, cpu1), written.size()),
        perComplaint(delta(ops0, ops1), written.size()),
        "-");
  }

  /** Until every acknowledged webhook's complaint reached every stage, or the follow time ends. */
  private void awaitAduan(PipelineFollower follower, List<Fired> fired)
      throws InterruptedException {
    List<Fired> ok = fired.stream().filter(Fired::acknowledged).toList();
    Instant giveUp = Instant.now().plus(FOLLOW);
    while (Instant.now().isBefore(giveUp)) {
      follower.readAcknowledgements();
      boolean all =
          ok.stream()
              .map(f -> follower.progress(f.wamid()))
              .allMatch(p -> p.caseAt > 0 && p.clockAt > 0 && p.ackAt > 0);
      if (all) {
        return;
      }
      Thread.sleep(3_000);
    }
    follower.readAcknowledgements();
  }

  /**
   * Waits, up to {@code benchmark.drain}, until every complaint of Aduan's last maximum burst that
   * was acknowledged reached every stage. Returns the report's note.
   */
  private String drain(int size, PipelineFollower follower) throws InterruptedException {
    List<Fired> ok = lastMaximum.stream().filter(Fired::acknowledged).toList();
    long t0 = System.nanoTime();
    Instant giveUp = Instant.now().plus(DRAIN);
    long left = ok.size();
    while (true) {
      follower.readAcknowledgements();
      left =
          ok.stream()
              .map(f -> follower.progress(f.wamid()))
              .filter(p -> p.caseAt == 0 || p.clockAt == 0 || p.ackAt == 0)
              .count();
      if (left == 0 || !Instant.now().isBefore(giveUp)) {
        break;
      }
      Thread.sleep(2_000);
    }
    return left == 0
        ? "%,d cases: the maximum burst's %d complaints all complete %.0f s after its follow time"
            .formatted(size, ok.size(), (System.nanoTime() - t0) / 1e9)
        : "%,d cases: %d of the maximum burst's %d complaints still incomplete %d s after its follow time (the burst at half the sustained rate ran behind them)"
            .formatted(size, left, ok.size(), DRAIN.toSeconds());
  }

  private static Stage webhookStage(List<Fired> fired) {
    return Stage.of(
        fired.stream().filter(Fired::acknowledged).map(f -> f.answerNanos() / 1_000_000).toList());
  }

  private static Stage stage(List<Fired> ok, List<Progress> progress, ToLongFunction<Progress> at) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < ok.size(); i++) {
      long t = at.applyAsLong(progress.get(i));
      if (t > 0) {
        millis.add(t - ok.get(i).sentAtMillis());
      }
    }
    return Stage.of(millis);
  }

  private static double seconds(List<Fired> fired) {
    long first = fired.stream().mapToLong(Fired::sentAtMillis).min().orElse(0);
    long last =
        fired.stream()
            .mapToLong(f -> f.sentAtMillis() + f.answerNanos() / 1_000_000)
            .max()
            .orElse(0);
    return Math.max(1, last - first) / 1000.0;
  }

  private static String casesCollection(StoreSeeder seeder) {
    return seeder.templates().stream()
        .filter(t -> t.database().equals("aduan-cases") && t.collection().equals("cases"))
        .map(t -> t.database() + "." + t.collection())
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no case collection grew: " + seeder.templates()));
  }

  // --- CPU, store commands, profiles ------------------------------------------------------------

  /** The running components and their pids, plus this JVM (load generator and raw baseline). */
  private Map<String, Long> components() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String c : LocalPlatform.COMPONENTS) {
      if (platform.running(c)) {
        platform.pid(c).ifPresent(pid -> out.put(c, pid));
      }
    }
    return out;
  }

  /** CPU time (utime + stime, clock ticks) of every component and of this JVM. */
  private Map<String, Long> cpu() {
    Map<String, Long> out = new LinkedHashMap<>();
    components().forEach((name, pid) -> out.put(name, ticks(pid)));
    out.put("benchmark JVM", ticks(ProcessHandle.current().pid()));
    return out;
  }

  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The fields after the command name (which may hold spaces) in parentheses.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

  private static Map<String, Double> cpuMillis(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Double> out = new LinkedHashMap<>();
    // USER_HZ is 100 on Linux.
    after.forEach((k, v) -> out.put(k, (v - before.getOrDefault(k, 0L)) * 10.0));
    return out;
  }

  /** Commands the store answered so far, per database ({@code serverStatus.aduanCommands}). */
  private static Map<String, Long> storeCommands(MongoClient mongo) {
    Document status = mongo.getDatabase("admin").runCommand(new Document("serverStatus", 1));
    Map<String, Long> out = new LinkedHashMap<>();
    Document per = status.get("aduanCommands", Document.class);
    if (per == null) {
      return out;
    }
    per.forEach(
        (db, commands) ->
            ((Document) commands)
                .forEach((name, n) -> out.merge(db, ((Number) n).longValue(), Long::sum)));
    return out;
  }

  private static Map<String, Double> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.forEach((k, v) -> out.put(k, (double) (v - before.getOrDefault(k, 0L))));
    return out;
  }

  private static Map<String, Double> perComplaint(Map<String, Double> totals, int complaints) {
    Map<String, Double> out = new LinkedHashMap<>();
    totals.forEach((k, v) -> out.put(k, complaints == 0 ? Double.NaN : v / complaints));
    return out;
  }

  private static void jcmd(long pid, String... command) {
    List<String> args = new ArrayList<>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(String.valueOf(pid));
    args.addAll(List.of(command));
    run(args);
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      return out;
    } catch (Exception e) {
      return "(" + command + " failed: " + e.getMessage() + ")";
    }
  }

  // --- the report -------------------------------------------------------------------------------

  private static String machine() {
    String memory = "?";
    try {
      memory =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .map(l -> "%.0f GiB".formatted(Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0))
              .findFirst()
              .orElse("?");
    } catch (Exception e) {
      // unknown
    }
    return "%d cores (`nproc`), %s memory, JDK %s (%s)"
        .formatted(
            Runtime.getRuntime().availableProcessors(),
            memory,
            System.getProperty("java.runtime.version"),
            System.getProperty("java.vm.name"));
  }

  private static String loadAverage() {
    try {
      return String.join(
          " ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (Exception e) {
      return "?";
    }
  }

  private String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| stored cases | system | load | webhooks sent | acknowledged per s | webhook: n, p50 / p99 | case stored (raw: documents written): n, p50 / p99 | SLA clock running | acknowledgement sent | complaints per s end to end (n complete) | officer API |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      out.append(
          "| %,d | %s | %s | %d | %.0f | %s | %s | %s | %s | %.1f (%d) | %s |\n"
              .formatted(
                  r.size(),
                  r.system(),
                  r.load(),
                  r.sent(),
                  r.acknowledged() / r.seconds(),
                  r.webhook().cell(),
                  r.cased().cell(),
                  r.system().equals("Aduan") ? r.clocked().cell() : "-",
                  r.system().equals("Aduan") ? r.ackSent().cell() : "-",
                  r.completePerSecond(),
                  r.complete(),
                  r.officerCheck()));
    }
    return out.toString();
  }

  private String perComponentTable(String title, boolean cpu) {
    List<String> keys = new ArrayList<>();
    rows.forEach(
        r ->
            (cpu ? r.cpuMillisPerComplaint() : r.storeOpsPerComplaint())
                .keySet()
                .forEach(
                    k -> {
                      if (!keys.contains(k)) {
                        keys.add(k);
                      }
                    }));
    StringBuilder out = new StringBuilder(title).append("\n\n| stored cases | system | load |");
    keys.forEach(k -> out.append(' ').append(k).append(" |"));
    out.append("\n|---|---|---|").append("---|".repeat(keys.size())).append('\n');
    for (Row r : rows) {
      Map<String, Double> values = cpu ? r.cpuMillisPerComplaint() : r.storeOpsPerComplaint();
      out.append("| %,d | %s | %s |".formatted(r.size(), r.system(), r.load()));
      keys.forEach(
          k -> {
            Double v = values.get(k);
            out.append(' ').append(v == null || v.isNaN() ? "-" : "%.1f".formatted(v)).append(" |");
          });
      out.append('\n');
    }
    return out.toString();
  }

  private String targets() {
    StringBuilder out = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
    for (int size : SIZES) {
      Row aduanMax = find(size, "Aduan", true);
      Row rawMax = find(size, "raw baseline", true);
      Row aduanHalf = findLoad(size, "Aduan", HALF);
      Row aduanRate = findLoad(size, "Aduan", "%.0f/s".formatted(RATE));
      if (aduanMax == null) {
        continue;
      }
      String at = " (%,d cases)".formatted(size);
      out.append(
          "| >= 150 complaints/s end to end%s | %.1f/s | %s |\n"
              .formatted(
                  at, aduanMax.completePerSecond(), yes(aduanMax.completePerSecond() >= 150)));
      if (rawMax != null && rawMax.completePerSecond() > 0) {
        double ratio = aduanMax.completePerSecond() / rawMax.completePerSecond();
        out.append(
            "| >= 0.5 of the raw baseline%s | %.3f (%.1f against %.1f/s) | %s |\n"
                .formatted(
                    at,
                    ratio,
                    aduanMax.completePerSecond(),
                    rawMax.completePerSecond(),
                    yes(ratio >= 0.5)));
      }
      if (aduanHalf != null) {
        out.append(
            "| webhook p99 <= 50 ms at half the sustained rate%s | %s at %s | %s |\n"
                .formatted(
                    at,
                    ms(aduanHalf.webhook().p99()),
                    aduanHalf.load().substring(HALF.length()).replaceAll("[()]", "").strip(),
                    yes(aduanHalf.webhook().p99() >= 0 && aduanHalf.webhook().p99() <= 50)));
        out.append(
            "| (not a target) acknowledgement p99 at half the sustained rate%s | %s (%d of %d acknowledged within the follow time) | - |\n"
                .formatted(
                    at,
                    aduanHalf.ackSent().reached() == 0 ? "none" : ms(aduanHalf.ackSent().p99()),
                    aduanHalf.ackSent().reached(),
                    aduanHalf.acknowledged()));
      }
      if (aduanRate != null) {
        out.append(
            "| (not a target) webhook p99 at %.0f/s%s | %s | - |\n"
                .formatted(RATE, at, ms(aduanRate.webhook().p99())));
        boolean allAcked = aduanRate.ackSent().reached() == aduanRate.acknowledged();
        out.append(
            "| acknowledgement p99 <= 5 s at %.0f/s%s | %s (%d of %d acknowledged within the follow time) | %s |\n"
                .formatted(
                    RATE,
                    at,
                    aduanRate.ackSent().reached() == 0 ? "none" : ms(aduanRate.ackSent().p99()),
                    aduanRate.ackSent().reached(),
                    aduanRate.acknowledged(),
                    yes(allAcked && aduanRate.ackSent().p99() <= 5000)));
      }
    }
    // The largest size measured so far (the report is written after each size).
    int largest =
        rows.stream()
            .filter(row -> row.system().equals("Aduan"))
            .mapToInt(Row::size)
            .max()
            .orElse(SIZES.getFirst());
    if (largest != SIZES.getFirst()) {
      Row first = find(SIZES.getFirst(), "Aduan", true);
      Row last = find(largest, "Aduan", true);
      if (first != null && last != null && first.completePerSecond() > 0) {
        double slower = 1 - last.completePerSecond() / first.completePerSecond();
        out.append(
            "| <= 20%% slower at the largest size measured (%,d) than at %,d | %.0f%% slower (%.1f against %.1f/s) | %s |\n"
                .formatted(
                    largest,
                    SIZES.getFirst(),
                    slower * 100,
                    last.completePerSecond(),
                    first.completePerSecond(),
                    yes(slower <= 0.20)));
      }
    }
    return out.toString();
  }

  private Row find(int size, String system, boolean max) {
    return rows.stream()
        .filter(
            r ->
                r.size() == size
                    && r.system().equals(system)
                    && r.load().startsWith("maximum") == max)
        .findFirst()
        .orElse(null);
  }

  private Row findLoad(int size, String system, String load) {
    return rows.stream()
        .filter(r -> r.size() == size && r.system().equals(system) && r.load().startsWith(load))
        .findFirst()
        .orElse(null);
  }

  private static String yes(boolean met) {
    return met ? "yes" : "**no**";
  }

  private static String ms(long millis) {
    return millis < 0 ? "-" : millis < 1000 ? millis + " ms" : "%.1f s".formatted(millis / 1000.0);
  }

  private String document(String machine, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder(BEGIN).append("\n\n");
    out.append(
        "Measured %s UTC on %s; load average (1, 5, 15 min) %s before and %s after the run (what else ran on the machine is in the text around this block). Bursts of %d s, followed for up to %d s; sizes %s.\n\n"
            .formatted(
                Instant.now().toString().substring(0, 16).replace('T', ' '),
                machine,
                loadBefore,
                loadAfter,
                BURST.toSeconds(),
                FOLLOW.toSeconds(),
                SIZES));
    notes.forEach(n -> out.append("- ").append(n).append('\n'));
    out.append("\n").append(table()).append("\n");
    out.append("Targets (issue 20):\n\n").append(targets()).append("\n");
    out.append(
            perComponentTable(
                "CPU per complaint, ms, per process (`/proc/<pid>/stat`, over the burst and its follow time; the benchmark JVM also runs the load generator and the raw baseline):",
                true))
        .append("\n");
    out.append(
            perComponentTable(
                "Store commands per complaint, per database (`serverStatus.aduanCommands` of the MongoDB-protocol server):",
                false))
        .append("\n");
    if (!profiles.isEmpty()) {
      out.append(
          "JFR (profile settings, Aduan's maximum burst and its follow time; `JfrSummary`: execution samples by top frame, and by method anywhere on the stack for the platform's own code, the store and Kafka):\n\n");
      profiles.forEach(
          (name, text) ->
              out.append("<details><summary>")
                  .append(name)
                  .append("</summary>\n\n```\n")
                  .append(text.strip())
                  .append("\n```\n</details>\n\n"));
    }
    return out.append(END).append('\n').toString();
  }

  private static void write(Path file, String section) throws Exception {
    String text = Files.exists(file) ? Files.readString(file) : "";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    String updated =
        begin >= 0 && end > begin
            ? text.substring(0, begin) + section.strip() + text.substring(end + END.length())
            : text + "\n## End-to-end pipeline (issue 20)\n\n" + section;
    Files.writeString(file, updated);
  }
}
