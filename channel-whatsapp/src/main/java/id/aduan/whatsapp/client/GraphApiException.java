package id.aduan.whatsapp.client;

import id.aduan.whatsapp.domain.SendFailure;
import org.jspecify.annotations.Nullable;

/**
 * The Graph API refused a call or could not be reached. Carries the HTTP status (0 when there was
 * no answer) and WhatsApp's error code, and what to do about it.
 */
public final class GraphApiException extends RuntimeException {

  private final int httpStatus;
  private final @Nullable Integer code;

  GraphApiException(
      int httpStatus, @Nullable Integer code, String detail, @Nullable Throwable cause) {
    super(detail, cause);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public @Nullable Integer code() {
    return code;
  }

  /** The error code as the receipt carries it: WhatsApp's code, else the HTTP status. */
  public String codeText() {
    return code != null ? String.valueOf(code) : "http_" + httpStatus;
  }

  public SendFailure failure() {
    return SendFailure.classify(httpStatus, code);
  }
}
