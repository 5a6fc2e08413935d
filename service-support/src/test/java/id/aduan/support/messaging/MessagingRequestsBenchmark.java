package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Topics;
import id.aduan.testsupport.AduanKafka;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.messaging.Message;

/**
 * Not part of the suite (the class name does not end in Test): the Kafka requests and the CPU of
 * the shared publish and consume path (docs/adr/0060). A Spring Boot application with this module,
 * the shared settings ({@code aduan-messaging.yaml}), the binder, tracing and metrics as every
 * service has them publishes outbox entries ({@link Outbox#publish}, sealed bodies) to two topics
 * of the in-JVM KRaft broker at a steady rate and consumes them with a binder consumer that reads
 * each record ({@link EventPublisher#readOrDeadLetter}). It prints the broker's requests by kind
 * (its own request metrics), per record and per idle second, the process CPU per record (broker
 * included) and the latency from publish to consume. Run it with
 *
 * <pre>
 * ./mvnw -o -pl service-support -am verify -Dtest=MessagingRequestsBenchmark \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dmessaging.bench.rate=50
 * </pre>
 *
 * and {@code -Dmessaging.bench.fetch.min.bytes=1 -Dmessaging.bench.fetch.max.wait.ms=500} for the
 * client defaults instead of the shared settings.
 */
@AduanKafka
class MessagingRequestsBenchmark {

  private static final Map<String, Long> SENT = new ConcurrentHashMap<>();
  private static final List<Long> LATENCIES = Collections.synchronizedList(new ArrayList<>());
  private static final AtomicInteger CONSUMED = new AtomicInteger();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Bench {
    @Bean
    Consumer<Message<byte[]>> sink(EventPublisher publisher) {
      return message -> {
        String topic =
            CloudEvents.header(message, KafkaHeaders.RECEIVED_TOPIC).orElse(Topics.CASES_EVENTS);
        Object record = publisher.readOrDeadLetter(message, topic, null).orElseThrow();
        Long sent = SENT.remove(CloudEvents.eventId(record));
        if (sent != null) {
          LATENCIES.add(System.nanoTime() - sent);
        }
        CONSUMED.incrementAndGet();
      };
    }
  }

