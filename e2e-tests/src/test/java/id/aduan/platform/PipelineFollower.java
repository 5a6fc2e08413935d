package id.aduan.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows complaints through the started platform from outside: {@code CaseOpened} on {@code
 * cases.events.v1} (its {@code sourceMessageId} names the citizen's wamid; the record's time is
 * when case-service published it, after the case was stored), the first {@code SlaClockStarted} of
 * that case on {@code sla.events.v1}, and the first message the provider sandbox received that
 * quotes the wamid (the acknowledgement, {@code context.message_id}). Times are epoch milliseconds
 * of this machine's clock, as every process shares it.
 */
final class PipelineFollower implements AutoCloseable {

  /** Where one complaint has got to: 0 when a stage has not been seen. */
  static final class Progress {
    volatile String caseId;
    volatile String ticket;
    volatile long caseAt;
    volatile long clockAt;
    volatile long ackAt;
  }

  private final LocalPlatform platform;
  private final Outside outside = new Outside();
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, Progress> byWamid = new ConcurrentHashMap<>();
  private final Map<String, Progress> byCase = new ConcurrentHashMap<>();
  private final Map<String, Long> clockByCase = new ConcurrentHashMap<>();
  private final Thread reader;
  private volatile boolean running = true;

  PipelineFollower(LocalPlatform platform) {
    this.platform = platform;
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                2000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        java.util.stream.Stream.of("cases.events.v1", "sla.events.v1")
            .flatMap(
                t ->
                    consumer.partitionsFor(t, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(t, p.partition())))
            .toList();
    consumer.assign(partitions);
    // Only what happens from now on: the seeded and earlier cases are not followed.
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    reader =
        Thread.ofPlatform()
            .name("pipeline-follower")
            .daemon()
            .start(
                () -> {
                  try (consumer) {
                    while (running) {
                      for (ConsumerRecord<byte[], byte[]> r :
                          consumer.poll(Duration.ofMillis(200))) {
                        record(r);
                      }
                    }
                  }
                });
  }

  /** Where this wamid's complaint has got to (all stages 0 when nothing was seen yet). */
  Progress progress(String wamid) {
    return byWamid.computeIfAbsent(wamid, w -> new Progress());
  }

  private void record(ConsumerRecord<byte[], byte[]> r) {
    Header header = r.headers().lastHeader("ce_type");
    String type = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    if (!type.equals("id.aduan.case.opened.v1") && !type.equals("id.aduan.sla.clock-started.v1")) {
      return;
    }
    JsonNode event;
    try {
      event = json.readTree(r.value());
    } catch (RuntimeException e) {
      return;
    }
    String caseId = event.path("caseId").asString("");
    if (type.equals("id.aduan.sla.clock-started.v1")) {
      clockByCase.merge(caseId, r.timestamp(), Math::min);
      Progress p = byCase.get(caseId);
      if (p != null && p.clockAt == 0) {
        p.clockAt = r.timestamp();
      }
      return;
    }
    String source = event.path("sourceMessageId").asString("");
    // The benchmark's own citizens only; the channel may prefix the provider's id.
    int at = source.indexOf("wamid.BENCH-");
    Progress p = at < 0 ? null : byWamid.computeIfAbsent(source.substring(at), w -> new Progress());
    if (p != null && p.caseAt == 0) {
      p.caseId = caseId;
      p.ticket = event.path("ticket").asString("");
      p.caseAt = r.timestamp();
      byCase.put(caseId, p);
      Long clock = clockByCase.get(caseId);
      if (clock != null) {
        p.clockAt = clock;
      }
    }
  }

  /**
   * Reads the provider sandbox's journal ({@code /sandbox/requests?all=true}) and records, per
   * followed wamid, the time of the first Graph API send quoting it.
   */
  void readAcknowledgements() {
    Outside.Answer answer = outside.get(platform.sandbox() + "/sandbox/requests?all=true", null);
    if (answer.status() != 200) {
      return;
    }
    for (JsonNode request : json.readTree(answer.body())) {
      if (!request.path("path").asString("").endsWith("/messages")) {
        continue;
      }
      String body = request.path("body").asString("");
      int at = body.indexOf("wamid.BENCH-");
      if (at < 0) {
        continue;
      }
      JsonNode sent;
      try {
        sent = json.readTree(body);
      } catch (RuntimeException e) {
        continue;
      }
      Progress p =
          byWamid.computeIfAbsent(
              sent.path("context").path("message_id").asString(""), w -> new Progress());
      if (p.ackAt == 0) {
        p.ackAt = Instant.parse(request.path("at").asString()).toEpochMilli();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.join(5_000);
  }
}
