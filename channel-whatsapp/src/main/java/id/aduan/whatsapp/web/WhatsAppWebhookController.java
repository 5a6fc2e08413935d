package id.aduan.whatsapp.web;

import id.aduan.support.HubSignature;
import id.aduan.support.StageLatency;
import id.aduan.support.web.WebhookResponses;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.MalformedWebhookException;
import id.aduan.whatsapp.domain.WebhookBatch;
import id.aduan.whatsapp.domain.WebhookNormalizer;
import id.aduan.whatsapp.messaging.InboundRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /webhooks/whatsapp}: Meta's verification handshake and its signed event POSTs. A POST is
 * answered 200 only after every message in it was acknowledged by Kafka; otherwise Meta retries.
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
class WhatsAppWebhookController {

  private final WhatsAppProperties properties;
  private final HubSignature signatures;
  private final WebhookNormalizer normalizer;
  private final InboundRelay relay;
  private final JsonMapper json;
  private final WebhookResponses responses;
  private final Timer ackTime;
  private static final ResponseEntity<?> OK = ResponseEntity.ok().build();

  WhatsAppWebhookController(
      WhatsAppProperties properties,
      HubSignature signatures,
      WebhookNormalizer normalizer,
      InboundRelay relay,
      JsonMapper json,
      MeterRegistry meters) {
    this.properties = properties;
    this.signatures = signatures;
    this.normalizer = normalizer;
    this.relay = relay;
    this.json = json;
    this.responses = new WebhookResponses(meters, "whatsapp");
    this.ackTime = StageLatency.timer(meters, StageLatency.WEBHOOK_ACK);
  }

  @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> verify(
      @RequestParam(name = "hub.mode", required = false) @Nullable String mode,
      @RequestParam(name = "hub.verify_token", required = false) @Nullable String token,
      @RequestParam(name = "hub.challenge", required = false) @Nullable String challenge) {
    if ("subscribe".equals(mode)
        && challenge != null
        && HubSignature.tokensMatch(properties.verifyToken(), token)) {
      return ResponseEntity.ok(challenge);
    }
    responses.count("handshake_refused");
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body("verification failed");
  }

  /**
   * Answered asynchronously: the request thread is free while Kafka acknowledges, and the 200 is
   * written from that acknowledgement (a failure becomes the 503 of {@link
   * WebhookAcknowledgementAdvice}).
   */
  @PostMapping
  CompletableFuture<ResponseEntity<?>> receive(
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = "X-Hub-Signature-256", required = false) @Nullable String signature) {
    var refused = responses.refuseUnsigned(body, signature, signatures, properties.maxBodySize());
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused.get());
    }
    WebhookBatch batch;
    try {
      JsonNode root = json.readTree(body);
      batch = normalizer.normalize(root);
    } catch (JacksonException e) {
      return CompletableFuture.completedFuture(
          responses.problem(
              HttpStatus.BAD_REQUEST, "malformed_json", "The body is not valid JSON."));
    } catch (MalformedWebhookException e) {
      return CompletableFuture.completedFuture(
          responses.problem(HttpStatus.BAD_REQUEST, "malformed_webhook", e.getMessage()));
    }
    long arrived = System.nanoTime();
    return relay
        .relay(batch)
        .thenApply(
            done -> {
              ackTime.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
              responses.count("accepted");
              return OK;
            });
  }
}
