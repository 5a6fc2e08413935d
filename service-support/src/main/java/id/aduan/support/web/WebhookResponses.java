package id.aduan.support.web;

import id.aduan.support.HubSignature;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;

/**
 * The answers a channel's signed webhook gives, the same for every Meta channel: RFC 9457 problem
 * details for what is refused, and the counter {@code aduan.webhook.requests{channel,outcome}} for
 * every request.
 */
public final class WebhookResponses {

  private final MeterRegistry meters;
  private final String channel;

  public WebhookResponses(MeterRegistry meters, String channel) {
    this.meters = meters;
    this.channel = channel;
  }

  /**
   * What every signed POST must pass before its body is read: present, within {@code maxSize},
   * signed with the app secret over the raw bytes. Empty when it passes.
   */
  public Optional<ResponseEntity<ProblemDetail>> refuseUnsigned(
      byte @Nullable [] body,
      @Nullable String signature,
      HubSignature signatures,
      DataSize maxSize) {
    if (body == null || body.length == 0) {
      return Optional.of(problem(HttpStatus.BAD_REQUEST, "empty_body", "The request has no body."));
    }
    if (body.length > maxSize.toBytes()) {
      return Optional.of(
          problem(HttpStatus.CONTENT_TOO_LARGE, "too_large", "The body exceeds " + maxSize + "."));
    }
    if (!signatures.verify(body, signature)) {
      return Optional.of(
          problem(
              HttpStatus.UNAUTHORIZED,
              "bad_signature",
              HubSignature.HEADER + " does not match the body."));
    }
    return Optional.empty();
  }

  /** A refusal with its reason, counted under {@code outcome}. */
  public ResponseEntity<ProblemDetail> problem(HttpStatus status, String outcome, String detail) {
    count(outcome);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  public void count(String outcome) {
    meters.counter("aduan.webhook.requests", "channel", channel, "outcome", outcome).increment();
  }
}