  @Test
  void publishAndConsume() throws Exception {
    int documents = Integer.getInteger("messaging.bench.documents", 1000);
    int rate = Integer.getInteger("messaging.bench.rate", 50);
    int idleSeconds = Integer.getInteger("messaging.bench.idle", 10);
    List<String> args = new ArrayList<>();
    args.add(
        "--spring.cloud.stream.kafka.binder.brokers="
            + EmbeddedKafkaCondition.getBroker().getBrokersAsString());
    args.add("--spring.config.import=classpath:aduan-messaging.yaml");
    args.add("--spring.application.name=messaging-bench");
    args.add("--aduan.demo.enabled=true");
    args.add("--aduan.demo.password=bench");
    args.add("--spring.cloud.function.definition=sink");
    args.add(
        "--spring.cloud.stream.bindings.sink-in-0.destination="
            + Topics.CASES_EVENTS
            + ","
            + Topics.OUTBOUND_WHATSAPP);
    args.add("--spring.cloud.stream.bindings.sink-in-0.group=bench");
    args.add("--spring.cloud.stream.kafka.bindings.sink-in-0.consumer.enable-dlq=false");
    args.add(
        "--spring.autoconfigure.exclude="
            + "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
            + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration,"
            + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration");
    for (String setting : List.of("fetch.min.bytes", "fetch.max.wait.ms")) {
      String value = System.getProperty("messaging.bench." + setting);
      if (value != null) {
        args.add("--spring.cloud.stream.kafka.binder.consumer-properties." + setting + "=" + value);
      }
    }
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(Bench.class)
            .web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new))) {
      Outbox outbox = app.getBean(Outbox.class);
      // Warm up until the consumer has its partitions and the JIT the path.
      publish(outbox, "warm", 200, 0);
      await(400);

      Map<String, Long> idleBefore = brokerRequests();
      long idleCpu = cpuNanos();
      Thread.sleep(idleSeconds * 1000L);
      Map<String, Long> idle = minus(brokerRequests(), idleBefore);
      long idleCpuNanos = cpuNanos() - idleCpu;

      LATENCIES.clear();
      int before = CONSUMED.get();
      Map<String, Long> loadBefore = brokerRequests();
      long cpu = cpuNanos();
      long start = System.nanoTime();
      publish(outbox, "bench", documents, rate);
      await(before + 2 * documents);
      long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
      Map<String, Long> load = minus(brokerRequests(), loadBefore);
      long cpuNanos = cpuNanos() - cpu;
      int records = 2 * documents;

      List<Long> latencies = new ArrayList<>(LATENCIES);
      Collections.sort(latencies);
      StringBuilder perRecord = new StringBuilder();
      load.forEach(
          (kind, n) -> {
            double idlePart = idle.getOrDefault(kind, 0L) * (double) seconds / idleSeconds;
            perRecord.append(
                String.format(
                    " %s=%.2f(%.2f)", kind, n / (double) records, (n - idlePart) / records));
          });
      StringBuilder perIdleSecond = new StringBuilder();
      idle.forEach(
          (kind, n) ->
              perIdleSecond.append(String.format(" %s=%.1f", kind, n / (double) idleSeconds)));
      System.out.printf(
          "MESSAGING-BENCH records=%d rate=%d/s fetch.min.bytes=%s fetch.max.wait.ms=%s%n"
              + "  broker requests per record (less the idle share):%s%n"
              + "  broker requests per idle second:%s%n"
              + "  cpu per record %.2f ms (less the idle share %.2f ms); idle cpu %.1f ms/s%n"
              + "  publish to consume p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          records,
          rate * 2,
          System.getProperty("messaging.bench.fetch.min.bytes", "(shared)"),
          System.getProperty("messaging.bench.fetch.max.wait.ms", "(shared)"),
          perRecord,
          perIdleSecond,
          cpuNanos / 1e6 / records,
          (cpuNanos - idleCpuNanos * (double) seconds / idleSeconds) / 1e6 / records,
          idleCpuNanos / 1e6 / idleSeconds,
          quantile(latencies, 0.5),
          quantile(latencies, 0.99),
          quantile(latencies, 1.0));
      assertThat(latencies).hasSize(records);
    }
  }

  /** Documents of two entries each (a case event and a message), as case-service's relay. */
  private static void publish(Outbox outbox, String prefix, int documents, int rate)
      throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < documents; i++) {
      if (rate > 0) {
        long due = start + i * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      String id = prefix + "-" + i;
      List<Outbox.Entry> entries =
          List.of(
              outbox.entry(Topics.CASES_EVENTS, "c-" + i, Samples.opened(id + "-c"), "BDG-" + i),
              outbox.entry(Topics.OUTBOUND_WHATSAPP, "628" + i, Samples.outbound(id + "-m"), null));
      long now = System.nanoTime();
      SENT.put(id + "-c", now);
      SENT.put(id + "-m", now);
      outbox.publish(entries, e -> {});
    }
  }

  private static void await(int consumed) throws InterruptedException {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (CONSUMED.get() < consumed && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(CONSUMED.get()).isGreaterThanOrEqualTo(consumed);
  }

  /** The broker's own request counters (kafka.network RequestMetrics), summed by request kind. */
  private static Map<String, Long> brokerRequests() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, Long> counts = new TreeMap<>();
    for (ObjectName name :
        server.queryNames(
            new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
      long count = ((Number) server.getAttribute(name, "Count")).longValue();
      String kind = name.getKeyProperty("request");
      // FetchConsumer and FetchFollower count the same requests as Fetch, by kind of client.
      if (!kind.startsWith("Fetch") || kind.equals("Fetch")) {
        counts.merge(kind, count, Long::sum);
      }
    }
    return counts;
  }

  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach(
        (kind, n) -> {
          long d = n - before.getOrDefault(kind, 0L);
          if (d > 0) {
            delta.put(kind, d);
          }
        });
    return delta;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double quantile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
  }
}
