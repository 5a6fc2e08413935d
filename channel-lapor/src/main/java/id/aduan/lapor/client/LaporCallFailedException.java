package id.aduan.lapor.client;

import org.springframework.web.client.RestClientResponseException;

/**
 * A LAPOR! call failed after its retries, or the circuit breaker refused it. The message names only
 * the exception class and the HTTP status: LAPOR!'s error bodies can echo reporters' data, and
 * exception messages end up in logs (ours and the binder's).
 */
public class LaporCallFailedException extends RuntimeException {

  LaporCallFailedException(Throwable cause) {
    super("LAPOR! call failed: " + describe(cause));
  }

  static String describe(Throwable e) {
    return e instanceof RestClientResponseException http
        ? e.getClass().getSimpleName() + " (HTTP " + http.getStatusCode().value() + ")"
        : e.getClass().getSimpleName();
  }
}
