package id.aduan.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.social.persistence.Conversations;
import id.aduan.support.HubSignature;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.ElsewhereServer;
import id.aduan.testsupport.OversizeBodies;
import id.aduan.testsupport.ProviderStandIn;
import id.aduan.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.messaging.Message;

/**
 * channel-social on the in-JVM KRaft broker and MongoDB-protocol server, with a local HTTP server
 * standing in for the Graph API (Send API and attachment CDN). One application context for every
 * scenario; every scenario uses its own citizen id.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocialChannelStreamTest {

  private static final String SECRET = "social-test-secret";
  private static final String BABEL_PAGE = "200000000000002";
  private static final String LBK_IG = "300000000000004";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newHttpClient();
  private final HubSignature signer = new HubSignature(SECRET);
  private static final ProviderStandIn graph = new ProviderStandIn();

  @RegisterExtension
  static final AduanService app =
      AduanService.of(SocialChannelApplication::builder, "social-stream")
          .property("aduan.social.graph-base-url", graph::baseUrl)
          .property("aduan.social.app-secret", SECRET)
          .property("aduan.social.verify-token", "social-verify")
          .property("aduan.social.page-access-token", "page-token")
          .property("aduan.social.max-media-size", "1KB")
          .property("aduan.social.retry-backoff", "20ms")
          .property("aduan.outbound.retry.first-backoff", "200ms")
          .property("aduan.outbound.retry.max-backoff", "400ms")
          .property("aduan.outbound.retry.poll-interval", "100ms")
          .thenClose(graph);

  // --- webhooks in -----------------------------------------------------------------------------

  /**
   * 600 MB announced by Content-Length, or in one chunk of a body that never ends: 413 while the
   * body is still open (a server that read it first would never answer), and the webhook answers
   * after.
   */
  @Test
  void givenABodyOverTheLimit_thenItIsRefusedWhileItStreams_andTheWebhookAnswersAfter()
      throws Exception {
    var declared =
        OversizeBodies.declared(app.port(), "POST", "/webhooks/meta", "application/json");
    var chunked =
        OversizeBodies.chunked(
            app.port(), "POST", "/webhooks/meta", "application/json", 1024 * 1024, (byte) ' ');

    assertThat(declared.status()).isEqualTo(413);
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(get("hub.mode=subscribe&hub.verify_token=social-verify&hub.challenge=99").body())
        .isEqualTo("99");
  }

  @Test
  void theHandshakeEchoesTheChallengeOnlyForTheRightToken() throws Exception {
    assertThat(get("hub.mode=subscribe&hub.verify_token=social-verify&hub.challenge=4242").body())
        .isEqualTo("4242");
    assertThat(get("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=4242").statusCode())
        .isEqualTo(403);
  }

  @Test
  void givenASignedMessengerMessageDeliveredTwice_thenOneComplaint() throws Exception {
    String mid = "m_TWICE-" + UUID.randomUUID();
    byte[] body =
        webhook(
            "page",
            BABEL_PAGE,
            event(
                "psid-twice", 0, "{\"mid\":\"" + mid + "\",\"text\":\"Rumah tidak layak huni\"}"));

    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);
    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);

    List<ComplaintReceived> complaints = complaintsWith(mid);
    assertThat(complaints).hasSize(1);
    assertThat(complaints.getFirst().agencyCode()).isEqualTo("BABEL");
    assertThat(complaints.getFirst().channel()).isEqualTo(Channel.FACEBOOK);
    assertThat(complaints.getFirst().text()).isEqualTo("Rumah tidak layak huni");
  }

  @Test
  void givenAWrongSignature_then401AndNothingPublished() throws Exception {
    String mid = "m_FORGED-" + UUID.randomUUID();
    byte[] body =
        webhook(
            "page",
            BABEL_PAGE,
            event("psid-forged", 0, "{\"mid\":\"" + mid + "\",\"text\":\"palsu\"}"));

    assertThat(post(body, new HubSignature("other").signatureHeader(body)).statusCode())
        .isEqualTo(401);
    assertThat(complaintsWith(mid)).isEmpty();
  }

  @Test
  void givenAnInstagramImageAndAnExpiredLink_thenTheImageIsInGridFs_andTheOtherMarkedFailed()
      throws Exception {
    String mid = "ig_MEDIA-" + UUID.randomUUID();
    byte[] jpeg = "fake-jpeg-bytes".getBytes(StandardCharsets.UTF_8);
    graph.media("foto-" + mid, jpeg);
    String attachments =
        "[{\"type\":\"image\",\"payload\":{\"url\":\"%s\"}},{\"type\":\"image\",\"payload\":{\"url\":\"%s\"}}]"
            .formatted(graph.mediaUrl("foto-" + mid), graph.mediaUrl("gone-" + mid));
    byte[] body =
        webhook(
            "instagram",
            LBK_IG,
            event(
                "igsid-media", 0, "{\"mid\":\"" + mid + "\",\"attachments\":" + attachments + "}"));

    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);

    ComplaintReceived complaint = complaintsWith(mid).getFirst();
    assertThat(complaint.channel()).isEqualTo(Channel.INSTAGRAM);
    assertThat(complaint.agencyCode()).isEqualTo("LBK");
    assertThat(complaint.attachments()).hasSize(2);
    ComplaintReceived.Attachment stored = complaint.attachments().get(0);
    assertThat(stored.status()).isEqualTo("STORED");
    assertThat(stored.sizeBytes()).isEqualTo(jpeg.length);
    var file =
        app.bean(GridFsTemplate.class)
            .findOne(Query.query(Criteria.where("_id").is(new ObjectId(stored.storageRef()))));
    assertThat(file).isNotNull();
    assertThat(file.getLength()).isEqualTo(jpeg.length);
    assertThat(complaint.attachments().get(1).status()).isEqualTo("FAILED");
    assertThat(complaint.attachments().get(1).storageRef()).isNull();
  }

  /**
   * Attachment URLs off Meta's hosts, named directly or reached by a redirect from an allowed host:
   * never fetched, FAILED with the text going on, and counted.
   */
  @Test
  void givenAttachmentUrlsOffTheProviderHosts_thenNeitherIsFetched_andBothAreFailed()
      throws Exception {
    ElsewhereServer internal = new ElsewhereServer();
    String internalUrl = internal.url("/internal");
    HttpServer redirector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    redirector.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Location", internalUrl);
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    redirector.start();
    try {
      String mid = "m_ELSEWHERE-" + UUID.randomUUID();
      String attachments =
          "[{\"type\":\"image\",\"payload\":{\"url\":\"%s\"}},{\"type\":\"image\",\"payload\":{\"url\":\"%s\"}}]"
              .formatted(
                  internalUrl,
                  "http://127.0.0.1:" + redirector.getAddress().getPort() + "/redirect");
      double before = refusedUrls();
      byte[] body =
          webhook(
              "instagram",
              LBK_IG,
              event(
                  "igsid-elsewhere",
                  0,
                  "{\"mid\":\"" + mid + "\",\"attachments\":" + attachments + "}"));

      assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);

      ComplaintReceived complaint = complaintsWith(mid).getFirst();
      assertThat(complaint.attachments())
          .extracting(a -> a.status())
          .containsExactly("FAILED", "FAILED");
      assertThat(complaint.attachments()).allMatch(a -> a.storageRef() == null);
      assertThat(internal.hits()).as("the internal host was never called").isZero();
      assertThat(refusedUrls() - before).isEqualTo(2);
    } finally {
      internal.close();
      redirector.stop(0);
    }
  }

  private double refusedUrls() {
    var counter =
        app.bean(MeterRegistry.class)
            .find("aduan.media.url.refused")
            .tag("channel", "social")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void givenAnEcho_aDeletionAndAnEdit_thenNoComplaint_andBothRecordedOnTheConversation()
      throws Exception {
    String user = "psid-edits-" + UUID.randomUUID();
    String echo = "m_ECHO-" + UUID.randomUUID();
    byte[] body =
        webhook(
            "page",
            BABEL_PAGE,
            event(
                user,
                0,
                "{\"mid\":\"" + echo + "\",\"text\":\"balasan halaman\",\"is_echo\":true}"),
            event(user, 0, "{\"mid\":\"m_DEL\",\"is_deleted\":true}"),
            "{\"sender\":{\"id\":\""
                + user
                + "\"},\"recipient\":{\"id\":\""
                + BABEL_PAGE
                + "\"},\"timestamp\":"
                + Instant.now().toEpochMilli()
                + ",\"message_edit\":{\"mid\":\"m_EDIT\",\"text\":\"diperbaiki\",\"num_edit\":1}}");

    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);

    assertThat(complaintsWith(echo)).isEmpty();
    assertThat(app.bean(Conversations.class).events(Channel.FACEBOOK, BABEL_PAGE, user))
        .extracting(Conversations.Event::kind, Conversations.Event::mid)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("DELETED", "m_DEL"),
            org.assertj.core.groups.Tuple.tuple("EDITED", "m_EDIT"));
    assertThat(app.bean(Conversations.class).events(Channel.FACEBOOK, BABEL_PAGE, user))
        .extracting(Conversations.Event::newText)
        .contains("diperbaiki");
    // Stored under a keyed hash of the user and with the edited text sealed (docs/adr/0026).
    assertThat(
            app.bean(org.springframework.data.mongodb.core.MongoTemplate.class)
                .getCollection("social_conversations")
                .find()
                .map(org.bson.Document::toJson)
                .into(new java.util.ArrayList<>()))
        .isNotEmpty()
        .noneMatch(json -> json.contains(user) || json.contains("diperbaiki"));
  }

  @Test
  void givenAnUnknownPage_thenAnswered200AndDeadLetteredWithReason() throws Exception {
    String mid = "m_UNKNOWN-" + UUID.randomUUID();
    byte[] body =
        webhook("page", "999999", event("psid-x", 0, "{\"mid\":\"" + mid + "\",\"text\":\"x\"}"));

    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);

    try (TopicProbe dlq = new TopicProbe(app.brokers(), Topics.dlq(Topics.COMPLAINTS_INBOUND))) {
      assertThat(
              dlq.readToEnd(PATIENCE).stream()
                  .filter(r -> header(r, CloudEventHeaders.TYPE).equals("id.aduan.dead-letter.v1"))
                  .map(r -> app.bean(CloudEvents.class).read(r.value(), DeadLetter.class))
                  .filter(
                      d ->
                          new String(
                                  Base64.getDecoder().decode(d.payloadBase64()),
                                  StandardCharsets.UTF_8)
                              .contains(mid)))
          .singleElement()
          .extracting(DeadLetter::reason)
          .isEqualTo("UNKNOWN_ACCOUNT");
    }
    assertThat(complaintsWith(mid)).isEmpty();
  }

  // --- deliverSocial and receipts --------------------------------------------------------------

  @Test
  void givenTheCitizenWroteJustNow_thenAStandardReply_thenDeliveryAndReadBecomeReceipts()
      throws Exception {
    String user = "psid-window-" + UUID.randomUUID();
    citizenWrote("page", BABEL_PAGE, user, Duration.ZERO);
    OutboundMessage reply =
        outbound(Channel.FACEBOOK, BABEL_PAGE, user, "Terima kasih " + user, true);

    publishOutbound(reply);

    await().atMost(PATIENCE).until(() -> !receiptsFor(reply.eventId()).isEmpty());
    assertThat(graph.requestsMentioning(reply.text()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("/v23.0/" + BABEL_PAGE + "/messages");
              assertThat(r.authorization()).isEqualTo("Bearer page-token");
              assertThat(r.body())
                  .contains("\"messaging_type\":\"RESPONSE\"")
                  .doesNotContain("HUMAN_AGENT");
            });
    DeliveryReceipt sent = receiptsFor(reply.eventId()).getFirst();
    assertThat(sent.status()).isEqualTo(DeliveryReceipt.Status.SENT);

    long later = Instant.now().plusSeconds(5).toEpochMilli();
    byte[] delivery =
        webhook(
            "page",
            BABEL_PAGE,
            "{\"sender\":{\"id\":\""
                + user
                + "\"},\"recipient\":{\"id\":\""
                + BABEL_PAGE
                + "\"},\"timestamp\":"
                + later
                + ",\"delivery\":{\"mids\":[\""
                + sent.providerMessageId()
                + "\"],\"watermark\":"
                + later
                + "}}",
            "{\"sender\":{\"id\":\""
                + user
                + "\"},\"recipient\":{\"id\":\""
                + BABEL_PAGE
                + "\"},\"timestamp\":"
                + later
                + ",\"read\":{\"watermark\":"
                + later
                + "}}");
    assertThat(post(delivery, signer.signatureHeader(delivery)).statusCode()).isEqualTo(200);
    assertThat(post(delivery, signer.signatureHeader(delivery)).statusCode()).isEqualTo(200);

    assertThat(receiptsFor(reply.eventId()))
        .extracting(DeliveryReceipt::status)
        .containsExactlyInAnyOrder(
            DeliveryReceipt.Status.SENT,
            DeliveryReceipt.Status.DELIVERED,
            DeliveryReceipt.Status.READ);
  }

  @Test
  void givenTheCitizenWroteThreeDaysAgo_thenAnOfficersReplyGoesWithTheHumanAgentTag()
      throws Exception {
    String user = "igsid-3days-" + UUID.randomUUID();
    citizenWrote("instagram", LBK_IG, user, Duration.ofDays(3));
    OutboundMessage reply =
        outbound(Channel.INSTAGRAM, LBK_IG, user, "Jawaban petugas " + user, false);

    publishOutbound(reply);

    await().atMost(PATIENCE).until(() -> !receiptsFor(reply.eventId()).isEmpty());
    assertThat(graph.requestsMentioning(reply.text()))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.body())
                    .contains("\"messaging_type\":\"MESSAGE_TAG\"", "\"tag\":\"HUMAN_AGENT\""));
    assertThat(receiptsFor(reply.eventId()).getFirst().status())
        .isEqualTo(DeliveryReceipt.Status.SENT);
  }

  @Test
  void givenTheCitizenWroteEightDaysAgo_thenNothingIsSent_andAFailedReceiptSaysWhy()
      throws Exception {
    String user = "psid-8days-" + UUID.randomUUID();
    citizenWrote("page", BABEL_PAGE, user, Duration.ofDays(8));
    OutboundMessage reply =
        outbound(Channel.FACEBOOK, BABEL_PAGE, user, "Terlambat " + user, false);

    publishOutbound(reply);

    await().atMost(PATIENCE).until(() -> !receiptsFor(reply.eventId()).isEmpty());
    assertThat(graph.requestsMentioning(reply.text())).isEmpty();
    assertThat(receiptsFor(reply.eventId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(DeliveryReceipt.Status.FAILED);
              assertThat(r.errorCode()).isEqualTo("OUTSIDE_WINDOW");
              assertThat(r.errorMessage()).startsWith("Pesan tidak dapat dikirim");
            });
  }

  @Test
  void givenTheSendApiFailsOnce_thenRetried_andTheCitizenGetsOneMessageAndOneReceipt()
      throws Exception {
    String user = "psid-retry-" + UUID.randomUUID();
    citizenWrote("page", BABEL_PAGE, user, Duration.ZERO);
    OutboundMessage reply =
        outbound(Channel.FACEBOOK, BABEL_PAGE, user, "Dicoba ulang " + user, true);
    graph.failNext(reply.text(), 1);

    publishOutbound(reply);
    publishOutbound(reply);

    await().atMost(PATIENCE).until(() -> !receiptsFor(reply.eventId()).isEmpty());
    assertThat(graph.requestsMentioning(reply.text())).hasSize(2);
    assertThat(receiptsFor(reply.eventId())).hasSize(1);
  }

  /**
   * ADR 0041: the Send API fails one citizen's message 30 times, more than the client's retries and
   * the binding's budget together (the binding alone would have dead-lettered it): the message is
   * kept and tried again later, another citizen's message goes out meanwhile, and once the API
   * recovers the message is sent exactly once, with one receipt and nothing dead-lettered.
   */
  @Test
  void givenTheSendApiFailsLongerThanTheRetryBudget_thenKept_othersServed_andSentOnceAfter()
      throws Exception {
    String waiting = "psid-outage-" + UUID.randomUUID();
    String other = "psid-other-" + UUID.randomUUID();
    citizenWrote("page", BABEL_PAGE, waiting, Duration.ZERO);
    citizenWrote("page", BABEL_PAGE, other, Duration.ZERO);
    OutboundMessage kept =
        outbound(Channel.FACEBOOK, BABEL_PAGE, waiting, "Gangguan " + waiting, true);
    OutboundMessage next = outbound(Channel.FACEBOOK, BABEL_PAGE, other, "Lancar " + other, true);
    graph.failNext(kept.text(), 30);
    double deferredBefore = deferred();

    publishOutbound(kept);
    await().atMost(PATIENCE).until(() -> deferred() > deferredBefore);
    publishOutbound(next);

    await().atMost(PATIENCE).until(() -> !receiptsFor(next.eventId()).isEmpty());
    await().atMost(Duration.ofSeconds(90)).until(() -> !receiptsFor(kept.eventId()).isEmpty());
    assertThat(receiptsFor(kept.eventId()))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(DeliveryReceipt.Status.SENT));
    assertThat(graph.requestsMentioning(kept.text())).as("30 failures, then one send").hasSize(31);
    try (TopicProbe dlq = new TopicProbe(app.brokers(), Topics.dlq(Topics.OUTBOUND_SOCIAL))) {
      assertThat(dlq.readToEnd(PATIENCE)).noneMatch(r -> text(r).contains(kept.eventId()));
    }
  }

  /** ADR 0041: a 4xx that means the request is wrong is a FAILED receipt and a dead letter. */
  @Test
  void givenTheSendApiRefusesTheRequest_thenFailedAndDeadLetteredWithTheReason() throws Exception {
    String user = "psid-refused-" + UUID.randomUUID();
    citizenWrote("page", BABEL_PAGE, user, Duration.ZERO);
    OutboundMessage refused = outbound(Channel.FACEBOOK, BABEL_PAGE, user, "Ditolak " + user, true);
    graph.script(
        "/" + ProviderStandIn.GRAPH_VERSION + "/" + BABEL_PAGE + "/messages",
        ProviderStandIn.Answer.error(400, 100));

    publishOutbound(refused);

    await().atMost(PATIENCE).until(() -> !receiptsFor(refused.eventId()).isEmpty());
    assertThat(receiptsFor(refused.eventId()))
        .singleElement()
        .satisfies(r -> assertThat(r.errorCode()).isEqualTo("PROVIDER_REFUSED"));
    assertThat(graph.requestsMentioning(refused.text())).as("never retried").hasSize(1);
    try (TopicProbe dlq = new TopicProbe(app.brokers(), Topics.dlq(Topics.OUTBOUND_SOCIAL))) {
      assertThat(dlq.readToEnd(PATIENCE))
          .filteredOn(r -> text(r).contains(refused.eventId()))
          .singleElement()
          .satisfies(
              r ->
                  assertThat(header(r, CloudEventHeaders.DLQ_REASON))
                      .startsWith("PROVIDER_REFUSED"));
    }
  }

  private double deferred() {
    io.micrometer.core.instrument.Counter counter =
        app.bean(io.micrometer.core.instrument.MeterRegistry.class)
            .find("aduan.outbound.deferred")
            .tags("channel", "facebook", "reason", "provider_unavailable")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void givenAnotherKindOfRecordOnOutbound_thenDeadLetteredAsWrongType() {
    DeliveryReceipt stray =
        new DeliveryReceipt(
            UUID.randomUUID().toString(),
            Instant.now(),
            Channel.FACEBOOK,
            "BABEL",
            "out-stray",
            "m_STRAY",
            DeliveryReceipt.Status.READ,
            null,
            null,
            Instant.now());
    Message<byte[]> message = app.bean(CloudEvents.class).toMessage(stray, "psid-stray", null);

    app.writer()
        .send(Topics.OUTBOUND_SOCIAL, 0, "psid-stray", message.getPayload(), message.getHeaders());

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              try (TopicProbe dlq =
                  new TopicProbe(app.brokers(), Topics.dlq(Topics.OUTBOUND_SOCIAL))) {
                assertThat(dlq.readToEnd(PATIENCE))
                    .filteredOn(r -> text(r).contains(stray.eventId()))
                    .singleElement()
                    .satisfies(
                        r ->
                            assertThat(header(r, CloudEventHeaders.DLQ_REASON))
                                .startsWith("WRONG_TYPE"));
              }
            });
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void citizenWrote(String object, String account, String user, Duration ago)
      throws Exception {
    String mid = "m_OPEN-" + UUID.randomUUID();
    byte[] body =
        webhook(
            object,
            account,
            event(user, ago.toMillis(), "{\"mid\":\"" + mid + "\",\"text\":\"Halo\"}"));
    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);
  }

  private OutboundMessage outbound(
      Channel channel, String account, String user, String text, boolean automatic) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        channel == Channel.FACEBOOK ? "BABEL" : "LBK",
        "c-social",
        "BABEL-2026-000001",
        new ReplyAddress(channel, account, user),
        "ANSWER",
        "id",
        null,
        text,
        null,
        null,
        List.of(),
        List.of(),
        automatic,
        null,
        null);
  }

  private void publishOutbound(OutboundMessage outbound) {
    Message<byte[]> message =
        app.bean(CloudEvents.class)
            .toMessage(outbound, outbound.to().recipientId(), outbound.ticket());
    app.writer()
        .send(
            Topics.OUTBOUND_SOCIAL,
            0,
            outbound.to().recipientId(),
            message.getPayload(),
            message.getHeaders());
  }

  private List<ComplaintReceived> complaintsWith(String mid) {
    try (TopicProbe inbound = new TopicProbe(app.brokers(), Topics.COMPLAINTS_INBOUND)) {
      return inbound.readToEnd(PATIENCE).stream()
          .filter(r -> text(r).contains(mid))
          .map(r -> app.bean(CloudEvents.class).read(r.value(), ComplaintReceived.class))
          .filter(c -> mid.equals(c.providerMessageId()))
          .toList();
    }
  }

  private List<DeliveryReceipt> receiptsFor(String outboundEventId) {
    try (TopicProbe receipts = new TopicProbe(app.brokers(), Topics.DELIVERY_RECEIPTS)) {
      return receipts.readToEnd(PATIENCE).stream()
          .map(r -> app.bean(CloudEvents.class).read(r.value(), DeliveryReceipt.class))
          .filter(r -> outboundEventId.equals(r.outboundEventId()))
          .toList();
    }
  }

  private HttpResponse<String> post(byte[] body, String signature) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/meta"))
            .header("Content-Type", "application/json")
            .header(HubSignature.HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String query) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/webhooks/meta?" + query))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] webhook(String object, String account, String... events) {
    return ("{\"object\":\""
            + object
            + "\",\"entry\":[{\"id\":\""
            + account
            + "\",\"time\":"
            + Instant.now().toEpochMilli()
            + ",\"messaging\":["
            + String.join(",", events)
            + "]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A messaging event from {@code user}, sent {@code agoMillis} before now. */
  private static String event(String user, long agoMillis, String message) {
    return "{\"sender\":{\"id\":\""
        + user
        + "\"},\"recipient\":{\"id\":\"acct\"},\"timestamp\":"
        + (Instant.now().toEpochMilli() - agoMillis)
        + ",\"message\":"
        + message
        + "}";
  }

  private static String text(ConsumerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
