package id.aduan.lapor.client;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A LAPOR! call failed after its retries, or the circuit breaker refused it. The message names only
 * the exception class and the HTTP status: LAPOR!'s error bodies can echo reporters' data, and
 * exception messages end up in logs (ours and the binder's).
 */
public class LaporCallFailedException extends RuntimeException {

  private final boolean transientFailure;

  LaporCallFailedException(Throwable cause) {
    super("LAPOR! call failed: " + describe(cause));
    this.transientFailure =
        !(cause instanceof HttpClientErrorException client)
            || client.getStatusCode().value() == 429;
  }

  /**
   * Whether a later attempt may succeed (docs/adr/0041): no answer, a timeout, 5xx, 429 or an open
   * circuit; any other 4xx means the request itself is wrong.
   */
  public boolean isTransient() {
    return transientFailure;
  }

  static String describe(Throwable e) {
    return e instanceof RestClientResponseException http
        ? e.getClass().getSimpleName() + " (HTTP " + http.getStatusCode().value() + ")"
        : e.getClass().getSimpleName();
  }
}
