package id.aduan.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signed WhatsApp webhooks (Meta's {@code X-Hub-Signature-256}) from new citizens, each a text
 * message to BDG's number, for a bounded time: at a fixed rate, or as fast as {@code concurrency}
 * senders get answers (the maximum). Each webhook is sent once; what became of it is a {@link
 * Fired}. Used by the end-to-end benchmark against Aduan and against the raw baseline alike.
 */
final class WebhookFire {

  /** One webhook: who sent it, when (epoch ms), how long its answer took (ns), the status. */
  record Fired(String phone, String wamid, long sentAtMillis, long answerNanos, int status) {
    boolean acknowledged() {
      return status >= 200 && status < 300;
    }
  }

  private final Outside outside = new Outside();
  private final String run;
  private final AtomicInteger next = new AtomicInteger();

  /** {@code run}: a short tag that makes this run's phones and wamids its own. */
  WebhookFire(String run) {
    this.run = run;
  }

  /** As many webhooks as {@code concurrency} senders get answered within {@code duration}. */
  List<Fired> maximum(String url, int concurrency, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    List<Fired> out = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        senders.submit(
            () -> {
              while (System.nanoTime() < end) {
                out.add(fire(url));
              }
            });
      }
    }
    return new ArrayList<>(out);
  }

  /** One webhook every {@code 1/perSecond} s for {@code duration}, each on its own thread. */
  List<Fired> fixedRate(String url, double perSecond, Duration duration) throws Exception {
    long interval = (long) (1_000_000_000L / perSecond);
    long start = System.nanoTime();
    long count = (long) (duration.toNanos() / interval);
    List<Fired> out = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long i = 0; i < count; i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        senders.submit(() -> out.add(fire(url)));
      }
    }
    return new ArrayList<>(out);
  }

  private Fired fire(String url) {
    int n = next.getAndIncrement();
    // 62859 and 8 digits: the run's tag picks a block of a million numbers, n a number in it.
    String phone =
        "62859" + String.format("%02d%06d", Math.floorMod(run.hashCode(), 100), n % 1_000_000);
    String wamid = "wamid.BENCH-" + run + "-" + n;
    byte[] body =
        WhatsAppLoad.envelope(
                phone,
                wamid,
                "Lampu jalan di gang kami mati sejak minggu lalu, mohon diperbaiki. Ref "
                    + run
                    + "-"
                    + n
                    + " ("
                    + ThreadLocalRandom.current().nextInt(1000)
                    + ")",
                "Warga Uji Beban")
            .getBytes(StandardCharsets.UTF_8);
    long sentAt = System.currentTimeMillis();
    long t0 = System.nanoTime();
    Outside.Answer answer =
        outside.send(
            "POST",
            url,
            "application/json",
            body,
            "X-Hub-Signature-256",
            Outside.metaSignature(LocalPlatform.WHATSAPP_APP_SECRET, body));
    return new Fired(phone, wamid, sentAt, System.nanoTime() - t0, answer.status());
  }
}
