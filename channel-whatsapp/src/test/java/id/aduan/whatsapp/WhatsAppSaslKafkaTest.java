package id.aduan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.EventTypes;
import id.aduan.contracts.Topics;
import id.aduan.support.HubSignature;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.KafkaBrokerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * channel-whatsapp against a broker that refuses unauthenticated clients (SASL_PLAINTEXT with
 * PLAIN, as a secured cluster): the webhook's own producer must get the security settings an
 * operator gives the binder, or every webhook times out and answers 503. What lands on the topic is
 * read with a plain Kafka consumer, so the CloudEvents headers are checked as they are on the wire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppSaslKafkaTest {

  private static final String SECRET = "sasl-app-secret";
  private static final String BDG = "100000000000001";
  private static final String BINDER = "--spring.cloud.stream.kafka.binder.";

  private final HttpClient http = HttpClient.newHttpClient();
  private final HubSignature signer = new HubSignature(SECRET);
  private KafkaBrokerProcess kafka;

  @BeforeAll
  void startBroker() throws Exception {
    kafka = KafkaBrokerProcess.withSaslPlain(Map.of("whatsapp", "whatsapp-secret"));
    kafka.start(Duration.ofMinutes(2));
    kafka.createTopics(Topics.all());
  }

  @AfterAll
  void stopBroker() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void withTheOperatorsCredentialsASignedWebhookIsAcceptedAndLandsOnTheTopicWithItsHeaders()
      throws Exception {
    String wamid = "wamid.SASL-" + UUID.randomUUID();
    try (ConfigurableApplicationContext service =
        start("sasl-ok", security("configuration", "whatsapp", "whatsapp-secret"), List.of())) {
      // Two webhooks: the first record's headers are mapped, later ones reuse them.
      assertThat(post(service, webhook(wamid + "-1")).statusCode()).isEqualTo(200);
      assertThat(post(service, webhook(wamid)).statusCode()).isEqualTo(200);
    }

    for (String id : List.of(wamid + "-1", wamid)) {
      ConsumerRecord<byte[], byte[]> record = find(id);
      assertThat(text(record, "content-type")).isEqualTo("application/json");
      assertThat(text(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
      assertThat(text(record, CloudEventHeaders.TYPE))
          .isEqualTo(EventTypes.typeOf(ComplaintReceived.class));
      assertThat(text(record, CloudEventHeaders.SOURCE)).isEqualTo("/aduan/channel-whatsapp");
      assertThat(text(record, CloudEventHeaders.ID)).isNotBlank();
      assertThat(Instant.parse(text(record, CloudEventHeaders.TIME))).isNotNull();
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(id);
    }
  }

  @Test
  void withAWrongPasswordForProducersTheWebhookAnswers503() throws Exception {
    // The binder's consumers and admin client authenticate (the service starts); every producer,
    // the webhook's own included, gets a password the broker refuses.
    List<String> wrongForProducers = security("producer-properties", "whatsapp", "wrong");
    try (ConfigurableApplicationContext service =
        start(
            "sasl-wrong",
            security("configuration", "whatsapp", "whatsapp-secret"),
            wrongForProducers)) {
      assertThat(post(service, webhook("wamid.SASL-WRONG-" + UUID.randomUUID())).statusCode())
          .isEqualTo(503);
    }
  }

  private static List<String> security(String where, String user, String password) {
    List<String> arguments = new ArrayList<>();
    KafkaBrokerProcess.saslPlain(user, password)
        .forEach((key, value) -> arguments.add(BINDER + where + "." + key + "=" + value));
    return arguments;
  }

  private ConfigurableApplicationContext start(
      String name, List<String> security, List<String> more) {
    List<String> arguments = new ArrayList<>(security);
    arguments.addAll(more);
    arguments.addAll(
        List.of(
            "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("whatsapp-" + name),
            "--server.port=0",
            "--aduan.whatsapp.app-secret=" + SECRET,
            "--aduan.whatsapp.verify-token=sasl-verify",
            "--aduan.whatsapp.access-token=sasl-token",
            "--aduan.whatsapp.graph-base-url=http://127.0.0.1:9",
            "--aduan.whatsapp.publish-timeout=3s"));
    return WhatsAppApplication.builder()
        .run(kafka.withBinderArguments(arguments.toArray(String[]::new)));
  }

  private HttpResponse<String> post(ConfigurableApplicationContext service, byte[] body)
      throws Exception {
    String port = service.getEnvironment().getProperty("local.server.port");
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp"))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", signer.signatureHeader(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The record of {@code wamid} on complaints.inbound.v1, read as any Kafka client reads it. */
  private ConsumerRecord<byte[], byte[]> find(String wamid) {
    Map<String, Object> config =
        new HashMap<>(KafkaBrokerProcess.saslPlain("whatsapp", "whatsapp-secret"));
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.COMPLAINTS_INBOUND).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (new String(r.value(), StandardCharsets.UTF_8).contains(wamid)) {
            return r;
          }
        }
      }
    }
    throw new AssertionError(wamid + " is not on " + Topics.COMPLAINTS_INBOUND);
  }

  private static String text(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] webhook(String wamid) {
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":[{"
            + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
            + "\"metadata\":{\"phone_number_id\":\""
            + BDG
            + "\"},\"contacts\":[{\"profile\":{\"name\":\"Warga\"},\"wa_id\":\"6281300000001\"}],"
            + "\"messages\":[{\"from\":\"6281300000001\",\"id\":\""
            + wamid
            + "\",\"timestamp\":\""
            + Instant.now().getEpochSecond()
            + "\",\"type\":\"text\",\"text\":{\"body\":\"Jalan rusak di depan rumah\"}}]}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
