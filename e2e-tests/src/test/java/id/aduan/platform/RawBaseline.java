package id.aduan.platform;

import com.mongodb.client.MongoClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The raw baseline of the end-to-end benchmark, on the same broker and store as the platform, in
 * the benchmark's JVM: a plain JDK HTTP server ({@code com.sun.net.httpserver}) that checks Meta's
 * {@code X-Hub-Signature-256} as channel-whatsapp does and produces the body to {@code
 * bench.raw.v1} with {@code acks=all} before it answers 200; and a plain consumer that writes, per
 * message, one copy of each kind of document a real complaint left in the platform's store (the
 * seeder's templates: the case, its clock, its notification records...) with the MongoDB driver
 * into the {@code bench-raw} database, one {@code insertMany} per collection for each poll. Nothing
 * else: no classification, no sealing, no outbox, no acknowledgement.
 */
final class RawBaseline implements AutoCloseable {

  static final String TOPIC = "bench.raw.v1";

  private final HttpServer server;
  private final KafkaProducer<String, byte[]> producer;
  private final Thread writer;
  private final Map<String, Long> writtenAt = new ConcurrentHashMap<>();
  private final JsonMapper json = JsonMapper.builder().build();
  private final byte[] secret;
  private volatile boolean running = true;

  RawBaseline(
      String bootstrap, int partitions, MongoClient mongo, List<StoreSeeder.Templates> templates)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (!admin.listTopics().names().get().contains(TOPIC)) {
        admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
      }
    }
    secret = LocalPlatform.WHATSAPP_APP_SECRET.getBytes(StandardCharsets.UTF_8);
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new StringSerializer(),
            new ByteArraySerializer());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/webhooks/whatsapp", this::webhook);
    server.start();

    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-raw-writer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(TOPIC));
    writer =
        Thread.ofPlatform()
            .name("bench-raw-writer")
            .daemon()
            .start(
                () -> {
                  int n = 0;
                  try (consumer) {
                    while (running) {
                      var records = consumer.poll(Duration.ofMillis(200));
                      // One insertMany per collection for the whole poll, as a plain
                      // consumer batches.
                      Map<String, List<Document>> batches = new java.util.LinkedHashMap<>();
                      List<String> wamids = new java.util.ArrayList<>();
                      for (ConsumerRecord<String, byte[]> r : records) {
                        String wamid = wamid(r.value());
                        wamids.add(wamid);
                        n++;
                        for (StoreSeeder.Templates t : templates) {
                          Document copy = StoreSeeder.copy(t.documents().getFirst(), Set.of(), n);
                          copy.put("_id", wamid + "/" + t.collection());
                          batches
                              .computeIfAbsent(t.collection(), c -> new java.util.ArrayList<>())
                              .add(copy);
                        }
                      }
                      batches.forEach(
                          (collection, docs) ->
                              mongo
                                  .getDatabase("bench-raw")
                                  .getCollection(collection)
                                  .insertMany(docs));
                      long now = System.currentTimeMillis();
                      wamids.forEach(w -> writtenAt.put(w, now));
                      if (!records.isEmpty()) {
                        consumer.commitSync();
                      }
                    }
                  }
                });
  }

  /** Where the baseline's webhook listens. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/whatsapp";
  }

  /** When the documents of this wamid's message were written (epoch ms), or null. */
  Long writtenAt(String wamid) {
    return writtenAt.get(wamid);
  }

  private void webhook(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature-256");
      if (!"POST".equals(exchange.getRequestMethod()) || !valid(signature, body)) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      JsonNode message = json.readTree(body).path("entry").path(0).path("changes").path(0);
      String from = message.path("value").path("messages").path(0).path("from").asString("");
      try {
        producer.send(new ProducerRecord<>(TOPIC, from, body)).get();
      } catch (Exception e) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private boolean valid(String signature, byte[] body) {
    if (signature == null || !signature.startsWith("sha256=")) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] expected = mac.doFinal(body);
      byte[] given = HexFormat.of().parseHex(signature.substring(7));
      return MessageDigest.isEqual(expected, given);
    } catch (Exception e) {
      return false;
    }
  }

  private String wamid(byte[] body) {
    return json.readTree(body)
        .path("entry")
        .path(0)
        .path("changes")
        .path(0)
        .path("value")
        .path("messages")
        .path(0)
        .path("id")
        .asString("");
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    server.stop(0);
    producer.close();
    writer.join(5_000);
  }
}
