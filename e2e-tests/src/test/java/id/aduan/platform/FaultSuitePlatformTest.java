package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.platform.Outside.Answer;
import id.aduan.platform.WhatsAppLoad.Sent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 21, "nothing acknowledged is lost, nothing is doubled": a fixed-rate load of signed
 * WhatsApp webhooks (retried as Meta retries) while one fault after another hits the started
 * platform; after each, quiet, then counts read only through public surfaces (the officer API, the
 * provider sandbox's API, Kafka topics with a plain consumer and the consumer groups' offsets).
 *
 * <p>Bounded by default, so it runs in {@code ./aduan test} with the other {@code platform} tests,
 * on the run's platform ({@link PlatformExtension}: no start of its own; every component is running
 * again and the sandbox answering when it ends): 8 webhooks per fault, outages of a few seconds,
 * case-service and channel-whatsapp killed together (the two that decide "exactly one case": the
 * webhook's 2xx after Kafka's acknowledgement, the dedup and the outbox; sla-service's and
 * notification-service's idempotence by event id is what the full form adds), and the duplicate
 * deliveries running at the same time as the poison messages (they meet no common state: dead
 * letters are told apart by the poison's marker). {@code -Dreliability.full=true} (what {@code
 * e2e-tests/reliability.sh} runs) uses the outages of the issue, kills every service in turn and
 * runs every fault alone; {@code -Dreliability.report=<file>} writes the counts as Markdown
 * (docs/reliability.md).
 *
 * <p>Waits are on events, not on time: the quiet after a fault is every acknowledged webhook a case
 * and its citizen acknowledged (officer API, sandbox), then every consumer group caught up with its
 * topics (no lag); restarts return when {@code ./aduan start} saw the component healthy.
 *
 * <p>The full form's provider-down fault (60 s) fails until outbound WhatsApp messages are retried
 * instead of dead-lettered while the provider is down (branch deliver; docs/reliability.md); the
 * bounded form's 8 s stay within the retries and passed.
 */
