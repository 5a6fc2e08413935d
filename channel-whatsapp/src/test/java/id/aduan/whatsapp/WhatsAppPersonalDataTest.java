package id.aduan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.EventTypes;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.support.HubSignature;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.ProviderStandIn;
import id.aduan.testsupport.TopicProbe;
import id.aduan.testsupport.TopicWriter;
import id.aduan.whatsapp.persistence.CustomerWindows;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * No NIK or phone number in clear in what channel-whatsapp writes (docs/adr/0026): the topic log of
 * {@code complaints.inbound.v1} and its dead letters, and the 24-hour windows in MongoDB, while the
 * service and its consumers work with clear values. Runs with topic encryption on, as production
 * does, on the in-JVM broker and MongoDB-protocol server.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppPersonalDataTest {

  private static final String SECRET = "pii-test-secret";
  private static final String BDG_NUMBER = "100000000000001";
  private static final String CITIZEN = "6281234567890";
  private static final String NIK = "3273012345670001";
  private static final String OTHER_PHONE = "081298765432";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newHttpClient();
  private final HubSignature signer = new HubSignature(SECRET);
  private static final ProviderStandIn graph = new ProviderStandIn();

  @RegisterExtension
  static final AduanService app =
      AduanService.of(WhatsAppApplication::builder, "whatsapp-pii")
          .property("aduan.pii.topic-encryption", true)
          .property("aduan.whatsapp.graph-base-url", graph::baseUrl)
          .property("aduan.whatsapp.app-secret", SECRET)
          .property("aduan.whatsapp.verify-token", "pii-verify")
          .property("aduan.whatsapp.access-token", "pii-token")
          .thenClose(graph);

  @Test
  void aComplaintWithNikAndPhoneIsOnTheTopicOnlyAsCiphertext_andReadBackClear() throws Exception {
    String wamid = "wamid.PII-" + UUID.randomUUID();
    String text = "NIK saya " + NIK + ", hubungi " + OTHER_PHONE;
    byte[] body = webhook(BDG_NUMBER, wamid, text);

    assertThat(post(body).statusCode()).isEqualTo(200);

    try (TopicProbe inbound = new TopicProbe(app.brokers(), Topics.COMPLAINTS_INBOUND)) {
      ConsumerRecord<String, byte[]> record =
          inbound.readToEnd(PATIENCE).stream()
              .filter(r -> raw(r).contains(wamid))
              .findFirst()
              .orElseThrow();
      assertThat(raw(record))
          .doesNotContain(NIK)
          .doesNotContain(CITIZEN)
          .doesNotContain(OTHER_PHONE)
          .doesNotContain("Siti Aminah");
      assertThat(record.key()).doesNotContain(CITIZEN);
      assertThat(headers(record)).doesNotContain(CITIZEN).doesNotContain(NIK);

      ComplaintReceived read =
          app.bean(CloudEvents.class).read(record.value(), ComplaintReceived.class);
      assertThat(read.text()).isEqualTo(text);
      assertThat(read.sender().channelUserId()).isEqualTo(CITIZEN);
      assertThat(read.sender().displayName()).isEqualTo("Siti Aminah");
    }
  }

  @Test
  void aDeadLetteredWebhookKeepsItsRawBodyOnlyAsCiphertext() throws Exception {
    String wamid = "wamid.PII-DLQ-" + UUID.randomUUID();
    byte[] body = webhook("999999999999999", wamid, "NIK " + NIK);

    assertThat(post(body).statusCode()).isEqualTo(200);

    try (TopicProbe dlq = new TopicProbe(app.brokers(), Topics.dlq(Topics.COMPLAINTS_INBOUND))) {
      List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : dlq.readToEnd(PATIENCE)) {
        if (!header(r, CloudEventHeaders.TYPE).equals(EventTypes.typeOf(DeadLetter.class))) {
          continue;
        }
        DeadLetter letter = app.bean(CloudEvents.class).read(r.value(), DeadLetter.class);
        if (decode(letter.payloadBase64()).contains(wamid)) {
          letters.add(r);
          assertThat(decode(letter.payloadBase64())).contains(NIK).contains(CITIZEN);
          assertThat(raw(r)).doesNotContain(letter.payloadBase64()).doesNotContain(wamid);
        }
      }
      assertThat(letters).hasSize(1);
      assertThat(raw(letters.get(0))).doesNotContain(NIK).doesNotContain(CITIZEN);
    }
  }

  @Test
  void anEncryptedOutboundMessageReachesTheCitizenInClear() {
    String text = "Tiket Anda BDG-2026-000001 " + UUID.randomUUID();
    OutboundMessage outbound =
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Instant.now(),
            "BDG",
            "c-pii",
            "BDG-2026-000001",
            new ReplyAddress(Channel.WHATSAPP, BDG_NUMBER, CITIZEN),
            "ACKNOWLEDGEMENT",
            "id",
            null,
            text,
            null,
            null,
            List.of(),
            List.of(),
            true,
            null,
            null);
    Message<byte[]> message =
        app.bean(CloudEvents.class).toMessage(outbound, CITIZEN, outbound.ticket());
    assertThat(new String(message.getPayload(), StandardCharsets.UTF_8))
        .doesNotContain(CITIZEN)
        .doesNotContain(text);

    try (TopicWriter writer = new TopicWriter(app.brokers())) {
      app.writer()
          .send(
              Topics.OUTBOUND_WHATSAPP,
              0,
              app.bean(CloudEvents.class).key(CITIZEN),
              message.getPayload(),
              message.getHeaders());
    }

    await().atMost(PATIENCE).until(() -> !graph.requestsMentioning(text).isEmpty());
    assertThat(graph.requestsMentioning(text))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("\"to\":\"" + CITIZEN + "\""));
  }

  @Test
  void theCustomerWindowIsFoundByTheNumberButStoredUnderItsKeyedHash() throws Exception {
    String wamid = "wamid.PII-WIN-" + UUID.randomUUID();
    byte[] body = webhook(BDG_NUMBER, wamid, "jalan rusak");
    assertThat(post(body).statusCode()).isEqualTo(200);

    CustomerWindows windows = app.bean(CustomerWindows.class);
    windows.flush();

    assertThat(windows.lastInbound(BDG_NUMBER, CITIZEN)).isNotNull();
    List<Document> stored =
        app.bean(MongoTemplate.class)
            .getCollection("customer_windows")
            .find()
            .into(new ArrayList<>());
    assertThat(stored).isNotEmpty();
    assertThat(stored).allSatisfy(d -> assertThat(d.toJson()).doesNotContain(CITIZEN));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/whatsapp"))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", signer.signatureHeader(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] webhook(String numberId, String wamid, String text) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281221742841","phone_number_id":"%s"},
        "contacts":[{"profile":{"name":"Siti Aminah"},"wa_id":"%s"}],
        "messages":[{"from":"%s","id":"%s","timestamp":"1763607600","type":"text","text":{"body":"%s"}}]}}]}]}
        """
        .formatted(numberId, CITIZEN, CITIZEN, wamid, text)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String raw(ConsumerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static String headers(ConsumerRecord<String, byte[]> record) {
    StringBuilder all = new StringBuilder();
    for (Header h : record.headers()) {
      all.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8));
    }
    return all.toString();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
