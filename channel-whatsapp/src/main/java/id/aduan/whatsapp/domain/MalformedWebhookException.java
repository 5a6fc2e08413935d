package id.aduan.whatsapp.domain;

/** The webhook body does not have the shape Meta documents; answered with 400. */
public final class MalformedWebhookException extends RuntimeException {
  public MalformedWebhookException(String detail) {
    super(detail);
  }
}
