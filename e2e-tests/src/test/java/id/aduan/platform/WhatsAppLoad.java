package id.aduan.platform;

import id.aduan.platform.Outside.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fixed-rate load of signed WhatsApp webhooks from distinct citizens, each retried as Meta
 * retries (every answer but 2xx, with growing pauses, for up to {@code patience}), optionally
 * delivered several times, concurrently and late, as Meta may.
 */
final class WhatsAppLoad {

  static final String BDG_NUMBER_ID = "100000000000001";

  /** What became of one citizen's webhook (every copy of it). */
  record Sent(
      int index, String phone, String wamid, String marker, boolean acknowledged, String trace) {}

  private final LocalPlatform platform;
  private final Outside outside = new Outside();
  private final Duration patience;

  WhatsAppLoad(LocalPlatform platform, Duration patience) {
    this.platform = platform;
    this.patience = patience;
  }

  /**
   * Sends {@code count} webhooks {@code interval} apart (markers {@code prefix + NNN + "z"}), each
   * {@code 1..maxCopies} times (the copies after the first up to {@code latestCopy} late); {@code
   * midway} runs once half of them have been started, on a thread of its own while the load goes
   * on. Returns when every copy has been acknowledged or given up.
   */
  List<Sent> run(
      String prefix,
      int count,
      Duration interval,
      int maxCopies,
      Duration latestCopy,
      Runnable midway)
      throws Exception {
    ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    List<CompletableFuture<Sent>> futures = new ArrayList<>();
    CompletableFuture<Void> fault = CompletableFuture.completedFuture(null);
    try {
      for (int i = 0; i < count; i++) {
        int index = i;
        int copies = maxCopies <= 1 ? 1 : 1 + ThreadLocalRandom.current().nextInt(maxCopies);
        futures.add(
            CompletableFuture.supplyAsync(
                () -> deliver(prefix, index, copies, latestCopy), senders));
        if (i == count / 2) {
          // On a thread of its own: the load goes on at its rate while the fault runs.
          fault = CompletableFuture.runAsync(midway, senders);
        }
        Thread.sleep(interval.toMillis());
      }
      fault.get(patience.toSeconds() + 300, TimeUnit.SECONDS);
      List<Sent> sent = new ArrayList<>();
      for (CompletableFuture<Sent> f : futures) {
        sent.add(f.get(patience.toSeconds() + 120, TimeUnit.SECONDS));
      }
      return sent;
    } finally {
      senders.shutdownNow();
    }
  }

  private Sent deliver(String prefix, int index, int copies, Duration latestCopy) {
    String phone =
        "62858" + String.format("%08d", Math.floorMod(prefix.hashCode(), 90_000) * 100 + index);
    String marker = prefix + String.format("%03d", index) + "z";
    String wamid = "wamid.TAHAN-" + prefix + index;
    byte[] body =
        envelope(
                phone,
                wamid,
                "Lampu jalan di gang kami mati sejak minggu lalu, mohon " + marker,
                "Warga Tahan Uji")
            .getBytes(StandardCharsets.UTF_8);
    List<CompletableFuture<String>> deliveries = new ArrayList<>();
    for (int copy = 0; copy < copies; copy++) {
      // The first copy now, the others concurrently and late (up to latestCopy).
      long late = copy == 0 ? 0 : ThreadLocalRandom.current().nextLong(latestCopy.toMillis() + 1);
      deliveries.add(
          CompletableFuture.supplyAsync(
              () -> {
                sleep(late);
                return attempts(body);
              },
              Executors.newVirtualThreadPerTaskExecutor()));
    }
    List<String> traces = deliveries.stream().map(CompletableFuture::join).toList();
    boolean acknowledged = traces.stream().anyMatch(t -> t.endsWith(" ok"));
    return new Sent(index, phone, wamid, marker, acknowledged, String.join(" | ", traces));
  }

  /** One delivery with Meta's retries; the trace ends with " ok" when it was acknowledged. */
  private String attempts(byte[] body) {
    StringBuilder trace = new StringBuilder();
    Instant giveUp = Instant.now().plus(patience);
    for (int attempt = 1; ; attempt++) {
      Answer answer =
          outside.send(
              "POST",
              platform.whatsapp() + "/webhooks/whatsapp",
              "application/json",
              body,
              "X-Hub-Signature-256",
              Outside.metaSignature(LocalPlatform.WHATSAPP_APP_SECRET, body));
      trace.append(trace.isEmpty() ? "" : " ").append(answer);
      if (answer.status() >= 200 && answer.status() < 300) {
        return trace.append(" ok").toString();
      }
      if (Instant.now().isAfter(giveUp)) {
        return trace.toString();
      }
      sleep(Math.min(1000L * attempt, 5000L));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A webhook as Meta sends it for one text message from {@code from} to BDG's number ({@link
   * #BDG_NUMBER_ID}).
   */
  static String envelope(String from, String id, String text, String profileName) {
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode root = json.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode value =
        root.putArray("entry")
            .addObject()
            .put("id", "waba-BDG")
            .putArray("changes")
            .addObject()
            .put("field", "messages")
            .putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "6281221742841")
        .put("phone_number_id", BDG_NUMBER_ID);
    value
        .putArray("contacts")
        .addObject()
        .put("wa_id", from)
        .putObject("profile")
        .put("name", profileName);
    ObjectNode message = value.putArray("messages").addObject();
    message.put("from", from);
    message.put("id", id);
    message.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    message.put("type", "text");
    message.putObject("text").put("body", text);
    return json.writeValueAsString(root);
  }
}
