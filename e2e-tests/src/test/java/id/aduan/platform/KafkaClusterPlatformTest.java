package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.platform.Outside.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local platform on a real 3-broker Kafka cluster ({@code ADUAN_KAFKA_BROKERS_COUNT=3}: three
 * KRaft processes, replication 3, {@code min.insync.replicas=2}), and one broker SIGKILLed while
 * signed WhatsApp webhooks arrive at a steady rate: every webhook the platform acknowledged (2xx)
 * becomes exactly one case, and every citizen gets exactly one acknowledgement.
 *
 * <p>This class starts a platform of its own (its own {@code ADUAN_HOME} and free ports) rather
 * than making the run's shared platform a cluster: the other platform tests keep the single broker
 * that {@code ./aduan start} runs by default (and its start time and memory), and killing a broker
 * here cannot disturb them.
 *
 * <p>Since nothing here touches the shared platform, the class runs beside the classes that use it
 * ({@code CONCURRENT}; e2e-tests' pom runs the platform tests on two threads, {@code
 * -Dplatform.concurrent=false} one after the other): the shared platform's tests wait mostly on
 * polls and restarts, which leaves the CPU for this platform's start and load (docs/adr/0057).
 */
@Tag("platform")
@Execution(ExecutionMode.CONCURRENT)
class KafkaClusterPlatformTest {

  private static final int WEBHOOKS = 150;
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final int KILL_AFTER = 50;
  private static final int RESTART_AFTER = 100;
  private static final int ATTEMPTS = 6;

  /**
   * How long the platform may take to turn every acknowledged webhook into its case and
   * acknowledgement: the loop below ends as soon as they are all there (on a quiet machine within
   * seconds of the last webhook). 60 s ran out at a load average of 25 on 2 cores (2026-12-07), and
   * this class now runs beside the shared platform's tests.
   */
  private static final Duration QUIET_WAIT = Duration.ofSeconds(180);

  private static final Pattern TICKET = Pattern.compile("BDG-\\d{4}-\\d{6,}");

  private static LocalPlatform platform;
  private static boolean failed;

  private final Outside outside = new Outside();
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * Meta's pair rate (6 s between two messages to one citizen) holds each citizen's second message
   * (the intake's request for documents) on channel-whatsapp's sender; this test is about Kafka,
   * not that limit, so it is short here.
   */
  private static LocalPlatform cluster() {
    return LocalPlatform.create(3).with("ADUAN_WHATSAPP_CITIZENINTERVAL", "50ms");
  }

  @BeforeAll
  static void startCluster() {
    // Beside the shared platform's classes: after its start, not at the same time (LocalPlatform).
    LocalPlatform.letAnotherStartFirst(Duration.ofSeconds(10));
    platform = cluster();
    System.out.println("Starting a 3-broker platform in " + platform.home() + " ...");
    try {
      System.out.println(platform.start());
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("already in use")) {
        failed = true;
        throw e;
      }
      // A free port was taken between choosing and listening: once more, on other ports.
      platform.close(false);
      platform = cluster();
      System.out.println(platform.start());
    }
  }

  @AfterAll
  static void stopCluster() {
    if (platform != null) {
      if (failed) {
        System.err.println("The 3-broker platform's logs' tails:\n" + platform.logTails(40));
      }
      platform.close(failed);
    }
  }

  /** What became of one citizen's webhook. */
  private record Sent(
      int index, String phone, String wamid, String marker, boolean acknowledged, String trace) {}

