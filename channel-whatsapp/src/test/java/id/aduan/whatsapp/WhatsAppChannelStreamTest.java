package id.aduan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.support.HubSignature;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.ProviderStandIn;
import id.aduan.testsupport.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.messaging.Message;

/**
 * channel-whatsapp on the in-JVM KRaft broker and MongoDB-protocol server, with a local HTTP server
 * standing in for the Graph API. One application context for every scenario. Records a test writes
 * go to partition 0, so a later record on it is consumed only after the earlier ones.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppChannelStreamTest {

  private static final String SECRET = "stream-test-secret";
  private static final String BDG_NUMBER = "100000000000001";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newHttpClient();
  private final HubSignature signer = new HubSignature(SECRET);
  private static final ProviderStandIn graph = new ProviderStandIn();

  @RegisterExtension
  static final AduanService app =
      AduanService.of(WhatsAppApplication::builder, "whatsapp-stream")
          .property("aduan.whatsapp.graph-base-url", graph::baseUrl)
          .property("aduan.whatsapp.app-secret", SECRET)
          .property("aduan.whatsapp.verify-token", "stream-verify")
          .property("aduan.whatsapp.access-token", "stream-token")
          .thenClose(graph);

  // --- webhooks in -----------------------------------------------------------------------------

  @Test
  void givenUnknownPhoneNumberId_thenAnswered200_nothingPublished_andDeadLetteredWithReason()
      throws Exception {
    String wamid = "wamid.UNKNOWN-" + UUID.randomUUID();
    byte[] body = webhook("999999999999999", wamid, "nomor tidak dikenal");

    HttpResponse<String> response = post(body, signer.signatureHeader(body));

    assertThat(response.statusCode()).isEqualTo(200);
    // The adapter answers only after Kafka acknowledged, so the topics already hold the outcome.
    try (TopicProbe inbound = new TopicProbe(app.brokers(), Topics.COMPLAINTS_INBOUND)) {
      assertThat(inbound.readToEnd(PATIENCE)).noneMatch(r -> text(r).contains(wamid));
    }
    try (TopicProbe dlq = new TopicProbe(app.brokers(), Topics.dlq(Topics.COMPLAINTS_INBOUND))) {
      List<DeadLetter> letters =
          dlq.readToEnd(PATIENCE).stream()
              .filter(r -> header(r, CloudEventHeaders.TYPE).equals("id.aduan.dead-letter.v1"))
              .map(r -> app.bean(CloudEvents.class).read(r.value(), DeadLetter.class))
              .filter(d -> decode(d.payloadBase64()).contains(wamid))
              .toList();
      assertThat(letters)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.reason()).isEqualTo("UNKNOWN_ACCOUNT");
                assertThat(d.channel()).isEqualTo(Channel.WHATSAPP);
                assertThat(d.source()).isEqualTo("channel-whatsapp");
              });
    }
  }

  @Test
  void givenSignedWebhookDeliveredTwice_thenOneComplaintOnInboundWithCloudEventsHeaders()
      throws Exception {
    String wamid = "wamid.TWICE-" + UUID.randomUUID();
    byte[] body = webhook(BDG_NUMBER, wamid, "Jalan di depan rumah berlubang");

    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);
    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);

    try (TopicProbe inbound = new TopicProbe(app.brokers(), Topics.COMPLAINTS_INBOUND)) {
      List<ConsumerRecord<String, byte[]>> published =
          inbound.readToEnd(PATIENCE).stream().filter(r -> text(r).contains(wamid)).toList();
      assertThat(published).hasSize(1);
      ConsumerRecord<String, byte[]> record = published.getFirst();
      assertThat(record.key()).isEqualTo("BDG:6281234567890");
      assertThat(header(record, CloudEventHeaders.TYPE))
          .isEqualTo("id.aduan.complaint.received.v1");
      assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/aduan/channel-whatsapp");
      assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
      ComplaintReceived complaint =
          app.bean(CloudEvents.class).read(record.value(), ComplaintReceived.class);
      assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(complaint.eventId());
      assertThat(complaint.text()).isEqualTo("Jalan di depan rumah berlubang");
      assertThat(complaint.agencyCode()).isEqualTo("BDG");
    }
  }

  @Test
  void givenWrongSignature_then401AndNothingPublished() throws Exception {
    String wamid = "wamid.FORGED-" + UUID.randomUUID();
    byte[] body = webhook(BDG_NUMBER, wamid, "palsu");

    HttpResponse<String> response =
        post(body, new HubSignature("someone-else").signatureHeader(body));

    assertThat(response.statusCode()).isEqualTo(401);
    try (TopicProbe inbound = new TopicProbe(app.brokers(), Topics.COMPLAINTS_INBOUND)) {
      assertThat(inbound.readToEnd(PATIENCE)).noneMatch(r -> text(r).contains(wamid));
    }
  }

  @Test
  void givenSignedBodyThatIsNotJson_then400ProblemDetail() throws Exception {
    byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(body, signer.signatureHeader(body));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  // --- deliverWhatsApp -------------------------------------------------------------------------

  @Test
  void givenTheSameOutboundRecordPublishedTwice_thenTheCitizenGetsOneMessageAndOneReceipt() {
    OutboundMessage once = outbound("Pesan sekali-" + UUID.randomUUID());
    OutboundMessage after = outbound("Pesan penanda-" + UUID.randomUUID());

    publishOutbound(once);
    publishOutbound(once);
    publishOutbound(after);

    await().atMost(PATIENCE).until(() -> !graph.requestsMentioning(after.text()).isEmpty());
    assertThat(graph.requestsMentioning(once.text()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("/v23.0/" + BDG_NUMBER + "/messages");
              assertThat(r.authorization()).isEqualTo("Bearer stream-token");
              assertThat(r.body()).contains("\"to\":\"6281234567890\"");
            });
    assertThat(receiptsFor(once.eventId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(DeliveryReceipt.Status.SENT);
              assertThat(r.providerMessageId()).startsWith("wamid.OUT");
            });
  }

  @Test
  void givenTheGraphApiAnswers500_thenTheSendIsRetriedAndSucceedsOnce() {
    OutboundMessage message = outbound("Pesan dicoba ulang-" + UUID.randomUUID());
    graph.failNext(message.text(), 1);

    publishOutbound(message);

    await().atMost(PATIENCE).until(() -> !receiptsFor(message.eventId()).isEmpty());
    assertThat(graph.requestsMentioning(message.text())).hasSize(2);
    assertThat(receiptsFor(message.eventId()))
        .singleElement()
        .extracting(DeliveryReceipt::status)
        .isEqualTo(DeliveryReceipt.Status.SENT);
  }

  @Test
  void givenGarbageOnOutbound_thenDeadLetteredWithReasonAndTheNextMessageIsStillSent() {
    String garbage = "garbage-" + UUID.randomUUID();
    OutboundMessage after = outbound("Setelah sampah-" + UUID.randomUUID());

    app.writer()
        .send(
            Topics.OUTBOUND_WHATSAPP,
            0,
            "6281234567890",
            garbage.getBytes(StandardCharsets.UTF_8),
            Map.of());
    publishOutbound(after);

    await().atMost(PATIENCE).until(() -> !graph.requestsMentioning(after.text()).isEmpty());
    assertThat(deadLettersContaining(Topics.dlq(Topics.OUTBOUND_WHATSAPP), garbage))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("MALFORMED"));
  }

  @Test
  void givenUnknownCeTypeOnOutbound_thenDeadLetteredAsUnknownTypeAndNothingSent() {
    OutboundMessage odd = outbound("Tipe aneh-" + UUID.randomUUID());
    Message<byte[]> message =
        app.bean(CloudEvents.class).toMessage(odd, "6281234567890", odd.ticket());
    Map<String, Object> headers = new HashMap<>(message.getHeaders());
    headers.put(CloudEventHeaders.TYPE, "id.aduan.outbound.message.v9");
    OutboundMessage after = outbound("Setelah tipe aneh-" + UUID.randomUUID());

    app.writer().send(Topics.OUTBOUND_WHATSAPP, 0, "6281234567890", message.getPayload(), headers);
    publishOutbound(after);

    await().atMost(PATIENCE).until(() -> !graph.requestsMentioning(after.text()).isEmpty());
    assertThat(graph.requestsMentioning(odd.text())).isEmpty();
    assertThat(deadLettersContaining(Topics.dlq(Topics.OUTBOUND_WHATSAPP), odd.text()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_TYPE"));
  }

  @Test
  void givenAnotherKindOfRecordOnOutbound_thenDeadLetteredAsWrongTypeAndNothingSent() {
    DeliveryReceipt stray =
        new DeliveryReceipt(
            UUID.randomUUID().toString(),
            Instant.now(),
            Channel.WHATSAPP,
            "BDG",
            "out-stray",
            "wamid.STRAY",
            DeliveryReceipt.Status.READ,
            null,
            null,
            Instant.now());
    Message<byte[]> message = app.bean(CloudEvents.class).toMessage(stray, "6281234567890", null);
    OutboundMessage after = outbound("Setelah salah tipe-" + UUID.randomUUID());

    writeOutbound(message);
    publishOutbound(after);

    await().atMost(PATIENCE).until(() -> !graph.requestsMentioning(after.text()).isEmpty());
    assertThat(deadLettersContaining(Topics.dlq(Topics.OUTBOUND_WHATSAPP), stray.eventId()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("WRONG_TYPE"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private OutboundMessage outbound(String text) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        "BDG",
        "c-stream",
        "BDG-2026-000001",
        new ReplyAddress(Channel.WHATSAPP, BDG_NUMBER, "6281234567890"),
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
  }

  /** To partition 0, so a later record there is consumed only after this one. */
  private void writeOutbound(Message<byte[]> message) {
    app.writer()
        .send(
            Topics.OUTBOUND_WHATSAPP,
            0,
            "6281234567890",
            message.getPayload(),
            message.getHeaders());
  }

  private void publishOutbound(OutboundMessage outbound) {
    Message<byte[]> message =
        app.bean(CloudEvents.class).toMessage(outbound, "6281234567890", outbound.ticket());
    writeOutbound(message);
  }

  private List<DeliveryReceipt> receiptsFor(String outboundEventId) {
    try (TopicProbe receipts = new TopicProbe(app.brokers(), Topics.DELIVERY_RECEIPTS)) {
      return receipts.readToEnd(PATIENCE).stream()
          .map(r -> app.bean(CloudEvents.class).read(r.value(), DeliveryReceipt.class))
          .filter(r -> outboundEventId.equals(r.outboundEventId()))
          .toList();
    }
  }

  private List<ConsumerRecord<String, byte[]>> deadLettersContaining(String dlq, String text) {
    try (TopicProbe probe = new TopicProbe(app.brokers(), dlq)) {
      return probe.readToEnd(PATIENCE).stream().filter(r -> text(r).contains(text)).toList();
    }
  }

  private HttpResponse<String> post(byte[] body, String signature) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/whatsapp"))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] webhook(String numberId, String wamid, String text) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281221742841","phone_number_id":"%s"},
        "contacts":[{"profile":{"name":"Siti Aminah"},"wa_id":"6281234567890"}],
        "messages":[{"from":"6281234567890","id":"%s","timestamp":"1763607600","type":"text","text":{"body":"%s"}}]}}]}]}
        """
        .formatted(numberId, wamid, text)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String text(ConsumerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
