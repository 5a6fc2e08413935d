package id.aduan.whatsapp.bench;

import id.aduan.contracts.Topics;
import id.aduan.support.HubSignature;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.whatsapp.WhatsAppApplication;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Not a test: the webhook benchmark of docs/benchmarks.md. Starts a real KRaft broker and the
 * MongoDB-protocol server in this JVM, one channel-whatsapp instance ({@code acks=all}, as
 * configured for production), then fires pre-signed text webhooks on 127.0.0.1 over keep-alive
 * sockets from bounded loops: first from {@code concurrency} closed-loop clients to find the
 * acknowledged rate at saturation, then open-loop at half that rate to measure acknowledgement
 * latency (from the scheduled send time, so a stalled server is not hidden). Run it with
 * bench/run.sh.
 *
 * <p>Arguments (all optional): concurrency (64), saturation requests (30000), latency seconds (20),
 * warm-up requests (5000), latency rate (0: half the measured saturation rate).
 */
public final class WebhookBenchmark {

  private static final String SECRET = "bench-app-secret";
  private static final AtomicLong WAMIDS = new AtomicLong();

  public static void main(String[] args) throws Exception {
    int concurrency = arg(args, 0, 64);
    int saturationRequests = arg(args, 1, 30_000);
    int latencySeconds = arg(args, 2, 20);
    int warmup = arg(args, 3, 5_000);
    int fixedRate = arg(args, 4, 0);

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
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
    HubSignature signer = new HubSignature(SECRET);
    try {
      System.out.printf(
          "machine: %d cores, %d MiB max heap, %s %s; load average before: %s%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024),
          System.getProperty("os.name"),
          System.getProperty("java.version"),
          loadAverage());
      closedLoop(server, requests(signer, warmup, port), concurrency);
      byte[][] saturation = requests(signer, saturationRequests, port);
      long cpuBefore = processCpuNanos();
      long wallBefore = System.nanoTime();
      double rate = closedLoop(server, saturation, concurrency);
      double cpuShare = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
      System.out.printf(
          "saturation: %.0f acknowledged webhooks/s (%d requests, %d connections); this JVM used"
              + " %.2f of the 2 cores; load average: %s%n",
          rate, saturationRequests, concurrency, cpuShare, loadAverage());
      int half = fixedRate > 0 ? fixedRate : (int) (rate / 2);
      long[] latencies =
          openLoop(server, requests(signer, half * latencySeconds, port), half, concurrency);
      System.out.printf(
          "at %d/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests); load average:"
              + " %s%n",
          half,
          latencySeconds,
          percentile(latencies, 50) / 1e6,
          percentile(latencies, 99) / 1e6,
          latencies[latencies.length - 1] / 1e6,
          latencies.length,
          loadAverage());
    } finally {
      service.close();
      broker.destroy();
      System.exit(0);
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Returns acknowledged webhooks per second: {@code clients} connections, each sending its next
   * request as soon as the previous one was answered. Any answer other than 200 stops the run.
   */
  private static double closedLoop(InetSocketAddress server, byte[][] requests, int clients)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (Connection connection = new Connection(server)) {
                      int i;
                      while ((i = next.getAndIncrement()) < requests.length) {
                        if (connection.exchange(requests[i]) != 200) {
                          failures.incrementAndGet();
                        }
                      }
                    } catch (IOException e) {
                      failures.incrementAndGet();
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join(Duration.ofMinutes(10));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " webhooks were not acknowledged");
    }
    return requests.length / seconds;
  }

  /**
   * Sends at a fixed rate from {@code clients} connections; request i is due at start + i/rate, and
   * its latency counts from that moment (a stalled server delays the following requests, and that
   * delay is counted, not hidden).
   */
  private static long[] openLoop(InetSocketAddress server, byte[][] requests, int rate, int clients)
      throws InterruptedException {
    long[] latencies = new long[requests.length];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime() + 10_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (Connection connection = new Connection(server)) {
                      int i;
                      while ((i = next.getAndIncrement()) < requests.length) {
                        long due = start + i * period;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                          LockSupport.parkNanos(wait);
                        }
                        if (connection.exchange(requests[i]) != 200) {
                          failures.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - due;
                      }
                    } catch (IOException e) {
                      failures.incrementAndGet();
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join(Duration.ofMinutes(10));
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " webhooks were not acknowledged");
    }
    Arrays.sort(latencies);
    return latencies;
  }

  /**
   * Signed webhook requests with unique wamids from 1,000 citizens, built before the clock runs.
   */
  private static byte[][] requests(HubSignature signer, int count, int port) {
    byte[][] requests = new byte[count][];
    for (int r = 0; r < count; r++) {
      long n = WAMIDS.incrementAndGet();
      String from = "62812" + (10_000_000 + n % 1000);
      byte[] body =
          ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"B\",\"changes\":[{"
                  + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                  + "\"metadata\":{\"display_phone_number\":\"6281221742841\","
                  + "\"phone_number_id\":\"100000000000001\"},\"contacts\":[{\"profile\":{"
                  + "\"name\":\"Warga "
                  + n % 1000
                  + "\"},\"wa_id\":\""
                  + from
                  + "\"}],\"messages\":[{\"from\":\""
                  + from
                  + "\",\"id\":\"wamid.BENCH-"
                  + n
                  + "\",\"timestamp\":\""
                  + Instant.now().getEpochSecond()
                  + "\",\"type\":\"text\",\"text\":{\"body\":\"Bantuan PKH ibu saya belum"
                  + " cair sejak Januari, mohon dibantu\"}}]}}]}]}")
              .getBytes(StandardCharsets.UTF_8);
      byte[] head =
          ("POST /webhooks/whatsapp HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nContent-Type: application/json\r\nX-Hub-Signature-256: "
                  + signer.signatureHeader(body)
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] request = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      requests[r] = request;
    }
    return requests;
  }

  /**
   * One keep-alive HTTP/1.1 connection on a plain socket: the load generator shares the two cores
   * with the service, so it must cost next to nothing per request. Reconnects when the server
   * closes (Tomcat closes a connection after 100 requests by default).
   */
  private static final class Connection implements AutoCloseable {
    private final InetSocketAddress server;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    Connection(InetSocketAddress server) throws IOException {
      this.server = server;
      open();
    }

    private void open() throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(server, 5000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    int exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      long length = 0;
      boolean chunked = false;
      boolean close = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).strip());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().strip(), 16); size > 0; ) {
          in.skipNBytes(size);
          line();
          size = Long.parseLong(line().strip(), 16);
        }
        line();
      } else {
        in.skipNBytes(length);
      }
      if (close) {
        socket.close();
        open();
      }
      return code;
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("the server closed the connection");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
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