@StartedPlatform
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuitePlatformTest {

  private static final boolean FULL = Boolean.getBoolean("reliability.full");
  private static final int WEBHOOKS = FULL ? 60 : 8;
  private static final Duration INTERVAL = Duration.ofMillis(FULL ? 250 : 300);
  private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(FULL ? 10 : 3);
  private static final Duration MONGO_OUTAGE = Duration.ofSeconds(FULL ? 30 : 5);
  private static final Duration SANDBOX_DOWN = Duration.ofSeconds(FULL ? 60 : 8);
  private static final Duration SANDBOX_SLOW = Duration.ofSeconds(2);
  private static final Duration QUIET_WAIT = Duration.ofSeconds(FULL ? 240 : 120);

  /** How late a repeated delivery of a webhook may come. */
  private static final Duration LATEST_COPY = Duration.ofSeconds(FULL ? 8 : 4);

  /** The longest wait for the consumer groups to catch up once every case is there. */
  private static final Duration SETTLE_WAIT = Duration.ofSeconds(FULL ? 30 : 15);

  private static final Pattern TICKET = Pattern.compile("BDG-\\d{4}-\\d{6,}");

  /** Every topic some service consumes: a poison message on each must reach only dead letters. */
  private static final List<String> CONSUMED =
      List.of(
          "complaints.inbound.v1",
          "cases.events.v1",
          "sla.events.v1",
          "outbound.whatsapp.v1",
          "outbound.email.v1",
          "outbound.lapor.v1",
          "outbound.social.v1",
          "delivery.receipts.v1");

  private static LocalPlatform platform;
  private static final String RUN =
      Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36), 36);

  /** In the key and the value of every poison message: its dead letters are told apart by it. */
  private static final String POISON = "poison-" + RUN;

  private static final String POISON_HEADER = "aduan_fault_suite_poison";

  private static final List<Counts> results = new ArrayList<>();

  private final Outside outside = new Outside();
  private final JsonMapper json = JsonMapper.builder().build();

  /** What one fault left behind. */
  record Counts(
      String fault,
      int sent,
      int acknowledged,
      int cases,
      int duplicateCases,
      int lost,
      int slaEvents,
      int slaRepeatedIds,
      int slaDoubled,
      int citizenMessages,
      int citizensWithoutAcknowledgement,
      int messagesDoubled,
      Map<String, Integer> deadLetters,
      long recoverySeconds,
      List<String> problems) {

    int deadLetterTotal() {
      return deadLetters.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  @BeforeAll
  static void platform(LocalPlatform started) {
    platform = started;
  }

  @AfterAll
  static void report() throws Exception {
    if (platform == null) {
      return; // the platform did not start: the extension reports it
    }
    String report = System.getProperty("reliability.report", "");
    if (!report.isBlank() && !results.isEmpty()) {
      Path file = Path.of(report);
      Files.writeString(
          file.isAbsolute() ? file : platform.root().resolve(file), document(results));
    }
    results.forEach(c -> System.out.println(row(c)));
    // The run's platform as the other tests expect it: the provider answering, every component
    // running (a failed phase may have left one stopped).
    new Outside().send("POST", platform.sandbox() + "/sandbox/faults?mode=none", null, null);
    platform.start();
  }

  @Test
  @Order(1)
  void kafkaBrokerKilled() throws Exception {
    phase(
        "Kafka broker SIGKILLed, restarted after " + KAFKA_OUTAGE.toSeconds() + " s",
        1,
        () -> {
          platform.kill("kafka");
          sleep(KAFKA_OUTAGE);
          platform.start();
        });
  }

  @Test
  @Order(2)
  void servicesKilledMidBatch() throws Exception {
    List<String> victims =
        FULL
            ? List.of("case-service", "sla-service", "notification-service", "channel-whatsapp")
            : List.of("case-service", "channel-whatsapp");
    if (FULL) {
      for (String victim : victims) {
        phase(
            victim + " SIGKILLed mid-batch, restarted",
            1,
            () -> {
              platform.kill(victim);
              platform.start();
            });
      }
    } else {
      phase(
          String.join(" and ", victims) + " SIGKILLed mid-batch, restarted",
          1,
          () -> {
            victims.forEach(platform::kill);
            platform.start();
          });
    }
  }

  @Test
  @Order(3)
  void mongoStopped() throws Exception {
    phase(
        "MongoDB-protocol server SIGKILLed, restarted after " + MONGO_OUTAGE.toSeconds() + " s",
        1,
        () -> {
          // SIGKILL: every write the store acknowledged is in its file (ADR 0042).
          platform.kill("mongo");
          sleep(MONGO_OUTAGE);
          platform.start();
        });
  }

  @Test
  @Order(5)
  void providerSlowThenFlakyThenDown() throws Exception {
    // Slow from the first webhook and flaky only briefly from the middle, so that the outage
    // begins while webhooks still arrive: the citizens of the second half are acknowledged only
    // after the provider is back (their messages kept and retried, never dead-lettered).
    sandboxFault("slow&millis=" + SANDBOX_SLOW.toMillis());
    phase(
        "provider sandbox slowed by 2 s, then failing half its calls, then down for "
            + SANDBOX_DOWN.toSeconds()
            + " s",
        1,
        () -> {
          sandboxFault("flaky");
          sleep(Duration.ofMillis(FULL ? 3000 : 300));
          sandboxFault("down&seconds=" + SANDBOX_DOWN.toSeconds());
          sleep(SANDBOX_DOWN);
          sandboxFault("none");
        });
  }

  @Test
  @Order(6)
  void duplicatesAndPoison() throws Exception {
    String duplicates = "every webhook delivered 1 to 5 times, concurrently and late";
    String poison = "a poison message on every consumed topic";
    if (FULL) {
      // One after the other, each alone; both counted before either is checked.
      Counts copyCounts = count(load(duplicates, 5, () -> {}));
      Counts poisonCounts = count(load(poison, 1, this::poisonEveryConsumedTopic));
      org.junit.jupiter.api.Assertions.assertAll(
          () -> check(copyCounts), () -> checkPoison(poisonCounts));
      return;
    }
    // At the same time: the duplicates meet the intake's dedup, the poison the consumers' error
    // handling; each phase counts only its own webhooks and tells dead letters apart by POISON.
    CompletableFuture<Loaded> copies =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return load(duplicates, 5, () -> {});
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Loaded poisoned = load(poison, 1, this::poisonEveryConsumedTopic);
    Loaded copied = copies.get(QUIET_WAIT.toSeconds() + 600, TimeUnit.SECONDS);
    Counts poisonCounts = count(poisoned);
    Counts copyCounts = count(copied);
    org.junit.jupiter.api.Assertions.assertAll(
        () -> check(copyCounts), () -> checkPoison(poisonCounts));
  }

  private void poisonEveryConsumedTopic() {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (String topic : CONSUMED) {
        ProducerRecord<byte[], byte[]> poison =
            new ProducerRecord<>(
                topic,
                POISON.getBytes(StandardCharsets.UTF_8),
                ("{\"specversion\": \"1.0\", \"" + POISON + "\" not json")
                    .getBytes(StandardCharsets.UTF_8));
        // A dead letter keeps the input's headers; its payload may be sealed (ADR 0026) and its
        // key gone, so the marker rides in a header too.
        poison.headers().add(POISON_HEADER, POISON.getBytes(StandardCharsets.UTF_8));
        producer.send(poison);
      }
      producer.flush();
    }
  }

  /** Only the poison reaches the dead letters (checked with every phase), and all of it does. */
  private static void checkPoison(Counts counts) {
    check(counts);
    assertThat(counts.deadLetters().keySet())
        .as("the poison's dead letters")
        .containsExactlyInAnyOrderElementsOf(CONSUMED.stream().map(t -> t + ".dlq").toList());
  }

  /** One fault under load, then its counts and checks. */
  private Counts phase(String fault, int maxCopies, Runnable midwayFault) throws Exception {
    Counts counts = count(load(fault, maxCopies, midwayFault));
    check(counts);
    return counts;
  }

  /** What one fault's load left to count. */
  private record Loaded(
      String fault,
      String prefix,
      Map<TopicPartition, Long> deadLettersBefore,
      List<Sent> sent,
      Instant start,
      Instant faultOver) {}

  /**
   * Sends the phase's webhooks and runs {@code midwayFault} midway; returns when every webhook was
   * acknowledged or given up and the fault is over.
   */
  private Loaded load(String fault, int maxCopies, Runnable midwayFault) throws Exception {
    String prefix = "tahan" + RUN + (char) ('a' + phases.getAndIncrement()) + "w";
    Map<TopicPartition, Long> dlqBefore = deadLetterEnds();
    Instant[] faultOver = new Instant[1];
    Instant t0 = Instant.now();
    List<Sent> sent =
        new WhatsAppLoad(platform, QUIET_WAIT)
            .run(
                prefix,
                WEBHOOKS,
                INTERVAL,
                maxCopies,
                LATEST_COPY,
                () -> {
                  midwayFault.run();
                  faultOver[0] = Instant.now();
                });
    return new Loaded(fault, prefix, dlqBefore, sent, t0, faultOver[0] == null ? t0 : faultOver[0]);
  }

  private static final java.util.concurrent.atomic.AtomicInteger phases =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Waits for quiet (every acknowledged webhook a case and its citizen acknowledged, then every
   * consumer group caught up), then counts: every acknowledged webhook exactly one case, every
   * citizen one acknowledgement and nothing twice, no SLA event twice, no dead letter but the
   * poison's.
   */
  private Counts count(Loaded loaded) throws Exception {
    Instant counting = Instant.now();
    String prefix = loaded.prefix();
    List<Sent> sent = loaded.sent();
    List<Sent> acknowledged = sent.stream().filter(Sent::acknowledged).toList();

    Instant deadline = Instant.now().plus(QUIET_WAIT);
    Instant quiet;
    do {
      quiet = Instant.now();
      if (caseTotal(prefix) >= acknowledged.size()
          && acknowledgementsPerPhone(acknowledged).keySet().size() == acknowledged.size()) {
        break;
      }
      Thread.sleep(250);
    } while (Instant.now().isBefore(deadline));
    // A duplicate would come after the first: count once every consumer has caught up.
    awaitConsumersCaughtUp();

    Instant settled = Instant.now();
    Map<String, List<String>> casesByMarker = casesPerMarker(prefix);
    Map<String, List<String>> acks = acknowledgementsPerPhone(acknowledged);
    Map<String, Integer> perMessage = messagesPerCitizenAndText(sent);
    Set<String> tickets = new HashSet<>();
    casesByMarker.values().forEach(tickets::addAll);
    SlaCount slaCount = slaEvents(tickets);
    Map<String, Integer> sla = slaCount.eventsPerLevel();
    Map<String, Integer> poisoned = new LinkedHashMap<>();
    Map<String, Integer> otherDeadLetters = new LinkedHashMap<>();
    List<String> otherDescribed = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readFrom(loaded.deadLettersBefore())) {
      (isPoison(r) ? poisoned : otherDeadLetters).merge(r.topic(), 1, Integer::sum);
      if (!isPoison(r) && otherDescribed.size() < 5) {
        otherDescribed.add(describe(r));
      }
    }
    boolean poisonPhase = loaded.fault().startsWith("a poison");

    int lost = 0;
    int doubled = 0;
    List<String> problems = new ArrayList<>();
    for (Sent s : sent) {
      int n = casesByMarker.getOrDefault(s.marker(), List.of()).size();
      if (n > 1) {
        doubled += n - 1;
        problems.add("webhook " + s.index() + " became " + n + " cases (" + s.trace() + ")");
      }
      if (s.acknowledged() && n == 0) {
        lost++;
        problems.add("acknowledged webhook " + s.index() + " became no case (" + s.trace() + ")");
      }
    }
    int withoutAck = 0;
    for (Sent s : acknowledged) {
      int n = acks.getOrDefault(s.phone(), List.of()).size();
      if (n != 1) {
        withoutAck += n == 0 ? 1 : 0;
        problems.add("citizen of webhook " + s.index() + " got " + n + " acknowledgements");
      }
    }
    int messagesDoubled = perMessage.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
    perMessage.forEach(
        (k, n) -> {
          if (n > 1) {
            problems.add("sent " + n + " times: " + k);
          }
        });
    int slaDoubled = sla.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
    sla.forEach(
        (k, n) -> {
          if (n > 1) {
            problems.add("SLA event " + k + " happened " + n + " times (distinct ids)");
          }
        });
    if (!otherDeadLetters.isEmpty()) {
      problems.add("dead letters without poison: " + otherDeadLetters + ", e.g. " + otherDescribed);
    }
    // Meta's retries get (nearly) every webhook in.
    if (acknowledged.size() < sent.size() * 9 / 10) {
      problems.add("only " + acknowledged.size() + " of " + sent.size() + " acknowledged");
    }
    Counts counts =
        new Counts(
            loaded.fault(),
            sent.size(),
            acknowledged.size(),
            casesByMarker.values().stream().mapToInt(List::size).sum(),
            doubled,
            lost,
            slaCount.records(),
            slaCount.repeatedIds(),
            slaDoubled,
            perMessage.values().stream().mapToInt(Integer::intValue).sum(),
            withoutAck,
            messagesDoubled,
            poisonPhase ? poisoned : otherDeadLetters,
            Duration.between(loaded.faultOver(), quiet).toSeconds(),
            problems);
    synchronized (results) {
      results.add(counts);
    }
    System.out.println(
        row(counts)
            + " (phase "
            + Duration.between(loaded.start(), Instant.now()).toSeconds()
            + " s: load and fault "
            + Duration.between(loaded.start(), counting).toSeconds()
            + " s, quiet "
            + Duration.between(counting, settled).toSeconds()
            + " s, counting "
            + Duration.between(settled, Instant.now()).toSeconds()
            + " s)");
    sent.stream()
        .filter(s -> !s.trace().matches("2\\d\\d ok"))
        .limit(20)
        .forEach(s -> System.out.println("  webhook " + s.index() + ": " + s.trace()));
    return counts;
  }

  /** Pass: nothing lost, nothing doubled, nothing sent twice, dead letters only for poison. */
  private static void check(Counts counts) {
    assertThat(counts.problems()).as(counts.fault()).isEmpty();
  }

  private static boolean isPoison(ConsumerRecord<byte[], byte[]> r) {
    if (contains(r.key(), POISON) || contains(r.value(), POISON)) {
      return true;
    }
    for (Header h : r.headers()) {
      if (contains(h.value(), POISON)) {
        return true;
      }
    }
    return false;
  }

  /** A dead letter's headers (names and the reason), for a failure's report. */
  private static String describe(ConsumerRecord<byte[], byte[]> r) {
    List<String> names = new ArrayList<>();
    r.headers().forEach(h -> names.add(h.key()));
    Header reason = r.headers().lastHeader("aduan_dlq_reason");
    return r.topic()
        + " headers "
        + names
        + (reason == null
            ? ""
            : " reason " + new String(reason.value(), StandardCharsets.UTF_8).split(":")[0]);
  }

  private static boolean contains(byte[] bytes, String text) {
    return bytes != null && new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
  }

  /**
   * Until every consumer group's committed offsets reach the end of the partitions it reads (at
   * most {@link #SETTLE_WAIT}; the counts then tell what is missing).
   */
  private void awaitConsumersCaughtUp() throws Exception {
    Instant giveUp = Instant.now().plus(SETTLE_WAIT);
    Map<TopicPartition, Long> lagging = Map.of();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
      while (Instant.now().isBefore(giveUp)) {
        lagging = lag(admin);
        if (lagging.isEmpty()) {
          return;
        }
        Thread.sleep(200);
      }
    }
    System.out.println("  consumers still behind after " + SETTLE_WAIT + ": " + lagging);
  }

  /** Per partition some group reads, how far its committed offset is behind the end. */
  private static Map<TopicPartition, Long> lag(Admin admin) throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    @SuppressWarnings("deprecation")
    Collection<ConsumerGroupListing> groups =
        admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS);
    for (ConsumerGroupListing group : groups) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group.groupId())
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null) {
              committed.merge(partition, offset.offset(), Math::min);
            }
          });
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
    Map<TopicPartition, Long> behind = new HashMap<>();
    admin
        .listOffsets(latest)
        .all()
        .get(30, TimeUnit.SECONDS)
        .forEach(
            (partition, end) -> {
              long n = end.offset() - committed.get(partition);
              if (n > 0) {
                behind.put(partition, n);
              }
            });
    return behind;
  }

  private void sandboxFault(String mode) {
    Answer answer =
        outside.send("POST", platform.sandbox() + "/sandbox/faults?mode=" + mode, null, null);
    assertThat(answer.status()).as("sandbox fault " + mode).isEqualTo(200);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- counting, through public surfaces only ---------------------------------------------------

  private int caseTotal(String prefix) {
    Answer answer =
        outside.get(
            platform.cases()
                + "/api/v1/cases?size=1&q="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8),
            "bdg.admin");
    return answer.status() == 200 ? json.readTree(answer.body()).path("total").asInt() : 0;
  }

  /** Per marker, the tickets of the cases whose messages contain it (officer API). */
  private Map<String, List<String>> casesPerMarker(String prefix) {
    Map<String, List<String>> out = new HashMap<>();
    Pattern marker = Pattern.compile(Pattern.quote(prefix) + "\\d{3}z");
    for (int page = 0; page < 20; page++) {
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
        Answer view = outside.get(platform.cases() + "/api/v1/cases/" + ticket, "bdg.admin");
        Matcher m = marker.matcher(view.body());
        Set<String> found = new HashSet<>();
        while (m.find()) {
          found.add(m.group());
        }
        found.forEach(f -> out.computeIfAbsent(f, k -> new ArrayList<>()).add(ticket));
      }
      if (items.size() < 100) {
        break;
      }
    }
    return out;
  }

  /** The sandbox's Graph API sends that got through (refused calls are not kept). */
  private List<JsonNode> sends() {
    Answer answer = outside.get(platform.sandbox() + "/sandbox/requests?all=true", null);
    List<JsonNode> out = new ArrayList<>();
    if (answer.status() != 200) {
      return out;
    }
    for (JsonNode request : json.readTree(answer.body())) {
      if (!request.path("path").asString().endsWith("/messages")) {
        continue;
      }
      try {
        out.add(json.readTree(request.path("body").asString()));
      } catch (RuntimeException e) {
        // not JSON: not a message send
      }
    }
    return out;
  }

  /** Per citizen's phone, the tickets of acknowledgements (messages quoting its wamid). */
  private Map<String, List<String>> acknowledgementsPerPhone(List<Sent> citizens) {
    Map<String, String> wamids = new HashMap<>();
    citizens.forEach(s -> wamids.put(s.phone(), s.wamid()));
    Map<String, List<String>> acks = new HashMap<>();
    for (JsonNode body : sends()) {
      String to = body.path("to").asString();
      Matcher ticket = TICKET.matcher(body.toString());
      String quoted = body.path("context").path("message_id").asString("");
      if (wamids.containsKey(to) && quoted.equals(wamids.get(to)) && ticket.find()) {
        acks.computeIfAbsent(to, k -> new ArrayList<>()).add(ticket.group());
      }
    }
    return acks;
  }

  /** Per (citizen, message): how often the same message reached the provider for them. */
  private Map<String, Integer> messagesPerCitizenAndText(List<Sent> citizens) {
    Set<String> phones = new HashSet<>();
    citizens.forEach(s -> phones.add(s.phone()));
    Map<String, Integer> out = new HashMap<>();
    for (JsonNode body : sends()) {
      String to = body.path("to").asString();
      if (phones.contains(to)) {
        String what = body.path("text").path("body").asString(body.path("template").toString());
        out.merge(
            to.substring(0, 5) + "..." + to.substring(to.length() - 3) + ": " + what,
            1,
            Integer::sum);
      }
    }
    return out;
  }

  /** SLA events that happen at most once per clock and level: started, a warning, breached, ... */
  private static final Set<String> ONCE_PER_LEVEL =
      Set.of("clock-started", "warning", "breached", "escalated", "clock-stopped");

  /**
   * The SLA events of this phase's tickets: per (case, clock, type, level) the distinct event ids
   * of the types that happen once per level, and the records that repeat an event id already on the
   * topic (a redelivery consumers drop by its id).
   */
  private SlaCount slaEvents(Set<String> tickets) {
    Map<String, Set<String>> perLevel = new HashMap<>();
    Set<String> ids = new HashSet<>();
    int records = 0;
    int repeated = 0;
    for (ConsumerRecord<byte[], byte[]> r : readAll("sla.events.v1")) {
      JsonNode event;
      try {
        event = json.readTree(r.value());
      } catch (RuntimeException e) {
        continue;
      }
      if (!tickets.contains(event.path("ticket").asString())) {
        continue;
      }
      records++;
      if (!ids.add(event.path("eventId").asString())) {
        repeated++;
        continue;
      }
      Header header = r.headers().lastHeader("ce_type");
      // id.aduan.sla.<type>.v1
      String[] type =
          (header == null ? "" : new String(header.value(), StandardCharsets.UTF_8)).split("\\.");
      String kind = type.length > 3 ? type[3] : "?";
      if (!ONCE_PER_LEVEL.contains(kind)) {
        continue;
      }
      String level =
          event.has("fraction")
              ? "@" + event.path("fraction").asString()
              : event.has("level") ? "@" + event.path("level").asString() : "";
      perLevel
          .computeIfAbsent(
              event.path("ticket").asString()
                  + "/"
                  + event.path("clock").asString()
                  + "/"
                  + kind
                  + level,
              k -> new HashSet<>())
          .add(event.path("eventId").asString());
    }
    Map<String, Integer> counts = new HashMap<>();
    perLevel.forEach((k, v) -> counts.put(k, v.size()));
    return new SlaCount(records, repeated, counts);
  }

  /** What {@link #slaEvents} counted. */
  record SlaCount(int records, int repeatedIds, Map<String, Integer> eventsPerLevel) {}

  /** The end offset of every partition of every dead-letter topic. */
  private Map<TopicPartition, Long> deadLetterEnds() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : consumer.listTopics(Duration.ofSeconds(30)).keySet()) {
        if (topic.endsWith(".dlq")) {
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .forEach(partitions::add);
        }
      }
      return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
    }
  }

  /**
   * The dead letters written since {@code before} (the ends {@link #deadLetterEnds()} gave; a
   * partition not there is read from its beginning).
   */
  private List<ConsumerRecord<byte[], byte[]>> readFrom(Map<TopicPartition, Long> before) {
    Map<TopicPartition, Long> from = new HashMap<>();
    deadLetterEnds().keySet().forEach(p -> from.put(p, before.getOrDefault(p, 0L)));
    return read(from);
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      Map<TopicPartition, Long> from = new HashMap<>();
      consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .forEach(p -> from.put(p, 0L));
      return read(from);
    }
  }

  /** Every record from the given offsets (or the partition's beginning) to the current end. */
  private List<ConsumerRecord<byte[], byte[]>> read(Map<TopicPartition, Long> from) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    if (from.isEmpty()) {
      return out;
    }
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = List.copyOf(from.keySet());
      consumer.assign(partitions);
      Map<TopicPartition, Long> begin =
          consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
      partitions.forEach(p -> consumer.seek(p, Math.max(from.get(p), begin.get(p))));
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Instant giveUp = Instant.now().plusSeconds(60);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && Instant.now().isBefore(giveUp)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            platform.kafkaBootstrap(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  // --- the report -------------------------------------------------------------------------------

  private static String row(Counts c) {
    return "| %s | %d | %d | %d | %d | %d | %d (%d twice per level; %d records repeating an id) | %d (%d doubled, %d citizens without acknowledgement) | %s | %d s |"
        .formatted(
            c.fault(),
            c.sent(),
            c.acknowledged(),
            c.cases(),
            c.duplicateCases(),
            c.lost(),
            c.slaEvents(),
            c.slaDoubled(),
            c.slaRepeatedIds(),
            c.citizenMessages(),
            c.messagesDoubled(),
            c.citizensWithoutAcknowledgement(),
            c.deadLetters().isEmpty() ? "0" : c.deadLetterTotal() + " " + c.deadLetters(),
            c.recoverySeconds());
  }

  /** What docs/reliability.md says of the bounded form (the full run writes the whole file). */
  static final String BOUNDED_FORM =
      "The bounded form runs in `./aduan test` (plain `./mvnw verify`) on the run's shared"
          + " platform: the same faults, counts and pass criterion with 8 webhooks per fault, one"
          + " every 300 ms; Kafka down 3 s, the MongoDB-protocol server 5 s, the provider slowed"
          + " from the first webhook, flaky 0.3 s from the middle, then down 8 s while webhooks"
          + " still arrive; case-service and channel-whatsapp SIGKILLed together"
          + " (the two that decide \"exactly one case\": the webhook's 2xx after Kafka's"
          + " acknowledgement, the dedup and the outbox; the full form adds sla-service and"
          + " notification-service, whose idempotence by event id module tests also cover); the"
          + " duplicate deliveries (up to 4 s late) run at the same time as the poison messages,"
          + " whose dead letters carry the poison's marker. Every wait is on an event: the quiet"
          + " after a fault is every acknowledged webhook a case and its citizen acknowledged,"
          + " then every consumer group caught up with its topics; a restart returns when"
          + " `./aduan start` saw the component healthy.";

  private static String document(List<Counts> counts) {
    StringBuilder out = new StringBuilder();
    out.append("# Reliability: nothing acknowledged is lost, nothing is doubled\n\n");
    out.append(
        "Written by `e2e-tests/reliability.sh` (`FaultSuitePlatformTest` with"
            + " `-Dreliability.full=true`) on "
            + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
            + ". The local platform (one Kafka broker, as `./aduan start` runs it) gets a"
            + " fixed-rate load of "
            + WEBHOOKS
            + " signed WhatsApp webhooks per fault, one every "
            + INTERVAL.toMillis()
            + " ms, each retried as Meta retries (every answer but 2xx). Midway through the load"
            + " the fault hits; then the suite waits for quiet and counts through public surfaces"
            + " only: cases through the officer API, messages to citizens through the provider"
            + " sandbox's API, SLA events and dead letters with a plain Kafka consumer.\n\n");
    out.append(BOUNDED_FORM).append("\n\n");
    out.append(
        "Pass: every acknowledged webhook is exactly one case, no case doubled, no message to a"
            + " citizen sent twice, no SLA event per (case, clock, level) twice (distinct event"
            + " ids: started, warning per fraction, breached, escalated per level, stopped), dead"
            + " letters only for the poison messages. SLA records that repeat an event id already"
            + " on the topic (at-least-once publication; consumers drop them by id) are counted"
            + " apart. Recovery: from the end of the fault (the component"
            + " running again) until every acknowledged webhook was a case and its citizen had"
            + " the acknowledgement.\n\n");
    out.append(
        "| Fault | Sent | Acknowledged | Cases | Duplicate cases | Lost | SLA events | Messages to"
            + " citizens | Dead letters | Recovery |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    counts.forEach(c -> out.append(row(c)).append('\n'));
    out.append("\n## What failed\n\n");
    boolean none = true;
    for (Counts c : counts) {
      if (!c.problems().isEmpty()) {
        none = false;
        out.append("- **").append(c.fault()).append("**:\n");
        c.problems().forEach(p -> out.append("  - ").append(p).append('\n'));
      }
    }
    if (none) {
      out.append("Nothing: every fault passed.\n");
    }
    return out.toString();
  }
}