  @Test
  void aBrokerKilledUnderLoad_losesNoAcknowledgedComplaint_andDuplicatesNone() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      failed = true;
      throw t;
    }
  }

  private void run() throws Exception {
    assertThat(platform.kafkaNodes()).containsExactly("kafka-1", "kafka-2", "kafka-3");
    assertThat(platform.status()).contains("kafka-1 running", "kafka-3 running");
    String victim = brokerLeadingMostPartitions();

    String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    String prefix = "klaster" + run + "w";
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(1);
    ExecutorService senders = Executors.newFixedThreadPool(24);
    List<Sent> sent = new ArrayList<>();
    Instant t0 = Instant.now();
    try {
      // A steady rate from distinct citizens; each webhook on a sender of its own, so a slow answer
      // during the fail-over does not slow the rate.
      List<ScheduledFuture<Future<Sent>>> scheduled = new ArrayList<>();
      for (int i = 0; i < WEBHOOKS; i++) {
        int index = i;
        scheduled.add(
            clock.schedule(
                () -> senders.submit(() -> deliver(index, prefix)),
                INTERVAL.toMillis() * i,
                TimeUnit.MILLISECONDS));
      }
      // In the middle of the load: SIGKILL the broker leading most partitions, keep sending, then
      // let ./aduan start what is missing (that broker alone) while the load goes on.
      scheduled.get(KILL_AFTER).get();
      platform.kill(victim);
      System.out.printf(
          "killed %s after %d webhooks (%d ms)%n",
          victim, KILL_AFTER, Duration.between(t0, Instant.now()).toMillis());
      scheduled.get(RESTART_AFTER).get();
      String restart = platform.start();
      assertThat(restart).contains("Starting what is missing", victim);
      assertThat(platform.running(victim)).isTrue();
      System.out.printf(
          "restarted %s (%d ms)%n", victim, Duration.between(t0, Instant.now()).toMillis());

      for (var s : scheduled) {
        sent.add(s.get().get(3, TimeUnit.MINUTES));
      }
    } finally {
      clock.shutdownNow();
      senders.shutdownNow();
    }
    List<Sent> acknowledged = sent.stream().filter(Sent::acknowledged).toList();
    long retried = sent.stream().filter(s -> s.trace().contains(" ")).count();
    System.out.printf(
        "%d of %d webhooks acknowledged, %d needed more than one attempt, %d ms%n",
        acknowledged.size(), WEBHOOKS, retried, Duration.between(t0, Instant.now()).toMillis());
    sent.stream()
        .filter(s -> s.trace().contains(" ") || !s.acknowledged())
        .forEach(s -> System.out.println("  webhook " + s.index() + ": " + s.trace()));
    // A webhook may fail while a leader moves, but Meta's retries get (nearly) all of them in.
    assertThat(acknowledged.size()).isGreaterThanOrEqualTo(WEBHOOKS * 9 / 10);

    // Quiet: every acknowledged webhook's case and acknowledgement, or the deadline.
    Instant deadline = Instant.now().plus(QUIET_WAIT);
    do {
      Map<String, List<String>> acks = acknowledgementsPerPhone(acknowledged);
      if (caseTotal(prefix) >= acknowledged.size()
          && acknowledged.stream().allMatch(s -> acks.containsKey(s.phone()))) {
        break;
      }
      Thread.sleep(1000);
    } while (Instant.now().isBefore(deadline));
    // Then a little longer: a duplicate would come after the first.
    Thread.sleep(3000);
    Map<String, Integer> cases = casesPerMarker(prefix);
    Map<String, List<String>> acks = acknowledgementsPerPhone(acknowledged);

    List<String> problems = new ArrayList<>();
    for (Sent s : acknowledged) {
      int n = cases.getOrDefault(s.marker(), 0);
      if (n != 1) {
        problems.add("webhook " + s.index() + " became " + n + " cases (" + s.trace() + ")");
      }
      List<String> tickets = acks.getOrDefault(s.phone(), List.of());
      if (tickets.size() != 1) {
        problems.add(
            "citizen of webhook " + s.index() + " got " + tickets.size() + " acknowledgements");
      }
    }
    // Not acknowledged may still have become a case (the record was written, the answer lost),
    // but never more than one.
    for (Sent s : sent) {
      if (cases.getOrDefault(s.marker(), 0) > 1) {
        problems.add("webhook " + s.index() + " became " + cases.get(s.marker()) + " cases");
      }
    }
    assertThat(problems).as("cases and acknowledgements after the broker's death").isEmpty();
    int total = cases.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(total).isBetween(acknowledged.size(), WEBHOOKS);
  }

  /** How many cases of this run (the shared prefix of the markers) the officer API lists. */
  private int caseTotal(String prefix) {
    Answer answer =
        outside.get(
            platform.cases()
                + "/api/v1/cases?size=1&q="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8),
            "bdg.admin");
    return answer.status() == 200 ? json.readTree(answer.body()).path("total").asInt() : 0;
  }

  /**
   * One webhook as Meta sends it, retried on anything but 2xx (at most {@link #ATTEMPTS} times, 1
   * s, 2 s, ... apart), the same body each time.
   */
  private Sent deliver(int index, String prefix) throws InterruptedException {
    String phone = "62857" + String.format("%08d", 10_000_000 + index);
    String marker = prefix + String.format("%03d", index) + "z";
    String wamid = "wamid.KLASTER-" + prefix + index;
    String body =
        envelope(
            phone,
            wamid,
            "Jalan berlubang di depan rumah saya belum diperbaiki, mohon ditindak " + marker);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder trace = new StringBuilder();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Answer answer =
          outside.send(
              "POST",
              platform.whatsapp() + "/webhooks/whatsapp",
              "application/json",
              bytes,
              "X-Hub-Signature-256",
              Outside.metaSignature(LocalPlatform.WHATSAPP_APP_SECRET, bytes));
      trace.append(trace.isEmpty() ? "" : " ").append(answer);
      if (answer.status() >= 200 && answer.status() < 300) {
        return new Sent(index, phone, wamid, marker, true, trace.toString());
      }
      Thread.sleep(1000L * attempt);
    }
    return new Sent(index, phone, wamid, marker, false, trace.toString());
  }

  private String envelope(String from, String id, String text) {
    return WhatsAppLoad.envelope(from, id, text, "Warga Klaster");
  }

  /**
   * The number of cases whose messages contain each marker, read through the officer API: every
   * case of this run (the shared prefix), page by page, then each case's own search. A case counts
   * once however often the pages list it: a page read while cases are still updated may list again
   * one the page before listed; a duplicate is a second ticket.
   */
  private Map<String, Integer> casesPerMarker(String prefix) {
    Map<String, Integer> counts = new HashMap<>();
    Set<String> viewed = new HashSet<>();
    Pattern marker = Pattern.compile(Pattern.quote(prefix) + "\\d{3}z");
    for (int page = 0; page < 10; page++) {
      Answer answer =
          outside.get(
              platform.cases()
                  + "/api/v1/cases?size=100&page="
                  + page
                  + "&q="
                  + URLEncoder.encode(prefix, StandardCharsets.UTF_8),
              "bdg.admin");
      if (answer.status() != 200) {
        break;
      }
      JsonNode items = json.readTree(answer.body()).path("items");
      for (JsonNode item : items) {
        String ticket = item.path("ticket").asString();
        if (!viewed.add(ticket)) {
          continue;
        }
        Answer view = outside.get(platform.cases() + "/api/v1/cases/" + ticket, "bdg.admin");
        Matcher m = marker.matcher(view.body());
        Set<String> found = new HashSet<>();
        while (m.find()) {
          found.add(m.group());
        }
        found.forEach(f -> counts.merge(f, 1, Integer::sum));
      }
      if (items.size() < 100) {
        break;
      }
    }
    return counts;
  }

  /**
   * Per citizen's phone: the tickets of the acknowledgements the provider sandbox received. An
   * acknowledgement answers the citizen's message (it quotes its wamid as {@code context}); the
   * intake's later request for documents to the same citizen does not.
   */
  private Map<String, List<String>> acknowledgementsPerPhone(List<Sent> citizens) {
    Map<String, String> phones = new HashMap<>();
    citizens.forEach(s -> phones.put(s.phone(), s.wamid()));
    Map<String, List<String>> acks = new ConcurrentHashMap<>();
    Answer answer = outside.get(platform.sandbox() + "/sandbox/requests", null);
    if (answer.status() != 200) {
      return acks;
    }
    for (JsonNode request : json.readTree(answer.body())) {
      if (!request.path("path").asString().endsWith("/messages")) {
        continue;
      }
      JsonNode sentBody;
      try {
        sentBody = json.readTree(request.path("body").asString());
      } catch (RuntimeException e) {
        continue;
      }
      String to = sentBody.path("to").asString();
      Matcher ticket = TICKET.matcher(sentBody.path("text").path("body").asString());
      String quoted = sentBody.path("context").path("message_id").asString("");
      if (phones.containsKey(to) && quoted.equals(phones.get(to)) && ticket.find()) {
        acks.computeIfAbsent(to, k -> new ArrayList<>()).add(ticket.group());
      }
    }
    return acks;
  }

  /** The node (component {@code kafka-<id>}) that leads most partitions of every topic. */
  private static String brokerLeadingMostPartitions() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      Map<Integer, Integer> led = new HashMap<>();
      for (TopicDescription topic :
          admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
        for (TopicPartitionInfo partition : topic.partitions()) {
          assertThat(partition.replicas()).as(topic.name()).hasSize(3);
          if (partition.leader() != null) {
            led.merge(partition.leader().id(), 1, Integer::sum);
          }
        }
      }
      int node =
          led.entrySet().stream()
              .max(Comparator.comparingInt(Map.Entry::getValue))
              .orElseThrow()
              .getKey();
      System.out.println("partitions led per node: " + led + "; killing node " + node);
      return "kafka-" + node;
    }
  }
}
