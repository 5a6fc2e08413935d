package id.aduan.whatsapp.bench;

import id.aduan.contracts.Topics;
import id.aduan.support.HubSignature;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.whatsapp.WhatsAppApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Not a test: the webhook benchmark of docs/benchmarks.md. Starts a real KRaft broker and the
 * MongoDB-protocol server in this JVM, one channel-whatsapp instance ({@code acks=all}, synchronous
 * sends, as configured for production), then fires signed text webhooks on 127.0.0.1 from bounded
 * loops: first from {@code concurrency} closed-loop clients to find the acknowledged rate at
 * saturation, then open-loop at half that rate to measure acknowledgement latency (from the
 * scheduled send time, so a stalled server is not hidden). Run it with bench/run.sh.
 *
 * <p>Arguments (all optional): concurrency (64), saturation requests (30000), latency seconds (20),
 * warm-up requests (5000).
 */
public final class WebhookBenchmark {

  private static final String SECRET = "bench-app-secret";
  private static final AtomicLong WAMIDS = new AtomicLong();

  public static void main(String[] args) throws Exception {
    int concurrency = arg(args, 0, 64);
    int saturationRequests = arg(args, 1, 30_000);
    int latencySeconds = arg(args, 2, 20);
    int warmup = arg(args, 3, 5_000);

    EmbeddedKafkaKraftBroker broker =
        new EmbeddedKafkaKraftBroker(1, 2, Topics.all().toArray(String[]::new));
    broker.afterPropertiesSet();
    ConfigurableApplicationContext service =
        WhatsAppApplication.builder()
            .run(
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("whatsapp-bench"),
                "--server.port=0",
                "--logging.level.root=WARN",
                "--aduan.whatsapp.app-secret=" + SECRET,
                "--aduan.whatsapp.verify-token=bench",
                "--aduan.whatsapp.access-token=bench",
                "--aduan.whatsapp.graph-base-url=http://127.0.0.1:9/v23.0");
    int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    URI uri = URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp");
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .build();
    HubSignature signer = new HubSignature(SECRET);
    try {
      System.out.printf(
          "machine: %d cores, %d MiB max heap, %s %s%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024),
          System.getProperty("os.name"),
          System.getProperty("java.version"));
      closedLoop(http, uri, signer, concurrency, warmup);
      double rate = closedLoop(http, uri, signer, concurrency, saturationRequests);
      System.out.printf(
          "saturation: %.0f acknowledged webhooks/s (%d requests, %d clients)%n",
          rate, saturationRequests, concurrency);
      int half = (int) (rate / 2);
      long[] latencies = openLoop(http, uri, signer, half, latencySeconds);
      System.out.printf(
          "at %d/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)%n",
          half,
          latencySeconds,
          percentile(latencies, 50) / 1e6,
          percentile(latencies, 99) / 1e6,
          latencies[latencies.length - 1] / 1e6,
          latencies.length);
    } finally {
      service.close();
      broker.destroy();
      System.exit(0);
    }
  }

  /** Returns acknowledged webhooks per second; every answer other than 200 stops the run. */
  private static double closedLoop(
      HttpClient http, URI uri, HubSignature signer, int clients, int requests)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      pool.execute(
          () -> {
            while (next.getAndIncrement() < requests) {
              if (send(http, uri, signer) != 200) {
                failures.incrementAndGet();
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " webhooks were not acknowledged");
    }
    return requests / seconds;
  }

  /** Sends at a fixed rate; each latency counts from the moment the request was due. */
  private static long[] openLoop(
      HttpClient http, URI uri, HubSignature signer, int rate, int seconds)
      throws InterruptedException {
    int total = rate * seconds;
    long[] latencies = new long[total];
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(256);
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int index = i;
      pool.execute(
          () -> {
            if (send(http, uri, signer) != 200) {
              failures.incrementAndGet();
            }
            latencies[index] = System.nanoTime() - due;
          });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " webhooks were not acknowledged");
    }
    Arrays.sort(latencies);
    return latencies;
  }

  private static int send(HttpClient http, URI uri, HubSignature signer) {
    long n = WAMIDS.incrementAndGet();
    String from = "62812" + (10_000_000 + n % 1000);
    byte[] body =
        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"B\",\"changes\":[{\"field\":"
                + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"6281221742841\",\"phone_number_id\":\"100000000000001\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Warga "
                + n % 1000
                + "\"},\"wa_id\":\""
                + from
                + "\"}],\"messages\":[{\"from\":\""
                + from
                + "\",\"id\":\"wamid.BENCH-"
                + n
                + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond()
                + "\",\"type\":\"text\",\"text\":{\"body\":\"Bantuan PKH ibu saya belum cair sejak"
                + " Januari, mohon dibantu\"}}]}}]}]}")
            .getBytes(StandardCharsets.UTF_8);
    try {
      return http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header("X-Hub-Signature-256", signer.signatureHeader(body))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static int arg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  private WebhookBenchmark() {}
}
