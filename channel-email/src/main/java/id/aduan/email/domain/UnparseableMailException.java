package id.aduan.email.domain;

/**
 * A mail that cannot become a complaint. {@link #reason()} is a short machine-readable code
 * (MALFORMED, TOO_LARGE, TOO_MANY_PARTS, TOO_DEEP) used as a metric tag and dead-letter reason; the
 * message carries no personal data.
 */
public final class UnparseableMailException extends Exception {

  private final String reason;

  public UnparseableMailException(String reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public UnparseableMailException(String reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
