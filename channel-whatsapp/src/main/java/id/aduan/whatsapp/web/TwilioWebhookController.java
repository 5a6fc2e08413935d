package id.aduan.whatsapp.web;

import id.aduan.support.web.WebhookResponses;
import id.aduan.whatsapp.config.TwilioProperties;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.MalformedWebhookException;
import id.aduan.whatsapp.domain.TwilioNormalizer;
import id.aduan.whatsapp.domain.TwilioSignature;
import id.aduan.whatsapp.messaging.InboundRelay;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /webhooks/twilio/whatsapp}: Twilio's form-encoded WhatsApp webhooks (messages and status
 * callbacks), signed with {@code X-Twilio-Signature} over the public URL Twilio called. Behind a
 * proxy that URL is rebuilt from {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code
 * X-Forwarded-Port}. Answered with empty TwiML only after Kafka acknowledged, as the Cloud API.
 */
@RestController
@RequestMapping("/webhooks/twilio/whatsapp")
class TwilioWebhookController {

  private static final String EMPTY_TWIML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
  private final TwilioProperties twilio;
  private final WhatsAppProperties properties;
  private final TwilioNormalizer normalizer;
  private final InboundRelay relay;
  private final WebhookResponses responses;

  TwilioWebhookController(
      TwilioProperties twilio,
      WhatsAppProperties properties,
      TwilioNormalizer normalizer,
      InboundRelay relay,
      MeterRegistry meters) {
    this.twilio = twilio;
    this.properties = properties;
    this.normalizer = normalizer;
    this.relay = relay;
    this.responses = new WebhookResponses(meters, "twilio");
  }

  @PostMapping
  CompletableFuture<ResponseEntity<?>> receive(HttpServletRequest request) {
    if (request.getContentLengthLong() > properties.maxBodySize().toBytes()) {
      return CompletableFuture.completedFuture(
          responses.problem(HttpStatus.CONTENT_TOO_LARGE, "too_large", "The body is too large."));
    }
    if (twilio.authToken() == null || twilio.authToken().isBlank()) {
      return CompletableFuture.completedFuture(
          responses.problem(
              HttpStatus.FORBIDDEN, "not_configured", "Twilio is not configured here."));
    }
    Map<String, List<String>> params = postParameters(request);
    if (!new TwilioSignature(twilio.authToken())
        .verify(publicUrl(request), params, request.getHeader("X-Twilio-Signature"))) {
      return CompletableFuture.completedFuture(
          responses.problem(
              HttpStatus.UNAUTHORIZED, "bad_signature", "X-Twilio-Signature does not match."));
    }
    Map<String, String> single = new HashMap<>();
    params.forEach((k, v) -> single.put(k, v.getFirst()));
    CompletableFuture<Void> published;
    try {
      published = relay.relay(normalizer.normalize(single));
    } catch (MalformedWebhookException e) {
      return CompletableFuture.completedFuture(
          responses.problem(HttpStatus.BAD_REQUEST, "malformed_webhook", e.getMessage()));
    }
    return published.thenApply(
        done -> {
          responses.count("accepted");
          return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
        });
  }

  /**
   * The form parameters without the query's: Twilio signs the URL (query included) and then only
   * the POST body's parameters, while the servlet API merges both.
   */
  private static Map<String, List<String>> postParameters(HttpServletRequest request) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    request.getParameterMap().forEach((k, v) -> params.put(k, new ArrayList<>(List.of(v))));
    String query = request.getQueryString();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        List<String> values = params.get(key);
        if (values != null) {
          values.remove(value);
          if (values.isEmpty()) {
            params.remove(key);
          }
        }
      }
    }
    return params;
  }

  /** The URL Twilio called, as the proxy in front of us received it. */
  static String publicUrl(HttpServletRequest request) {
    String proto = first(request.getHeader("X-Forwarded-Proto"));
    String host = first(request.getHeader("X-Forwarded-Host"));
    String port = first(request.getHeader("X-Forwarded-Port"));
    String scheme = proto != null ? proto : request.getScheme();
    String authority = host != null ? host : request.getHeader("Host");
    if (authority == null) {
      authority = request.getServerName() + ":" + request.getServerPort();
    }
    if (host != null
        && port != null
        && !authority.contains(":")
        && !(scheme.equals("https") && port.equals("443"))
        && !(scheme.equals("http") && port.equals("80"))) {
      authority = authority + ":" + port;
    }
    String query = request.getQueryString();
    return scheme
        + "://"
        + authority
        + request.getRequestURI()
        + (query == null ? "" : "?" + query);
  }

  private static @Nullable String first(@Nullable String header) {
    return header == null || header.isBlank() ? null : header.split(",")[0].strip();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
