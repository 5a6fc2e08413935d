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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 21, "nothing acknowledged is lost, nothing is doubled": a fixed-rate load of signed
 * WhatsApp webhooks (retried as Meta retries) while one fault after another hits the started
 * platform; after each, quiet, then counts read only through public surfaces (the officer API, the
 * provider sandbox's API, Kafka topics with a plain consumer).
 *
 * <p>Bounded by default (few webhooks, short outages, one service killed), so it runs with the
 * other {@code platform} tests; {@code -Dreliability.full=true} (what {@code
 * e2e-tests/reliability.sh} runs) uses the outages of the issue and kills every service in turn,
 * and {@code -Dreliability.report=<file>} writes the counts as Markdown (docs/reliability.md).
 *
 * <p>Its own platform (own home, free ports): killing components here cannot disturb the run's
 * shared platform.
 *
 * <p>Not yet part of {@code ./aduan test}: it runs only with {@code -Dreliability.run=true} (what
 * {@code e2e-tests/reliability.sh} sets). Two faults still fail it (outbound WhatsApp messages are
 * dead-lettered instead of retried while the provider is down or the store is stopped; see
 * docs/reliability.md), and its bounded form takes about 11 minutes on the 2-core machine, beyond
 * CI's budget. Issue 21 stays open until both are fixed.
 */
@Tag("platform")
@EnabledIfSystemProperty(
    named = "reliability.run",
    matches = "true",
    disabledReason = "the fault suite runs from e2e-tests/reliability.sh (issue 21 still open)")
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
  private static boolean failed;
  private static final String RUN =
      Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36), 36);
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

  private static LocalPlatform create() {
    // Meta's pair rate would hold each citizen's second message for 6 s; not what this is about.
    return LocalPlatform.create().with("ADUAN_WHATSAPP_CITIZENINTERVAL", "50ms");
  }

  @BeforeAll
  static void startPlatform() {
    platform = create();
    System.out.println("Starting the fault suite's platform in " + platform.home() + " ...");
    try {
      System.out.println(platform.start());
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("already in use")) {
        failed = true;
        throw e;
      }
      platform.close(false);
      platform = create();
      System.out.println(platform.start());
    }
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    String report = System.getProperty("reliability.report", "");
    if (!report.isBlank() && !results.isEmpty()) {
      Path file = Path.of(report);
      Files.writeString(
          file.isAbsolute() ? file : platform.root().resolve(file), document(results));
    }
    results.forEach(c -> System.out.println(row(c)));
    if (platform != null) {
      if (failed) {
        System.err.println("The fault suite's platform, logs' tails:\n" + platform.logTails(40));
      }
      platform.close(failed);
    }
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
        "MongoDB-protocol server stopped for " + MONGO_OUTAGE.toSeconds() + " s",
        1,
        () -> {
          // Stopped as an operator stops it (SIGTERM): a SIGKILL of the MongoDB-protocol server
          // loses its last writes (docs/reliability.md), which is the store's durability, not
          // what this fault is about.
          platform.terminate("mongo");
          sleep(MONGO_OUTAGE);
          platform.start();
        });
  }

  @Test
  @Order(4)
  void everyWebhookDeliveredOneToFiveTimes() throws Exception {
    phase("every webhook delivered 1 to 5 times, concurrently and late", 5, () -> {});
  }

  @Test
  @Order(5)
  void providerSlowThenFlakyThenDown() throws Exception {
    phase(
        "provider sandbox slowed by 2 s, then failing half its calls, then down for "
            + SANDBOX_DOWN.toSeconds()
            + " s",
        1,
        () -> {
          sandboxFault("slow&millis=" + SANDBOX_SLOW.toMillis());
          sleep(Duration.ofSeconds(FULL ? 20 : 4));
          sandboxFault("flaky");
          sleep(Duration.ofSeconds(FULL ? 20 : 4));
          sandboxFault("down&seconds=" + SANDBOX_DOWN.toSeconds());
          sleep(SANDBOX_DOWN);
          sandboxFault("none");
        });
  }

  @Test
  @Order(6)
  void poisonOnEveryConsumedTopic() throws Exception {
    Counts counts =
        phase(
            "a poison message on every consumed topic",
            1,
            () -> {
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
                  producer.send(
                      new ProducerRecord<>(
                          topic,
                          ("poison-" + RUN).getBytes(StandardCharsets.UTF_8),
                          "{\"specversion\": \"1.0\", not json".getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
              }
            });
    // Only they reach the dead letters, and every one of them does.
    assertThat(counts.deadLetters().keySet())
        .containsExactlyInAnyOrderElementsOf(CONSUMED.stream().map(t -> t + ".dlq").toList());
  }

  /**
   * One fault under load: sends, runs {@code fault} midway, waits for quiet, counts, and checks
   * that every acknowledged webhook is exactly one case and every citizen got one acknowledgement
   * and nothing twice. Dead letters are expected only where the fault is poison.
   */
  private Counts phase(String fault, int maxCopies, Runnable midwayFault) throws Exception {
    String prefix = "tahan" + RUN + (char) ('a' + results.size()) + "w";
    Map<String, Integer> dlqBefore = deadLetterCounts();
    Instant[] faultOver = new Instant[1];
    Instant t0 = Instant.now();
    List<Sent> sent;
    try {
      sent =
          new WhatsAppLoad(platform, QUIET_WAIT)
              .run(
                  prefix,
                  WEBHOOKS,
                  INTERVAL,
                  maxCopies,
                  () -> {
                    midwayFault.run();
                    faultOver[0] = Instant.now();
                  });
    } catch (Exception | Error e) {
      failed = true;
      throw e;
    }
    List<Sent> acknowledged = sent.stream().filter(Sent::acknowledged).toList();

    Instant deadline = Instant.now().plus(QUIET_WAIT);
    Instant quiet;
    do {
      quiet = Instant.now();
      if (caseTotal(prefix) >= acknowledged.size()
          && acknowledgementsPerPhone(acknowledged).keySet().size() == acknowledged.size()) {
        break;
      }
      Thread.sleep(1000);
    } while (Instant.now().isBefore(deadline));
    // A little longer: a duplicate would come after the first.
    Thread.sleep(3000);

    Map<String, List<String>> casesByMarker = casesPerMarker(prefix);
    Map<String, List<String>> acks = acknowledgementsPerPhone(acknowledged);
    Map<String, Integer> perMessage = messagesPerCitizenAndText(sent);
    Set<String> tickets = new HashSet<>();
    casesByMarker.values().forEach(tickets::addAll);
    SlaCount slaCount = slaEvents(tickets);
    Map<String, Integer> sla = slaCount.eventsPerLevel();
    Map<String, Integer> dlqAfter = deadLetterCounts();
    Map<String, Integer> deadLetters = new LinkedHashMap<>();
    dlqAfter.forEach(
        (topic, n) -> {
          int delta = n - dlqBefore.getOrDefault(topic, 0);
          if (delta > 0) {
            deadLetters.put(topic, delta);
          }
        });

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
    if (!fault.startsWith("a poison") && !deadLetters.isEmpty()) {
      problems.add("dead letters without poison: " + deadLetters);
    }
    // Meta's retries get (nearly) every webhook in.
    if (acknowledged.size() < sent.size() * 9 / 10) {
      problems.add("only " + acknowledged.size() + " of " + sent.size() + " acknowledged");
    }
    Counts counts =
        new Counts(
            fault,
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
            deadLetters,
            Duration.between(faultOver[0] == null ? t0 : faultOver[0], quiet).toSeconds(),
            problems);
    results.add(counts);
    System.out.println(row(counts));
    sent.stream()
        .filter(s -> !s.trace().matches("2\\d\\d ok"))
        .limit(20)
        .forEach(s -> System.out.println("  webhook " + s.index() + ": " + s.trace()));
    try {
      assertThat(problems).as(fault).isEmpty();
    } catch (AssertionError e) {
      failed = true;
      throw e;
    }
    return counts;
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

  /** The number of records on every dead-letter topic. */
  private Map<String, Integer> deadLetterCounts() {
    Map<String, Integer> out = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      for (String topic : consumer.listTopics(Duration.ofSeconds(30)).keySet()) {
        if (!topic.endsWith(".dlq")) {
          continue;
        }
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> begin =
            consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        long n = 0;
        for (TopicPartition p : partitions) {
          n += end.get(p) - begin.get(p);
        }
        out.put(topic, (int) n);
      }
    }
    return out;
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Instant giveUp = Instant.now().plusSeconds(60);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && Instant.now().isBefore(giveUp)) {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
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
