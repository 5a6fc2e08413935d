package id.aduan.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker in its own JVM (the test classpath holds the broker), with its
 * data on disk, so a test can stop it and start it again with everything it held: what "Kafka is
 * down" means in production, without a mock in sight. Settings as in
 * shared/reference/local-infrastructure.md. Slower than {@link AduanKafka} (a JVM of its own,
 * seconds to start): for the few tests that stop Kafka.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  /** The broker's own SASL/PLAIN user (inter-broker traffic and this class's admin client). */
  private static final String BROKER_USER = "broker";

  private static final String BROKER_PASSWORD = "broker-secret";

  private final Path dir;
  private final Path properties;
  private final int port;
  private final Map<String, Object> adminSecurity;
  private Process process;

  /** A broker with a plaintext listener that asks no client who it is. */
  public KafkaBrokerProcess() throws IOException, InterruptedException {
    this(null);
  }

  /**
   * A broker whose only client listener is SASL_PLAINTEXT with the PLAIN mechanism, as a secured
   * cluster asks every client to authenticate: it accepts exactly these users (name to password)
   * and refuses anyone else. Clients need {@link #saslPlain(String, String)}'s settings.
   */
  public static KafkaBrokerProcess withSaslPlain(Map<String, String> users)
      throws IOException, InterruptedException {
    return new KafkaBrokerProcess(Map.copyOf(users));
  }

  /** The client settings of a SASL/PLAIN user: security.protocol, sasl.mechanism, jaas config. */
  public static Map<String, String> saslPlain(String user, String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
  }

  private KafkaBrokerProcess(Map<String, String> saslUsers)
      throws IOException, InterruptedException {
    this.dir = Files.createTempDirectory("aduan-kafka");
    this.port = freePort();
    int controller = freePort();
    this.properties = dir.resolve("server.properties");
    String listener = saslUsers == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
    List<String> security = new java.util.ArrayList<>();
    if (saslUsers != null) {
      StringBuilder jaas =
          new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
      jaas.append(" username=\"" + BROKER_USER + "\" password=\"" + BROKER_PASSWORD + "\"");
      jaas.append(" user_" + BROKER_USER + "=\"" + BROKER_PASSWORD + "\"");
      saslUsers.forEach((user, password) -> jaas.append(" user_" + user + "=\"" + password + "\""));
      security.add("sasl.enabled.mechanisms=PLAIN");
      security.add("sasl.mechanism.inter.broker.protocol=PLAIN");
      security.add("listener.name.sasl_plaintext.plain.sasl.jaas.config=" + jaas + ";");
    }
    this.adminSecurity =
        saslUsers == null ? Map.of() : Map.copyOf(saslPlain(BROKER_USER, BROKER_PASSWORD));
    Files.writeString(
        properties,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controller,
            "listeners="
                + listener
                + "://127.0.0.1:"
                + port
                + ",CONTROLLER://127.0.0.1:"
                + controller,
            "advertised.listeners=" + listener + "://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=" + listener,
            "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
            String.join("\n", security),
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            ""));
    Files.writeString(
        dir.resolve("logback.xml"),
        """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d %-5level %logger{20} %msg%n</pattern></encoder>
          </appender>
          <root level="WARN"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    Process format =
        run(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            properties.toString());
    if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
      throw new IllegalStateException("formatting the Kafka storage failed; see " + dir);
    }
  }

  public String brokers() {
    return "127.0.0.1:" + port;
  }

  /**
   * A service's own arguments, preceded by Spring Cloud Stream arguments pointing it at this
   * broker, with producers that give up on an unreachable broker within seconds instead of the
   * default minutes.
   */
  public String[] withBinderArguments(String... own) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers(),
                "--spring.cloud.stream.kafka.binder.producer-properties.max.block.ms=3000",
                "--spring.cloud.stream.kafka.binder.producer-properties.request.timeout.ms=2000",
                "--spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms=4000"));
    all.addAll(List.of(own));
    return all.toArray(String[]::new);
  }

  /** Starts the broker and returns once it answers. */
  public void start(Duration patience) throws Exception {
    process = run("kafka.Kafka", properties.toString());
    long end = System.nanoTime() + patience.toNanos();
    while (true) {
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (!process.isAlive() || System.nanoTime() > end) {
          throw new IllegalStateException("the Kafka broker did not start; see " + dir, e);
        }
        Thread.sleep(300);
      }
    }
  }

  /** Stops the broker (SIGTERM, as an operator would) and waits until it is gone. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  public void createTopics(List<String> topics) throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  private Admin admin() {
    Map<String, Object> config = new java.util.HashMap<>(adminSecurity);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    return Admin.create(config);
  }

  private Process run(String mainClass, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-Xms128m",
                "-Xmx512m",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    File log = dir.resolve(mainClass + ".log").toFile();
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
