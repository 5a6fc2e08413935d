package id.aduan.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The whole local platform as {@code ./aduan start} starts it, as separate processes on loopback,
 * on a fresh temporary {@code ADUAN_HOME} and on free ports only (so it never meets a developer's
 * running platform or another test run). It uses the jars the Maven reactor has just packaged
 * ({@code ADUAN_BUILD=never}): it never runs Maven itself.
 *
 * <p>Tests get one through {@link PlatformExtension} (one platform per test run).
 */
public final class LocalPlatform implements AutoCloseable {

  /** The demo password of every officer account and mailbox (README, "Demo values"). */
  public static final String DEMO_PASSWORD = "aduan-demo";

  public static final String WHATSAPP_APP_SECRET = "demo-app-secret";
  public static final String WHATSAPP_VERIFY_TOKEN = "demo-verify-token";
  public static final String SOCIAL_APP_SECRET = "demo-app-secret";
  public static final String LAPOR_TOKEN = "demo-lapor-token";

  /**
   * {@code ./aduan} sets no Twilio token (no demo agency uses Twilio); the harness sets this one so
   * the Twilio webhook checks signatures instead of answering "not configured".
   */
  public static final String TWILIO_AUTH_TOKEN = "platform-test-twilio-token";

  /** Every component {@code ./aduan} runs as a process with {@code run/<name>.pid}. */
  public static final List<String> COMPONENTS =
      List.of(
          "mongo",
          "kafka",
          "provider-sandbox",
          "lapor-simulator",
          "case-service",
          "channel-whatsapp",
          "channel-email",
          "channel-lapor",
          "channel-social",
          "sla-service",
          "notification-service");

  /** The services (name = module) and the variable of their port, as in {@code ./aduan}. */
  private static final Map<String, String> SERVICE_PORTS = new LinkedHashMap<>();

  static {
    SERVICE_PORTS.put("case-service", "ADUAN_CASES_PORT");
    SERVICE_PORTS.put("channel-whatsapp", "ADUAN_WHATSAPP_PORT");
    SERVICE_PORTS.put("channel-email", "ADUAN_EMAIL_PORT");
    SERVICE_PORTS.put("channel-lapor", "ADUAN_LAPOR_PORT");
    SERVICE_PORTS.put("channel-social", "ADUAN_SOCIAL_PORT");
    SERVICE_PORTS.put("sla-service", "ADUAN_SLA_PORT");
    SERVICE_PORTS.put("notification-service", "ADUAN_NOTIFICATION_PORT");
  }

  /** The seven services (module names), in {@code ./aduan}'s order. */
  public static final List<String> SERVICES = List.copyOf(SERVICE_PORTS.keySet());

  private static final List<String> OTHER_PORTS =
      List.of(
          "ADUAN_KAFKA_PORT",
          "ADUAN_KAFKA_CONTROLLER_PORT",
          "ADUAN_MONGO_PORT",
          "ADUAN_SANDBOX_PORT",
          "ADUAN_LAPOR_SIMULATOR_PORT",
          "ADUAN_MAIL_SMTP_PORT",
          "ADUAN_MAIL_IMAP_PORT",
          "ADUAN_MAIL_LMTP_PORT");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  /**
   * Every port handed to a platform of this JVM. Two platforms may be created at the same time (the
   * run's shared one and {@code KafkaClusterPlatformTest}'s run side by side): a port is free only
   * until a process listens on it, so one chosen for the other platform but not yet listened on
   * must not be chosen again (a service of one would answer the other's health check).
   */
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  /**
   * One platform's first start at a time in this JVM: a start is CPU (eleven processes loading and
   * compiling), so two side by side take as long as one after the other, and each may run out of
   * its start timeout on a busy machine. Later starts (a killed component brought back) do not wait
   * for it.
   */
  private static final ReentrantLock FIRST_START = new ReentrantLock(true);

  private static final CountDownLatch FIRST_START_BEGUN = new CountDownLatch(1);

  private final Path root;
  private final Path home;
  private final int kafkaBrokers;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private int starts;
  private boolean mail;
  private boolean stopped;

  private LocalPlatform(Path root, Path home, int kafkaBrokers) {
    this.root = root;
    this.home = home;
    this.kafkaBrokers = kafkaBrokers;
  }

  /** Allocates a fresh home and free ports; {@link #start()} starts it. */
  public static LocalPlatform create() {
    return create(1);
  }

