package id.aduan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.support.HubSignature;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.ElsewhereServer;
import id.aduan.testsupport.OversizeBodies;
import id.aduan.testsupport.ProviderStandIn;
import id.aduan.testsupport.ProviderStandIn.Answer;
import id.aduan.testsupport.StoreCommands;
import id.aduan.testsupport.TopicProbe;
import id.aduan.whatsapp.domain.TwilioSignature;
import id.aduan.whatsapp.messaging.MediaFetcher;
import id.aduan.whatsapp.persistence.MediaRetries;
import id.aduan.whatsapp.persistence.MediaStore;
import id.aduan.whatsapp.persistence.OutboundSends;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * channel-whatsapp as it runs: a real KRaft broker in the JVM, the MongoDB-protocol server, and a
 * local HTTP server standing in for the Graph API. Webhooks go in over HTTP, outbound messages over
 * Kafka; what the adapter publishes is read back from the topics. One Spring context for all.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppChannelFlowTest {

  private static final String SECRET = "flow-app-secret";
  private static final String BDG = "100000000000001";
  private static final String TWILIO_TOKEN = "flow-twilio-token";
  private static final String TWILIO_MESSAGES =
      "/2010-04-01/Accounts/AC0000000000000000000000000000000b/Messages.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final HubSignature signer = new HubSignature(SECRET);
  private static final ProviderStandIn graph = new ProviderStandIn();

  /** The adapter's MongoDB commands (issue 20: store round trips per complaint). */
  private static final StoreCommands commands = new StoreCommands();

  /** docs/benchmarks.md, "Store round trips per complaint (issue 20)". */
  static final int AT_MOST = 8;

  @RegisterExtension
  static final AduanService service =
      AduanService.of(
              () -> WhatsAppApplication.builder().sources(KafkaSwitch.class), "whatsapp-flow")
          .property("aduan.whatsapp.graph-base-url", graph::baseUrl)
          .property("aduan.whatsapp.app-secret", SECRET)
          .property("aduan.whatsapp.verify-token", "flow-verify")
          .property("aduan.whatsapp.access-token", "flow-token")
          .property("aduan.whatsapp.max-body-size", "64KB")
          .property("aduan.agencies.dir", WhatsAppChannelFlowTest::agencies)
          .property("aduan.twilio.auth-token", TWILIO_TOKEN)
          .property("aduan.twilio.account-sid", "AC0000000000000000000000000000000b")
          .property("aduan.twilio.api-base-url", graph::root)
          .property("aduan.whatsapp.retry-backoff", "5ms")
          .property("aduan.whatsapp.citizen-interval", "1ms")
          .property("aduan.whatsapp.circuit-minimum-calls", 100)
          .property("aduan.whatsapp.send-lease", "60s")
          .property("spring.cloud.stream.default.consumer.back-off-initial-interval", 50)
          .property("spring.cloud.stream.default.consumer.back-off-max-interval", 100)
          .initializer(commands.initializer())
          .thenClose(graph);

  /** The test agencies' files plus TWL, an agency whose WhatsApp number is served by Twilio. */
  private static Path agencies() {
    try {
      Path agencies = Files.createTempDirectory("whatsapp-flow-agencies");
      for (String file : List.of("bdg.yaml", "babel.yaml", "btn.yaml", "lbk.yaml", "psr.yaml")) {
        try (var in = WhatsAppChannelFlowTest.class.getResourceAsStream("/agencies/" + file)) {
          Files.write(agencies.resolve(file), in.readAllBytes());
        }
      }
      Files.writeString(
          agencies.resolve("twl.yaml"),
          """
          code: TWL
          name: Dinas Contoh lewat Twilio
          timeZone: Asia/Jakarta
          language: id
          standard:
            file: none.txt
          channels:
            whatsapp:
              phoneNumberId: "100000000000009"
              displayNumber: "+6281100000009"
              provider: twilio
              windowTemplate: HX0000000000000000000000000000000a
              windowTemplateLanguage: id
          """);
      return agencies;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeEach
  void resetProvider() {
    graph.reset();
    KafkaSwitch.down.set(false);
  }

  // --- inbound: HTTP answers -----------------------------------------------------------------

  @Test
  void theHandshakeEchoesTheChallengeOnlyForTheRightToken() throws Exception {
    assertThat(get("hub.mode=subscribe&hub.verify_token=flow-verify&hub.challenge=12345").body())
        .isEqualTo("12345");
    assertThat(get("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=12345").statusCode())
        .isEqualTo(403);
  }

  @Test
  void brokenJsonMissingFieldsBadSignatureAndOversizedBodiesGetA4xxProblemAndAMetric()
      throws Exception {
    byte[] broken = corpus("broken.json");
    byte[] missingId = corpus("missing-id.json");
    byte[] oversized =
        ("{\"object\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> brokenAnswer = post(broken, signer.signatureHeader(broken));
    HttpResponse<String> missingAnswer = post(missingId, signer.signatureHeader(missingId));
    HttpResponse<String> unsigned = post(missingId, "sha256=00");
    HttpResponse<String> tooLarge = post(oversized, signer.signatureHeader(oversized));

    assertThat(brokenAnswer.statusCode()).isEqualTo(400);
    assertThat(missingAnswer.statusCode()).isEqualTo(400);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    for (HttpResponse<String> answer : List.of(brokenAnswer, missingAnswer, unsigned, tooLarge)) {
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(JSON.readTree(answer.body()).path("title").asString()).isNotBlank();
    }
    assertThat(JSON.readTree(missingAnswer.body()).path("detail").asString())
        .isEqualTo("id is required");
    assertThat(webhookCount("malformed_json")).isGreaterThanOrEqualTo(1);
    assertThat(webhookCount("malformed_webhook")).isGreaterThanOrEqualTo(1);
    assertThat(webhookCount("bad_signature")).isGreaterThanOrEqualTo(1);
    assertThat(refusedBodies("declared")).isGreaterThanOrEqualTo(1);
  }

  /**
   * 600 MB announced, by Content-Length or in one chunk of a chunked body, to both webhooks: 413
   * while the body is still open (it never ends, so a server that read it first would never
   * answer), counted, and the service answers the next request.
   */
  @Test
  void bodiesOverTheLimitAreRefusedWhileTheyStreamAndTheServiceAnswersAfter() throws Exception {
    long limit = 64 * 1024;
    double declaredBefore = refusedBodies("declared");
    double streamedBefore = refusedBodies("streamed");

    var declared =
        OversizeBodies.declared(service.port(), "POST", "/webhooks/whatsapp", "application/json");
    var chunked =
        OversizeBodies.chunked(
            service.port(), "POST", "/webhooks/whatsapp", "application/json", limit, (byte) ' ');
    var twilioDeclared =
        OversizeBodies.declared(
            service.port(),
            "POST",
            "/webhooks/twilio/whatsapp",
            "application/x-www-form-urlencoded");
    var twilioChunked =
        OversizeBodies.chunked(
            service.port(),
            "POST",
            "/webhooks/twilio/whatsapp",
            "application/x-www-form-urlencoded",
            limit,
            (byte) 'a');

    for (var answer : List.of(declared, chunked, twilioDeclared, twilioChunked)) {
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.headers()).containsIgnoringCase("application/problem+json");
    }
    assertThat(refusedBodies("declared") - declaredBefore).isEqualTo(2);
    assertThat(refusedBodies("streamed") - streamedBefore).isEqualTo(2);
    assertThat(get("hub.mode=subscribe&hub.verify_token=flow-verify&hub.challenge=77").body())
        .isEqualTo("77");
  }

  @Test
  void anUnknownNumberIsAcknowledgedDeadLetteredAndCountedButOpensNothing() throws Exception {
    String wamid = "wamid.UNKNOWN-" + UUID.randomUUID();
    byte[] body = textWebhook("999999999999999", wamid, "6289990000001", "Halo");

    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);

    List<JsonNode> dead =
        awaitRecords(
            Topics.dlq(Topics.COMPLAINTS_INBOUND),
            n -> n.toString().contains("UNKNOWN_ACCOUNT") && decode(n).contains(wamid),
            1);
    assertThat(dead)
        .singleElement()
        .satisfies(d -> assertThat(d.path("reason").asString()).isEqualTo("UNKNOWN_ACCOUNT"));
    assertThat(
            read(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals(wamid),
                Duration.ofSeconds(1)))
        .isEmpty();
    assertThat(
            meters().get("aduan.dead.letters").tag("reason", "UNKNOWN_ACCOUNT").counter().count())
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void aNonAsciiNameIsVerifiedOverTheRawBytesAndPublishedOnceThoughDeliveredTwice()
      throws Exception {
    byte[] body = corpus("non-ascii-name.json");
    String signature = signer.signatureHeader(body);

    assertThat(post(body, signature).statusCode()).isEqualTo(200);
    assertThat(post(body, signature).statusCode()).isEqualTo(200);

    List<JsonNode> published =
        awaitRecords(
            Topics.COMPLAINTS_INBOUND,
            n -> n.path("providerMessageId").asString().equals("wamid.HBgN1"),
            1);
    assertThat(
            read(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals("wamid.HBgN1"),
                Duration.ofSeconds(1)))
        .hasSize(1);
    assertThat(published.getFirst().path("sender").path("displayName").asString())
        .isEqualTo("Dewi Ayu Ṡ. 💐 Ñoñó");
  }

  @Test
  void whenKafkaIsDownTheWebhookAnswers503AndNothingIsAcknowledged() throws Exception {
    String wamid = "wamid.DOWN-" + UUID.randomUUID();
    byte[] body = textWebhook(BDG, wamid, "6289990000002", "Kafka sedang mati");

    KafkaSwitch.down.set(true);
    HttpResponse<String> refused = post(body, signer.signatureHeader(body));
    KafkaSwitch.down.set(false);
    HttpResponse<String> accepted = post(body, signer.signatureHeader(body));

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(accepted.statusCode())
        .as("the wamid was not remembered while Kafka was down")
        .isEqualTo(200);
    assertThat(
            awaitRecords(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals(wamid),
                1))
        .hasSize(1);
  }

  // --- inbound: statuses -----------------------------------------------------------------------

  @Test
  void statusesMoveOnlyForwardAreDedupedAndAReadWithoutDeliveredIsFine() throws Exception {
    String a = "wamid.ST-A-" + UUID.randomUUID();
    String b = "wamid.ST-B-" + UUID.randomUUID();
    long t = Instant.now().getEpochSecond();
    // a: sent, read, then a late delivered and a redelivered read; b: read directly.
    postSigned(statusWebhook(a, "sent", t));
    postSigned(statusWebhook(a, "read", t + 5));
    postSigned(statusWebhook(a, "delivered", t + 2));
    postSigned(statusWebhook(a, "read", t + 5));
    postSigned(statusWebhook(b, "read", t));

    List<JsonNode> receipts =
        awaitRecords(
            Topics.DELIVERY_RECEIPTS, n -> n.path("providerMessageId").asString().equals(b), 1);
    assertThat(receipts).hasSize(1);
    awaitRecords(
        Topics.DELIVERY_RECEIPTS, n -> n.path("providerMessageId").asString().equals(a), 2);
    List<String> ofA =
        read(
                Topics.DELIVERY_RECEIPTS,
                n -> n.path("providerMessageId").asString().equals(a),
                Duration.ofSeconds(3))
            .stream()
            .map(n -> n.path("status").asString())
            .toList();
    assertThat(ofA).containsExactly("SENT", "READ");
  }

  // --- inbound: media ------------------------------------------------------------------------

  @Test
  void mediaIsStoredInGridFsAndLinkedAndAFailedDownloadNeverHoldsBackTheText() throws Exception {
    byte[] photo = "FOTO-RUMAH-RUSAK".getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
    mediaServed("MEDIA-OK", photo, sha);
    mediaServed("MEDIA-BAD-HASH", photo, "0".repeat(64));
    graph.serve("/v23.0/MEDIA-DOWN", Answer.error(500, 1));
    String ok = "wamid.MEDIA-OK-" + UUID.randomUUID();
    String badHash = "wamid.MEDIA-HASH-" + UUID.randomUUID();
    String down = "wamid.MEDIA-DOWN-" + UUID.randomUUID();

    postSigned(imageWebhook(ok, "MEDIA-OK", sha));
    postSigned(imageWebhook(badHash, "MEDIA-BAD-HASH", "0".repeat(64)));
    postSigned(imageWebhook(down, "MEDIA-DOWN", sha));

    JsonNode stored =
        awaitRecords(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals(ok),
                1)
            .getFirst();
    JsonNode attachment = stored.path("attachments").path(0);
    assertThat(attachment.path("status").asString()).isEqualTo("STORED");
    assertThat(attachment.path("sha256").asString()).isEqualTo(sha);
    assertThat(attachment.path("sizeBytes").asLong()).isEqualTo(photo.length);
    assertThat(service.bean(MediaStore.class).read(attachment.path("storageRef").asString()))
        .isEqualTo(photo);

    String again = "wamid.MEDIA-AGAIN-" + UUID.randomUUID();
    postSigned(imageWebhook(again, "MEDIA-OK", sha));
    JsonNode reused =
        awaitRecords(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals(again),
                1)
            .getFirst()
            .path("attachments")
            .path(0);
    assertThat(reused.path("storageRef").asString())
        .as("the same media id is stored once")
        .isEqualTo(attachment.path("storageRef").asString());
    assertThat(reused.path("sizeBytes").asLong()).isEqualTo(photo.length);
    assertThat(reused.path("sha256").asString()).isEqualTo(sha);

    JsonNode mismatch =
        awaitRecords(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals(badHash),
                1)
            .getFirst();
    assertThat(mismatch.path("attachments").path(0).path("status").asString()).isEqualTo("FAILED");
    assertThat(mismatch.path("text").asString()).isEqualTo("Foto rumah");

    JsonNode failed =
        awaitRecords(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals(down),
                1)
            .getFirst();
    assertThat(failed.path("attachments").path(0).path("status").asString()).isEqualTo("FAILED");
    assertThat(failed.path("attachments").path(0).path("storageRef").isNull()).isTrue();
    assertThat(failed.path("text").asString()).isEqualTo("Foto rumah");
    assertThat(graph.requests().stream().filter(r -> r.path().equals("/v23.0/MEDIA-DOWN")).count())
        .as("the download was retried")
        .isGreaterThan(1);
  }

  /**
   * The Graph API's metadata names a URL on a host that is not Meta's (here another local server):
   * it is never fetched (the bearer token never leaves for it), the media is recorded as failed
   * with its reason and counted, and the text goes on.
   */
  @Test
  void aMediaUrlOffTheProviderHostsIsRecordedAsRefusedAndNeverFetched() throws Exception {
    try (ElsewhereServer elsewhere = new ElsewhereServer()) {
      String sha = "0".repeat(64);
      graph.serve(
          "/v23.0/MEDIA-ELSEWHERE",
          Answer.json(
              200,
              "{\"url\":\""
                  + elsewhere.url("/internal")
                  + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\""
                  + sha
                  + "\",\"file_size\":8,\"id\":\"MEDIA-ELSEWHERE\"}"));
      String wamid = "wamid.MEDIA-ELSEWHERE-" + UUID.randomUUID();

      postSigned(imageWebhook(wamid, "MEDIA-ELSEWHERE", sha));

      JsonNode published =
          awaitRecords(
                  Topics.COMPLAINTS_INBOUND,
                  n -> n.path("providerMessageId").asString().equals(wamid),
                  1)
              .getFirst();
      JsonNode attachment = published.path("attachments").path(0);
      assertThat(attachment.path("status").asString()).isEqualTo("FAILED");
      assertThat(attachment.path("storageRef").isNull()).isTrue();
      assertThat(published.path("text").asString()).isEqualTo("Foto rumah");
      assertThat(elsewhere.hits()).as("the refused URL was never fetched").isZero();
      MediaRetries.MediaRetry recorded = service.bean(MediaRetries.class).find("MEDIA-ELSEWHERE");
      assertThat(recorded).isNotNull();
      assertThat(recorded.state()).isEqualTo("GAVE_UP");
      assertThat(recorded.lastOutcome()).isEqualTo("url_refused");
      assertThat(
              meters()
                  .counter("aduan.media.url.refused", "channel", "whatsapp", "reason", "host")
                  .count())
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aFailedMediaDownloadIsFetchedAgainLaterWithItsOutcomeRecordedAndGivenUpAfterItsAttempts()
      throws Exception {
    byte[] photo = "FOTO-JALAN-BERLUBANG".getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
    // Down for the three inline attempts, then the Graph API serves it.
    graph.script(
        "/v23.0/MEDIA-LATER", Answer.error(500, 1), Answer.error(500, 1), Answer.error(500, 1));
    mediaServed("MEDIA-LATER", photo, sha);
    graph.serve("/v23.0/MEDIA-NEVER", Answer.error(500, 1));
    String later = "wamid.MEDIA-LATER-" + UUID.randomUUID();
    String never = "wamid.MEDIA-NEVER-" + UUID.randomUUID();

    postSigned(imageWebhook(later, "MEDIA-LATER", sha));
    postSigned(imageWebhook(never, "MEDIA-NEVER", sha));

    JsonNode published =
        awaitRecords(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals(later),
                1)
            .getFirst();
    assertThat(published.path("text").asString()).as("the text is not held back").isNotBlank();
    assertThat(published.path("attachments").path(0).path("status").asString()).isEqualTo("FAILED");
    MediaRetries retries = service.bean(MediaRetries.class);
    assertThat(retries.find("MEDIA-LATER"))
        .satisfies(r -> assertThat(r.state()).isEqualTo("PENDING"))
        .satisfies(r -> assertThat(r.wamid()).isEqualTo(later));

    MediaFetcher fetcher = service.bean(MediaFetcher.class);
    Instant due = Instant.now().plus(Duration.ofHours(1));
    fetcher.retryDue(due);

    MediaRetries.MediaRetry stored = retries.find("MEDIA-LATER");
    assertThat(stored.state()).isEqualTo("STORED");
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(service.bean(MediaStore.class).read(stored.storageRef())).isEqualTo(photo);
    assertThat(service.bean(MediaStore.class).find("MEDIA-LATER").sha256()).isEqualTo(sha);

    // The other keeps failing: each later attempt waits longer, and the fifth gives it up.
    for (int attempt = 1; attempt < 5; attempt++) {
      assertThat(retries.find("MEDIA-NEVER").state()).isEqualTo("PENDING");
      fetcher.retryDue(due.plus(Duration.ofDays(attempt)));
    }
    assertThat(retries.find("MEDIA-NEVER"))
        .satisfies(r -> assertThat(r.state()).isEqualTo("GAVE_UP"))
        .satisfies(r -> assertThat(r.attempts()).isEqualTo(5))
        .satisfies(r -> assertThat(r.lastOutcome()).isEqualTo("provider_error"));
    assertThat(meters().get("aduan.inbound.media").tag("outcome", "retry_stored").counter().count())
        .isGreaterThanOrEqualTo(1.0);
  }

  // --- outbound ------------------------------------------------------------------------------

  @Test
  void insideTheWindowALongTextIsSplitTheFirstPartQuotesTheCitizenAndEachPartIsReceipted()
      throws Exception {
    String citizen = "62811" + (1_000_000 + (int) (Math.random() * 8_000_000));
    postSigned(textWebhook(BDG, "wamid.IN-" + UUID.randomUUID(), citizen, "Halo"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !read(
                        Topics.COMPLAINTS_INBOUND,
                        n -> n.path("sender").path("channelUserId").asString().equals(citizen),
                        Duration.ofMillis(300))
                    .isEmpty());
    OutboundMessage outbound =
        outbound(citizen, "jawaban ".repeat(700).strip(), "wamid.CITIZEN-1", null);

    publish(outbound);

    List<JsonNode> receipts =
        awaitRecords(
            Topics.DELIVERY_RECEIPTS,
            n -> n.path("outboundEventId").asString().equals(outbound.eventId()),
            2);
    assertThat(receipts)
        .extracting(n -> n.path("status").asString())
        .containsExactly("SENT", "SENT");
    List<ProviderStandIn.Request> sends = graph.requestsMentioning(citizen);
    assertThat(sends).hasSize(2);
    JsonNode first = JSON.readTree(sends.get(0).body());
    JsonNode second = JSON.readTree(sends.get(1).body());
    assertThat(first.path("type").asString()).isEqualTo("text");
    assertThat(first.path("context").path("message_id").asString()).isEqualTo("wamid.CITIZEN-1");
    assertThat(second.has("context")).isFalse();
    assertThat(first.path("text").path("body").asString().length()).isLessThanOrEqualTo(4096);
    assertThat(
            first.path("text").path("body").asString()
                + " "
                + second.path("text").path("body").asString())
        .isEqualTo(outbound.text());
  }

  /**
   * Issue 20: the MongoDB commands of one new citizen's complaint (the signed webhook to its record
   * on the inbound topic) and of its acknowledgement (the outbound record to its SENT receipt and
   * the send recorded), counted by the driver's command listener. The bound is the measured count
   * (docs/benchmarks.md): a change that adds a round trip has to say why here.
   */
  @Test
  void aComplaintAndItsAcknowledgementCostAtMostTheCountedStoreCommands() throws Exception {
    openWindow();
    commands.reset();

    String citizen = openWindow();
    OutboundMessage ack =
        outbound(citizen, "Pengaduan Anda telah kami terima.", "wamid.IN-ACK", null);
    publish(ack);
    awaitRecords(
        Topics.DELIVERY_RECEIPTS,
        n -> n.path("outboundEventId").asString().equals(ack.eventId()),
        1);
    MongoTemplate mongo = service.bean(MongoTemplate.class);
    await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              org.bson.Document send =
                  mongo.findById(ack.eventId(), org.bson.Document.class, "outbound_sends");
              return send != null && "DONE".equals(send.getString("state"));
            });

    List<StoreCommands.Command> used = commands.ofOtherThreads();
    org.slf4j.LoggerFactory.getLogger(WhatsAppChannelFlowTest.class)
        .info(
            "store commands for one complaint and its acknowledgement: {} {} by thread {}",
            used.size(),
            StoreCommands.tally(used),
            StoreCommands.byThread(commands.commands(c -> true)));
    assertThat(used).as("%s", StoreCommands.tally(used)).hasSizeLessThanOrEqualTo(AT_MOST);
  }

  @Test
  void outsideTheWindowTheAgencyTemplateCarriesTheText() throws Exception {
    String citizen = "62812" + (1_000_000 + (int) (Math.random() * 8_000_000));
    OutboundMessage outbound =
        outbound(citizen, "Pengaduan Anda BDG-2026-000001 telah selesai.", null, null);

    publish(outbound);

    awaitRecords(
        Topics.DELIVERY_RECEIPTS,
        n -> n.path("outboundEventId").asString().equals(outbound.eventId()),
        1);
    JsonNode sent = JSON.readTree(graph.requestsMentioning(citizen).getFirst().body());
    assertThat(sent.path("type").asString()).isEqualTo("template");
    assertThat(sent.path("template").path("name").asString()).isEqualTo("aduan_pesan_lanjutan");
    assertThat(sent.path("template").path("language").path("code").asString()).isEqualTo("id");
    assertThat(
            sent.path("template")
                .path("components")
                .path(0)
                .path("parameters")
                .path(0)
                .path("text")
                .asString())
        .isEqualTo(outbound.text());
  }

  @Test
  void error131047SwitchesToTheTemplate() throws Exception {
    String citizen = openWindow();
    graph.script("/v23.0/" + BDG + "/messages", Answer.error(400, 131047));
    OutboundMessage outbound = outbound(citizen, "Mohon lengkapi KTP Anda.", null, null);

    publish(outbound);

    List<JsonNode> receipts =
        awaitRecords(
            Topics.DELIVERY_RECEIPTS,
            n -> n.path("outboundEventId").asString().equals(outbound.eventId()),
            1);
    assertThat(receipts.getFirst().path("status").asString()).isEqualTo("SENT");
    List<ProviderStandIn.Request> sends = graph.requestsMentioning(citizen);
    assertThat(sends)
        .extracting(r -> JSON.readTree(r.body()).path("type").asString())
        .containsExactly("text", "template");
  }

  @Test
  void errors131026And131051AreFinalFailedReceiptsWithoutRetry() throws Exception {
    for (int code : List.of(131026, 131051)) {
      String citizen = openWindow();
      graph.script("/v23.0/" + BDG + "/messages", Answer.error(400, code));
      OutboundMessage outbound = outbound(citizen, "Tidak terkirim", null, null);

      publish(outbound);

      JsonNode receipt =
          awaitRecords(
                  Topics.DELIVERY_RECEIPTS,
                  n -> n.path("outboundEventId").asString().equals(outbound.eventId()),
                  1)
              .getFirst();
      assertThat(receipt.path("status").asString()).isEqualTo("FAILED");
      assertThat(receipt.path("errorCode").asString()).isEqualTo(String.valueOf(code));
      assertThat(graph.requestsMentioning(citizen)).as("code %d", code).hasSize(1);
    }
  }

  @Test
  void transientErrorsAreRetriedWithBackoffAndTheMessageIsSentOnce() throws Exception {
    String citizen = openWindow();
    graph.script(
        "/v23.0/" + BDG + "/messages",
        Answer.error(503, 1),
        Answer.error(400, 131000),
        Answer.error(400, 130429));
    OutboundMessage outbound = outbound(citizen, "Sedang diproses", null, null);

    publish(outbound);

    JsonNode receipt =
        awaitRecords(
                Topics.DELIVERY_RECEIPTS,
                n -> n.path("outboundEventId").asString().equals(outbound.eventId()),
                1)
            .getFirst();
    assertThat(receipt.path("status").asString()).isEqualTo("SENT");
    assertThat(graph.requestsMentioning(citizen)).hasSize(4);
  }

  @Test
  void aRevokedTokenRaisesTheAlertFailsTheMessageAndDeadLettersItForReplay() throws Exception {
    String citizen = openWindow();
    graph.script("/v23.0/" + BDG + "/messages", Answer.error(401, 190));
    OutboundMessage outbound = outbound(citizen, "Token", null, null);

    publish(outbound);

    JsonNode receipt =
        awaitRecords(
                Topics.DELIVERY_RECEIPTS,
                n -> n.path("outboundEventId").asString().equals(outbound.eventId()),
                1)
            .getFirst();
    assertThat(receipt.path("status").asString()).isEqualTo("FAILED");
    assertThat(receipt.path("errorCode").asString()).isEqualTo("190");
    assertThat(
            meters().get("aduan.whatsapp.alerts").tag("reason", "token_invalid").counter().count())
        .isGreaterThanOrEqualTo(1.0);
    try (TopicProbe dlq = new TopicProbe(service.brokers(), Topics.dlq(Topics.OUTBOUND_WHATSAPP))) {
      assertThat(
              dlq.awaitAtLeast(1, Duration.ofSeconds(20)).stream()
                  .filter(
                      r ->
                          new String(r.value(), StandardCharsets.UTF_8)
                              .contains(outbound.eventId())))
          .isNotEmpty();
    }
  }

  @Test
  void aRedeliveredOutboundMessageIsNeverSentTwice() throws Exception {
    String citizen = openWindow();
    OutboundMessage outbound = outbound(citizen, "Sekali saja", null, null);

    publish(outbound);
    awaitRecords(
        Topics.DELIVERY_RECEIPTS,
        n -> n.path("outboundEventId").asString().equals(outbound.eventId()),
        1);
    publish(outbound);
    publish(outbound);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                meters().find("aduan.outbound.messages").tag("outcome", "duplicate").counter()
                        != null
                    && meters()
                            .find("aduan.outbound.messages")
                            .tag("outcome", "duplicate")
                            .counter()
                            .count()
                        >= 2);
    assertThat(graph.requestsMentioning(citizen)).hasSize(1);
  }

  @Test
  void afterACrashOnlyThePartsWithoutAProviderIdAreSentAgain() throws Exception {
    String citizen = openWindow();
    OutboundMessage outbound = outbound(citizen, "bagian ".repeat(700).strip(), null, null);
    // A sender claimed it two minutes ago, got the first part accepted, and died.
    OutboundSends sends = service.bean(OutboundSends.class);
    sends.claim(outbound.eventId(), Instant.now().minusSeconds(120), Duration.ofSeconds(60));
    sends.partSent(outbound.eventId(), "wamid.BEFORE-CRASH");

    publish(outbound);

    List<JsonNode> receipts =
        awaitRecords(
            Topics.DELIVERY_RECEIPTS,
            n -> n.path("outboundEventId").asString().equals(outbound.eventId()),
            2);
    assertThat(receipts)
        .extracting(n -> n.path("providerMessageId").asString())
        .contains("wamid.BEFORE-CRASH");
    assertThat(graph.requestsMentioning(citizen)).hasSize(1);
  }

  @Test
  void aMessageUnderALiveLeaseIsNotSentByASecondDelivery() throws Exception {
    String citizen = openWindow();
    OutboundMessage outbound = outbound(citizen, "Sedang dikirim oleh yang lain", null, null);
    service
        .bean(OutboundSends.class)
        .claim(outbound.eventId(), Instant.now(), Duration.ofSeconds(60));

    publish(outbound);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                meters().find("aduan.outbound.messages").tag("outcome", "in_progress").counter()
                    != null);
    Thread.sleep(500);
    assertThat(graph.requestsMentioning(citizen)).isEmpty();
  }

  @Test
  void aDocumentFollowsTheTextAndMarkAsReadSendsTheReadStatus() throws Exception {
    String citizen = openWindow();
    OutboundMessage base =
        outbound(citizen, "Berita acara penyelesaian terlampir.", "wamid.CITIZEN-2", null);
    OutboundMessage withDocument =
        new OutboundMessage(
            base.eventId(),
            base.occurredAt(),
            "BDG",
            null,
            base.ticket(),
            base.to(),
            "RESOLUTION",
            "id",
            null,
            base.text(),
            null,
            base.replyToProviderMessageId(),
            List.of(),
            List.of(
                new OutboundMessage.OutboundAttachment(
                    "berita-acara.pdf",
                    "application/pdf",
                    null,
                    "https://aduan.example.go.id/files/ba.pdf",
                    Map.of())),
            true,
            null,
            null);
    OutboundMessage markRead =
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Instant.now(),
            "BDG",
            null,
            null,
            base.to(),
            "MARK_READ",
            "id",
            null,
            "",
            null,
            "wamid.CITIZEN-3",
            List.of(),
            List.of(),
            true,
            null,
            null);

    publish(withDocument);
    publish(markRead);

    awaitRecords(
        Topics.DELIVERY_RECEIPTS,
        n -> n.path("outboundEventId").asString().equals(withDocument.eventId()),
        2);
    List<JsonNode> sent =
        graph.requestsMentioning(citizen).stream().map(r -> JSON.readTree(r.body())).toList();
    assertThat(sent).extracting(n -> n.path("type").asString()).containsExactly("text", "document");
    assertThat(sent.get(1).path("document").path("link").asString())
        .isEqualTo("https://aduan.example.go.id/files/ba.pdf");
    assertThat(sent.get(1).path("document").path("filename").asString())
        .isEqualTo("berita-acara.pdf");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !graph.requestsMentioning("wamid.CITIZEN-3").isEmpty());
    JsonNode read = JSON.readTree(graph.requestsMentioning("wamid.CITIZEN-3").getFirst().body());
    assertThat(read.path("status").asString()).isEqualTo("read");
    assertThat(read.path("message_id").asString()).isEqualTo("wamid.CITIZEN-3");
  }

  @Test
  void aDocumentStoredInGridFsIsUploadedToTheGraphApiAndSentByItsMediaId() throws Exception {
    String citizen = openWindow();
    byte[] pdf = "%PDF-1.7 BERITA-ACARA-DARI-GRIDFS".getBytes(StandardCharsets.US_ASCII);
    String storageRef =
        service
            .bean(MediaStore.class)
            .store("ba-" + UUID.randomUUID(), pdf, "application/pdf", "x", "none", "BDG");
    graph.serve("/v23.0/" + BDG + "/media", Answer.json(200, "{\"id\":\"UPLOADED-BA-1\"}"));
    OutboundMessage stored = withDocument(citizen, storageRef);
    OutboundMessage missing = withDocument(citizen, "0123456789abcdef01234567");

    publish(stored);
    publish(missing);

    JsonNode sentReceipt =
        awaitRecords(
                Topics.DELIVERY_RECEIPTS,
                n -> n.path("outboundEventId").asString().equals(stored.eventId()),
                1)
            .getFirst();
    assertThat(sentReceipt.path("status").asString()).isEqualTo("SENT");
    List<ProviderStandIn.Request> uploads =
        graph.requests().stream().filter(r -> r.path().equals("/v23.0/" + BDG + "/media")).toList();
    assertThat(uploads).hasSize(1);
    assertThat(uploads.getFirst().authorization()).isEqualTo("Bearer flow-token");
    assertThat(uploads.getFirst().body())
        .contains("%PDF-1.7 BERITA-ACARA-DARI-GRIDFS")
        .contains("name=\"messaging_product\"")
        .contains("filename=\"berita-acara.pdf\"")
        .contains("application/pdf");
    JsonNode sent = JSON.readTree(graph.requestsMentioning(citizen).getFirst().body());
    assertThat(sent.path("type").asString()).isEqualTo("document");
    assertThat(sent.path("document").path("id").asString()).isEqualTo("UPLOADED-BA-1");
    assertThat(sent.path("document").has("link")).isFalse();
    assertThat(sent.path("document").path("filename").asString()).isEqualTo("berita-acara.pdf");

    JsonNode failed =
        awaitRecords(
                Topics.DELIVERY_RECEIPTS,
                n -> n.path("outboundEventId").asString().equals(missing.eventId()),
                1)
            .getFirst();
    assertThat(failed.path("status").asString()).isEqualTo("FAILED");
    assertThat(uploads).as("a file that is not there is not uploaded").hasSize(1);
  }

  private static OutboundMessage withDocument(String citizen, String storageRef) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        "BDG",
        null,
        "BDG-2026-000001",
        new ReplyAddress(Channel.WHATSAPP, BDG, citizen),
        "RESOLUTION",
        "id",
        null,
        "",
        null,
        null,
        List.of(),
        List.of(
            new OutboundMessage.OutboundAttachment(
                "berita-acara.pdf", "application/pdf", storageRef, null, Map.of())),
        true,
        null,
        null);
  }

  // --- Twilio --------------------------------------------------------------------------------

  @Test
  void aTwilioWebhookBehindAProxyIsVerifiedOverTheRebuiltUrlWithUnknownParametersAndItsMediaStored()
      throws Exception {
    byte[] photo = "TWILIO-FOTO".getBytes(StandardCharsets.UTF_8);
    graph.serve("/twilio-media/ME1", new ProviderStandIn.Answer(200, "image/jpeg", photo));
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("AccountSid", "AC0000000000000000000000000000000b");
    form.put("From", "whatsapp:+6281600000001");
    form.put("To", "whatsapp:+6281100000009");
    form.put("WaId", "6281600000001");
    form.put("ProfileName", "Pak Ñandang");
    form.put("Body", "Jalan rusak di depan rumah");
    form.put("NumMedia", "1");
    form.put("MediaUrl0", graph.root() + "/twilio-media/ME1");
    form.put("MediaContentType0", "image/jpeg");
    form.put("SomeFutureParameter", "signed too");
    String publicUrl = "https://aduan.example.go.id/webhooks/twilio/whatsapp";

    HttpResponse<String> forged = postTwilio(form, "bm90IGl0");
    HttpResponse<String> answer = postTwilio(form, twilioSignature(publicUrl, form));

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("<Response>");
    JsonNode m =
        awaitRecords(
                Topics.COMPLAINTS_INBOUND,
                n -> n.path("providerMessageId").asString().equals(sid),
                1)
            .getFirst();
    assertThat(m.path("agencyCode").asString()).isEqualTo("TWL");
    assertThat(m.path("sender").path("displayName").asString()).isEqualTo("Pak Ñandang");
    assertThat(m.path("attachments").path(0).path("status").asString()).isEqualTo("STORED");
    assertThat(
            service
                .bean(MediaStore.class)
                .read(m.path("attachments").path(0).path("storageRef").asString()))
        .isEqualTo(photo);
    assertThat(
            graph.requests().stream()
                .filter(r -> r.path().equals("/twilio-media/ME1"))
                .findFirst()
                .orElseThrow()
                .authorization())
        .startsWith("Basic ");
  }

  @Test
  void aTwilioNumberSendsThroughTheMessagesApiWithBodyInsideAndContentSidOutsideTheWindow()
      throws Exception {
    String citizen = "62817" + (1_000_000 + (int) (Math.random() * 8_000_000));
    OutboundMessage outside = twilioOutbound(citizen, "Di luar jendela");
    publish(outside);
    awaitRecords(
        Topics.DELIVERY_RECEIPTS,
        n -> n.path("outboundEventId").asString().equals(outside.eventId()),
        1);

    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    form.put("From", "whatsapp:+" + citizen);
    form.put("To", "whatsapp:+6281100000009");
    form.put("Body", "Halo");
    form.put("NumMedia", "0");
    assertThat(
            postTwilio(
                    form,
                    twilioSignature("https://aduan.example.go.id/webhooks/twilio/whatsapp", form))
                .statusCode())
        .isEqualTo(200);
    awaitRecords(
        Topics.COMPLAINTS_INBOUND,
        n -> n.path("providerMessageId").asString().equals(form.get("MessageSid")),
        1);
    OutboundMessage inside = twilioOutbound(citizen, "Di dalam jendela");
    publish(inside);
    awaitRecords(
        Topics.DELIVERY_RECEIPTS,
        n -> n.path("outboundEventId").asString().equals(inside.eventId()),
        1);

    List<ProviderStandIn.Request> sends =
        graph.requests().stream().filter(r -> r.path().equals(TWILIO_MESSAGES)).toList();
    assertThat(sends).hasSize(2);
    assertThat(sends).allSatisfy(r -> assertThat(r.authorization()).startsWith("Basic "));
    Map<String, String> first = formOf(sends.get(0).body());
    Map<String, String> second = formOf(sends.get(1).body());
    assertThat(first)
        .containsEntry("From", "whatsapp:+6281100000009")
        .containsEntry("To", "whatsapp:+" + citizen)
        .containsEntry("ContentSid", "HX0000000000000000000000000000000a")
        .containsEntry("ContentVariables", "{\"1\":\"Di luar jendela\"}");
    assertThat(second).containsEntry("Body", "Di dalam jendela").doesNotContainKey("ContentSid");
  }

  private OutboundMessage twilioOutbound(String citizen, String text) {
    OutboundMessage o = outbound(citizen, text, null, null);
    return new OutboundMessage(
        o.eventId(),
        o.occurredAt(),
        "TWL",
        null,
        "TWL-2026-000001",
        new ReplyAddress(Channel.WHATSAPP, "100000000000009", citizen),
        o.purpose(),
        o.language(),
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

  private static String twilioSignature(String url, Map<String, String> form) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    form.forEach((k, v) -> params.put(k, List.of(v)));
    return new TwilioSignature(TWILIO_TOKEN).sign(url, params);
  }

  private HttpResponse<String> postTwilio(Map<String, String> form, String signature)
      throws Exception {
    String body =
        String.join(
            "&",
            form.entrySet().stream()
                .map(
                    e ->
                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .toList());
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port() + "/webhooks/twilio/whatsapp"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", signature)
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "aduan.example.go.id")
            .header("X-Forwarded-Port", "443")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> formOf(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  // --- helpers -------------------------------------------------------------------------------

  private String openWindow() throws Exception {
    String citizen = "62813" + (1_000_000 + (int) (Math.random() * 8_000_000));
    postSigned(textWebhook(BDG, "wamid.IN-" + UUID.randomUUID(), citizen, "Halo"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !read(
                        Topics.COMPLAINTS_INBOUND,
                        n -> n.path("sender").path("channelUserId").asString().equals(citizen),
                        Duration.ofMillis(300))
                    .isEmpty());
    return citizen;
  }

  private static OutboundMessage outbound(
      String citizen, String text, String replyTo, OutboundMessage.Template template) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        "BDG",
        null,
        "BDG-2026-000001",
        new ReplyAddress(Channel.WHATSAPP, BDG, citizen),
        "ANSWER",
        "id",
        null,
        text,
        template,
        replyTo,
        List.of(),
        List.of(),
        true,
        null,
        null);
  }

  private void publish(OutboundMessage outbound) {
    service
        .bean(EventPublisher.class)
        .publish(
            Topics.OUTBOUND_WHATSAPP, outbound.to().recipientId(), outbound, outbound.ticket());
  }

  private void mediaServed(String id, byte[] bytes, String sha) {
    graph.serve(
        "/v23.0/" + id,
        Answer.json(
            200,
            "{\"url\":\""
                + graph.root()
                + "/files/"
                + id
                + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\""
                + sha
                + "\",\"file_size\":"
                + bytes.length
                + ",\"id\":\""
                + id
                + "\"}"));
    graph.serve("/files/" + id, new Answer(200, "image/jpeg", bytes));
  }

  private static byte[] textWebhook(String numberId, String wamid, String from, String text) {
    return envelope(
        numberId,
        "\"contacts\":[{\"profile\":{\"name\":\"Warga\"},\"wa_id\":\""
            + from
            + "\"}],"
            + message(from, wamid, "text", "{\"body\":\"" + text + "\"}"));
  }

  private static byte[] imageWebhook(String wamid, String mediaId, String sha) {
    return envelope(
        BDG,
        message(
            "6281400000001",
            wamid,
            "image",
            "{\"caption\":\"Foto rumah\",\"mime_type\":\"image/jpeg\",\"sha256\":\""
                + sha
                + "\",\"id\":\""
                + mediaId
                + "\"}"));
  }

  private static String message(String from, String wamid, String type, String content) {
    return "\"messages\":[{\"from\":\""
        + from
        + "\",\"id\":\""
        + wamid
        + "\",\"timestamp\":\""
        + Instant.now().getEpochSecond()
        + "\",\"type\":\""
        + type
        + "\",\""
        + type
        + "\":"
        + content
        + "}]";
  }

  private static byte[] statusWebhook(String wamid, String status, long epochSeconds) {
    return envelope(
        BDG,
        "\"statuses\":[{\"id\":\""
            + wamid
            + "\",\"status\":\""
            + status
            + "\",\"timestamp\":\""
            + epochSeconds
            + "\",\"recipient_id\":\"6281500000001\"}]");
  }

  /** One Cloud API webhook with one change for {@code numberId} holding {@code value}'s fields. */
  private static byte[] envelope(String numberId, String value) {
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":[{\"field\":"
            + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
            + numberId
            + "\"},"
            + value
            + "}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void postSigned(byte[] body) throws Exception {
    assertThat(post(body, signer.signatureHeader(body)).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> post(byte[] body, String signature) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port() + "/webhooks/whatsapp"))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String query) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port() + "/webhooks/whatsapp?" + query))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] corpus(String file) throws Exception {
    try (var in = WhatsAppChannelFlowTest.class.getResourceAsStream("/whatsapp-corpus/" + file)) {
      return in.readAllBytes();
    }
  }

  private MeterRegistry meters() {
    return service.bean(MeterRegistry.class);
  }

  private double refusedBodies(String reason) {
    var counter = meters().find("aduan.web.body.refused").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private double webhookCount(String outcome) {
    return meters().get("aduan.webhook.requests").tag("outcome", outcome).counter().count();
  }

  /** The records of a topic matching {@code filter}, waiting until {@code count} arrived. */
  private List<JsonNode> awaitRecords(String topic, Predicate<JsonNode> filter, int count) {
    try (TopicProbe probe = new TopicProbe(service.brokers(), topic)) {
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<JsonNode> matching = List.of();
      while (System.nanoTime() < end) {
        matching = parse(probe.drain(Duration.ofMillis(300))).stream().filter(filter).toList();
        if (matching.size() >= count) {
          return matching;
        }
      }
      throw new AssertionError(
          "expected " + count + " records on " + topic + ", got " + matching.size());
    }
  }

  private List<JsonNode> read(String topic, Predicate<JsonNode> filter, Duration wait) {
    try (TopicProbe probe = new TopicProbe(service.brokers(), topic)) {
      return parse(probe.drain(wait)).stream().filter(filter).toList();
    }
  }

  private static List<JsonNode> parse(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> JSON.readTree(r.value())).toList();
  }

  private static String decode(JsonNode deadLetter) {
    return new String(
        java.util.Base64.getDecoder().decode(deadLetter.path("payloadBase64").asString("")),
        StandardCharsets.UTF_8);
  }
}
