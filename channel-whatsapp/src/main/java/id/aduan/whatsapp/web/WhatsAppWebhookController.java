package id.aduan.whatsapp.web;

import id.aduan.support.HubSignature;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.MalformedWebhookException;
import id.aduan.whatsapp.domain.WebhookBatch;
import id.aduan.whatsapp.domain.WebhookNormalizer;
import id.aduan.whatsapp.messaging.InboundRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
  private final MeterRegistry meters;

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
    this.meters = meters;
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
    meters
        .counter("aduan.webhook.requests", "channel", "whatsapp", "outcome", "handshake_refused")
        .increment();
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body("verification failed");
  }

  @PostMapping
  ResponseEntity<?> receive(
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = "X-Hub-Signature-256", required = false) @Nullable String signature) {
    if (body == null || body.length == 0) {
      return problem(HttpStatus.BAD_REQUEST, "empty_body", "The request has no body.");
    }
    if (body.length > properties.maxBodySize().toBytes()) {
      return problem(
          HttpStatus.CONTENT_TOO_LARGE,
          "too_large",
          "The body exceeds " + properties.maxBodySize() + ".");
    }
    if (!signatures.verify(body, signature)) {
      return problem(
          HttpStatus.UNAUTHORIZED, "bad_signature", "X-Hub-Signature-256 does not match the body.");
    }
    WebhookBatch batch;
    try {
      JsonNode root = json.readTree(body);
      batch = normalizer.normalize(root);
    } catch (JacksonException e) {
      return problem(HttpStatus.BAD_REQUEST, "malformed_json", "The body is not valid JSON.");
    } catch (MalformedWebhookException e) {
      return problem(HttpStatus.BAD_REQUEST, "malformed_webhook", e.getMessage());
    }
    relay.relay(batch);
    meters
        .counter("aduan.webhook.requests", "channel", "whatsapp", "outcome", "accepted")
        .increment();
    return ResponseEntity.ok().build();
  }

  private ResponseEntity<ProblemDetail> problem(HttpStatus status, String outcome, String detail) {
    meters.counter("aduan.webhook.requests", "channel", "whatsapp", "outcome", outcome).increment();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
