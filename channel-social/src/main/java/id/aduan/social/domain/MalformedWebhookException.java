package id.aduan.social.domain;

/** The body is JSON but not a Meta webhook at all (no object, no entry list). */
public class MalformedWebhookException extends RuntimeException {
  public MalformedWebhookException(String message) {
    super(message);
  }
}
