package id.aduan.support.messaging;

/**
 * A message that no retry can fix (unknown type, malformed body). Consumers dead-letter it with
 * {@link #reason()} instead of retrying.
 */
public final class UnreadableMessageException extends RuntimeException {

  private final String reason;

  public UnreadableMessageException(String reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