  /**
   * As {@link #create()}, with {@code kafkaBrokers} Kafka processes: 1 (what {@code ./aduan} starts
   * by default) or 3 ({@code ADUAN_KAFKA_BROKERS_COUNT=3}: a KRaft quorum of three nodes, topics
   * with replication 3, components {@code kafka-1}..{@code kafka-3}).
   */
  public static LocalPlatform create(int kafkaBrokers) {
    if (kafkaBrokers != 1 && kafkaBrokers != 3) {
      throw new IllegalArgumentException("1 or 3 Kafka brokers, not " + kafkaBrokers);
    }
    Path root = repositoryRoot();
    try {
      Path home = Files.createTempDirectory("aduan-platform-");
      // Private by default; postfix, running as its own user, must reach its queue in it.
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
      LocalPlatform platform = new LocalPlatform(root, home, kafkaBrokers);
      platform.allocatePorts();
      return platform;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lowest port Linux gives to outgoing connections (32768 unless configured). */
  private static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > 15_000 ? low : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("aduan")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no ./aduan above " + dir);
  }

  private void allocatePorts() throws IOException {
    synchronized (HANDED_OUT) {
      choosePorts();
    }
  }

  private void choosePorts() throws IOException {
    List<String> names = new ArrayList<>(SERVICE_PORTS.values());
    names.addAll(OTHER_PORTS);
    for (int node = 2; node <= kafkaBrokers; node++) {
      names.add("ADUAN_KAFKA_PORT_" + node);
      names.add("ADUAN_KAFKA_CONTROLLER_PORT_" + node);
    }
    // Below the ephemeral range: a port the kernel hands out for outgoing connections (the
    // services' own to Kafka and MongoDB) could be taken again before the service listens on it.
    // Each held open until all are chosen, so no two names get the same port.
    int below = ephemeralLow();
    java.util.Random random = new java.util.Random();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String name : names) {
        ServerSocket socket = null;
        for (int attempt = 0; socket == null; attempt++) {
          if (attempt == 200) {
            throw new IOException("no free port below " + below);
          }
          int port = 10_000 + random.nextInt(below - 10_000);
          if (HANDED_OUT.contains(port)) {
            continue;
          }
          try {
            socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
          } catch (IOException taken) {
            // try another
          }
        }
        held.add(socket);
        ports.put(name, socket.getLocalPort());
        HANDED_OUT.add(socket.getLocalPort());
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    environment.put("ADUAN_HOME", home.toString());
    environment.put("ADUAN_BUILD", "never");
    // The jars are new in every Maven run, so there is no AOT cache for them; making one in the
    // background (./aduan's default) would only take CPU from the tests (ADR 0045).
    environment.put("ADUAN_AOT_CACHE", "off");
    String javaHome = System.getProperty("java.home");
    environment.put("ADUAN_JAVA_HOME", javaHome);
    environment.put("JAVA_HOME", javaHome);
    environment.put("ADUAN_TWILIO_AUTHTOKEN", TWILIO_AUTH_TOKEN);
    if (kafkaBrokers > 1) {
      environment.put("ADUAN_KAFKA_BROKERS_COUNT", String.valueOf(kafkaBrokers));
    }
    // channel-lapor polls every 30 s by default; a test waits for a report's case, not for that.
    environment.put("ADUAN_LAPOR_POLLINTERVAL", "2s");
    environment.put("ADUAN_START_TIMEOUT", String.valueOf(START_TIMEOUT.toSeconds() - 20));
    // Meta's pair rate (6 s between two messages to one citizen) would hold each citizen's second
    // message (the intake's request for documents) 6 s; the tests wait on messages, not on it.
    environment.put("ADUAN_WHATSAPP_CITIZENINTERVAL", "50ms");
    ports.forEach((name, port) -> environment.put(name, String.valueOf(port)));
  }

  /** Sets one more variable of {@code ./aduan}'s environment (before {@link #start()}). */
  public LocalPlatform with(String variable, String value) {
    environment.put(variable, value);
    return this;
  }

  /**
   * {@code ./aduan start}: the first time everything, later only what is not running (after {@link
   * #kill}). Returns what it printed; throws with the output and the logs' tails when it fails.
   */
  public synchronized String start() {
    starts++;
    Path output = home.resolve("start-" + starts + ".txt");
    boolean first = starts == 1;
    if (first) {
      FIRST_START.lock();
      FIRST_START_BEGUN.countDown();
    }
    String printed;
    try {
      printed = aduan(output, START_TIMEOUT, "start");
    } finally {
      if (first) {
        FIRST_START.unlock();
      }
    }
    if (printed.contains("mail server up")) {
      mail = true;
    }
    stopped = false;
    return printed;
  }

  /**
   * Lets another platform of this JVM begin its first start before this thread starts one (waits
   * until one has begun, at most {@code atMost}): a class with a platform of its own, running
   * beside the classes on the run's shared platform, starts after it, so that the longer of the two
   * threads, the shared platform's, is not the one that waits.
   */
  public static void letAnotherStartFirst(Duration atMost) {
    try {
      FIRST_START_BEGUN.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code ./aduan stop}: services first, broker and store last; the data stays. */
  public synchronized String stop() {
    String printed = aduan(home.resolve("stop.txt"), Duration.ofSeconds(120), "stop");
    stopped = true;
    return printed;
  }

  /** {@code ./aduan status}. */
  public String status() {
    return aduan(home.resolve("status.txt"), Duration.ofSeconds(30), "status");
  }

  private String aduan(Path output, Duration timeout, String command) {
    ProcessBuilder builder = new ProcessBuilder(root.resolve("aduan").toString(), command);
    builder.directory(root.toFile());
    Map<String, String> env = builder.environment();
    // What a developer's shell exports for their own platform must not move ours.
    env.keySet().removeIf(k -> k.startsWith("ADUAN_"));
    env.putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(
            "./aduan " + command + " did not finish within " + timeout + "\n" + read(output));
      }
      String printed = read(output);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "./aduan "
                + command
                + " failed ("
                + process.exitValue()
                + "):\n"
                + printed
                + "\n"
                + logTails(30));
      }
      return printed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** SIGKILL of one component (a name of {@link #COMPONENTS}), as a crash would stop it. */
  public void kill(String component) {
    ProcessHandle process =
        pid(component)
            .flatMap(ProcessHandle::of)
            .orElseThrow(() -> new IllegalStateException(component + " is not running"));
    process.destroyForcibly();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(component + " did not die after SIGKILL", e);
    }
  }

  /**
   * SIGTERM of one component (a name of {@link #COMPONENTS}), as an operator stops it: it may
   * finish what it writes. Returns when it has exited.
   */
  public void terminate(String component) {
    ProcessHandle process =
        pid(component)
            .flatMap(ProcessHandle::of)
            .orElseThrow(() -> new IllegalStateException(component + " is not running"));
    process.destroy();
    try {
      process.onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(component + " did not stop within 60 s of SIGTERM", e);
    }
  }

  /**
   * SIGTERM to every running service at once, then waits (at most 30 s) for them to exit: {@code
   * ./aduan stop} stops them one after the other, each graceful shutdown waiting for the one
   * before, which a test run's end need not (what is left, broker and store last, {@code ./aduan
   * stop} stops as before). A pid is ours only while its command line names the component, as
   * {@code ./aduan} checks.
   */
  private void terminateServicesTogether() {
    List<ProcessHandle> stopping = new ArrayList<>();
    for (String service : SERVICES) {
      pid(service)
          .filter(pid -> arguments(pid).contains("-Daduan.component=" + service))
          .flatMap(ProcessHandle::of)
          .filter(ProcessHandle::destroy)
          .ifPresent(stopping::add);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle process : stopping) {
      try {
        process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // ./aduan stop waits for it once more, then SIGKILLs it
      }
    }
  }

  /** The process's command line, argument by argument (none when it is gone). */
  private static List<String> arguments(long pid) {
    try {
      return List.of(
          new String(
                  Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                  StandardCharsets.UTF_8)
              .split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The process id in {@code run/<component>.pid}, when there is one. */
  public Optional<Long> pid(String component) {
    Path file = home.resolve("run").resolve(component + ".pid");
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Long.parseLong(Files.readString(file).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether the component's recorded process is alive. */
  public boolean running(String component) {
    return pid(component).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
  }

  // --- where things are -------------------------------------------------------------------------

  /** {@code http://127.0.0.1:<port>} of a service (a module name, e.g. {@code case-service}). */
  public String baseUrl(String service) {
    String variable = SERVICE_PORTS.get(service);
    if (variable == null) {
      throw new IllegalArgumentException("not a service: " + service);
    }
    return "http://127.0.0.1:" + ports.get(variable);
  }

  public String cases() {
    return baseUrl("case-service");
  }

  public String whatsapp() {
    return baseUrl("channel-whatsapp");
  }

  public String social() {
    return baseUrl("channel-social");
  }

  /** The provider sandbox (stands in for the Graph API): {@code /sandbox/requests}, media. */
  public String sandbox() {
    return "http://127.0.0.1:" + ports.get("ADUAN_SANDBOX_PORT");
  }

  /** The LAPOR! simulator's agency API ({@code .../api/v1}), as channel-lapor is configured. */
  public String laporApi() {
    return "http://127.0.0.1:" + ports.get("ADUAN_LAPOR_SIMULATOR_PORT") + "/api/v1";
  }

  /** The LAPOR! simulator's control API ({@code .../simulator}, docs/lapor.md). */
  public String laporControl() {
    return "http://127.0.0.1:" + ports.get("ADUAN_LAPOR_SIMULATOR_PORT") + "/simulator";
  }

  public int smtpPort() {
    return ports.get("ADUAN_MAIL_SMTP_PORT");
  }

  public int imapPort() {
    return ports.get("ADUAN_MAIL_IMAP_PORT");
  }

  public int kafkaPort() {
    return ports.get("ADUAN_KAFKA_PORT");
  }

  /** The Kafka components: {@code kafka}, or {@code kafka-1}..{@code kafka-3} for a cluster. */
  public List<String> kafkaNodes() {
    if (kafkaBrokers == 1) {
      return List.of("kafka");
    }
    List<String> nodes = new ArrayList<>();
    for (int node = 1; node <= kafkaBrokers; node++) {
      nodes.add("kafka-" + node);
    }
    return nodes;
  }

  /** The bootstrap servers the services get ({@code ADUAN_KAFKA_BROKERS}): every broker. */
  public String kafkaBootstrap() {
    List<String> servers = new ArrayList<>();
    for (int node = 1; node <= kafkaBrokers; node++) {
      servers.add(
          "127.0.0.1:" + ports.get(node == 1 ? "ADUAN_KAFKA_PORT" : "ADUAN_KAFKA_PORT_" + node));
    }
    return String.join(",", servers);
  }

  public int mongoPort() {
    return ports.get("ADUAN_MONGO_PORT");
  }

  /** Whether the local mail server (dovecot, postfix) runs: it needs root and the packages. */
  public boolean mail() {
    return mail;
  }

  /** The admin account of an agency code (e.g. {@code BDG} gives {@code bdg.admin}). */
  public static String admin(String agencyCode) {
    return agencyCode.toLowerCase(java.util.Locale.ROOT) + ".admin";
  }

  /** The repository the platform runs from (where {@code ./aduan} is). */
  public Path root() {
    return root;
  }

  /** {@code $ADUAN_HOME}: data, logs ({@code logs/}), pid files ({@code run/}). */
  public Path home() {
    return home;
  }

  public Path logs() {
    return home.resolve("logs");
  }

  /** The environment {@code ./aduan} runs with (ports, home, flags). */
  public Map<String, String> environment() {
    return Map.copyOf(environment);
  }

  /** The last {@code lines} lines of every log, for a failure's report. */
  public String logTails(int lines) {
    StringBuilder out = new StringBuilder();
    List<Path> logs = new ArrayList<>();
    try (Stream<Path> files = Files.list(logs())) {
      files.filter(p -> p.toString().endsWith(".log")).sorted().forEach(logs::add);
    } catch (IOException e) {
      return "(no logs in " + logs() + ")";
    }
    for (Path log : logs) {
      out.append("--- end of ").append(log).append('\n');
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        all.subList(Math.max(0, all.size() - lines), all.size())
            .forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("(unreadable: ").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Stops the platform (if still running) and deletes its home unless {@code keep}. */
  public synchronized void close(boolean keep) {
    if (!stopped) {
      try {
        long t0 = System.nanoTime();
        terminateServicesTogether();
        stop();
        System.out.printf(
            "stopped the platform in %s in %d ms%n",
            home, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      } catch (RuntimeException e) {
        System.err.println("stopping the platform failed: " + e.getMessage());
      }
    }
    if (keep) {
      System.err.println("The platform's data and logs are kept in " + home);
      return;
    }
    try (Stream<Path> files = Files.walk(home)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // left behind in /tmp; nothing depends on it
                }
              });
    } catch (IOException e) {
      // as above
    }
  }

  @Override
  public void close() {
    close(false);
  }

  boolean stopped() {
    return stopped;
  }

  /** Every port variable of {@code ./aduan} and the free port chosen for it. */
  Map<String, Integer> ports() {
    return Map.copyOf(ports);
  }
}
