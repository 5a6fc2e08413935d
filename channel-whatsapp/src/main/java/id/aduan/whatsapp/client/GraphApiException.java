package id.aduan.whatsapp.client;

import id.aduan.whatsapp.domain.SendFailure;
import org.jspecify.annotations.Nullable;

/**
 * The provider (the Graph API, or Twilio) refused a call or could not be reached. Carries the HTTP
 * status (0 when there was no answer), the provider's error code, and what to do about it.
 */
public final class GraphApiException extends RuntimeException {

  private final int httpStatus;
  private final @Nullable Integer code;
  private final SendFailure failure;

  /** A Graph API error, classified by Meta's codes. */
  GraphApiException(
      int httpStatus, @Nullable Integer code, String detail, @Nullable Throwable cause) {
    this(httpStatus, code, detail, cause, SendFailure.classify(httpStatus, code));
  }

  /** A failure this adapter decides itself (e.g. a document it cannot read). */
  public GraphApiException(
      int httpStatus,
      @Nullable Integer code,
      String detail,
      @Nullable Throwable cause,
      SendFailure failure) {
    super(detail, cause);
    this.httpStatus = httpStatus;
    this.code = code;
    this.failure = failure;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public @Nullable Integer code() {
    return code;
  }

  /** The error code as the receipt carries it: the provider's code, else the HTTP status. */
  public String codeText() {
    return code != null ? String.valueOf(code) : "http_" + httpStatus;
  }

  public SendFailure failure() {
    return failure;
  }
}
