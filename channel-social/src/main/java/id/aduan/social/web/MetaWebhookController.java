package id.aduan.social.web;

import id.aduan.social.config.SocialProperties;
import id.aduan.social.domain.MalformedWebhookException;
import id.aduan.social.domain.MetaWebhookNormalizer;
import id.aduan.social.domain.SocialBatch;
import id.aduan.social.messaging.SocialRelay;
import id.aduan.support.HubSignature;
import id.aduan.support.web.WebhookResponses;
import io.micrometer.core.instrument.MeterRegistry;
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
 * {@code /webhooks/meta}: Meta's verification handshake and its signed event POSTs for Messenger
 * and Instagram. A POST is answered 200 only after every message in it was acknowledged by Kafka
 * (its media stored first); otherwise Meta retries.
 */
@RestController
@RequestMapping("/webhooks/meta")
class MetaWebhookController {

  private final SocialProperties properties;
  private final HubSignature signatures;
  private final MetaWebhookNormalizer normalizer;
  private final SocialRelay relay;
  private final JsonMapper json;
  private final WebhookResponses responses;

  MetaWebhookController(
      SocialProperties properties,
      HubSignature signatures,
      MetaWebhookNormalizer normalizer,
      SocialRelay relay,
      JsonMapper json,
      MeterRegistry meters) {
    this.properties = properties;
    this.signatures = signatures;
    this.normalizer = normalizer;
    this.relay = relay;
    this.json = json;
    this.responses = new WebhookResponses(meters, "social");
  }

  @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> verify(
      @RequestParam(name = "hub.mode", required = false) @Nullable String mode,
      @RequestParam(name = "hub.verify_token", required = false) @Nullable String token,
      @RequestParam(name = "hub.challenge", required = false) @Nullable String challenge) {
    if (HubSignature.handshakeAccepted(properties.verifyToken(), mode, token, challenge)) {
      return ResponseEntity.ok(challenge);
    }
    responses.count("handshake_refused");
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body("verification failed");
  }

  @PostMapping
  ResponseEntity<?> receive(
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = HubSignature.HEADER, required = false) @Nullable String signature) {
    var refused = responses.refuseUnsigned(body, signature, signatures, properties.maxBodySize());
    if (refused.isPresent()) {
      return refused.get();
    }
    SocialBatch batch;
    try {
      JsonNode root = json.readTree(body);
      batch = normalizer.normalize(root);
    } catch (JacksonException e) {
      return responses.problem(
          HttpStatus.BAD_REQUEST, "malformed_json", "The body is not valid JSON.");
    } catch (MalformedWebhookException e) {
      return responses.problem(HttpStatus.BAD_REQUEST, "malformed_webhook", e.getMessage());
    }
    relay.relay(batch);
    responses.count("accepted");
    return ResponseEntity.ok().build();
  }
}
