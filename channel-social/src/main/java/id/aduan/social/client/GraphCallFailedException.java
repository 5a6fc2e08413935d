package id.aduan.social.client;

import org.springframework.web.client.RestClientResponseException;

/**
 * A Send API call failed after its retries. The message names only the exception class and the HTTP
 * status: Meta's error bodies can echo the recipient or the text, and exception messages end up in
 * logs (ours and the binder's).
 */
public class GraphCallFailedException extends RuntimeException {

  GraphCallFailedException(Throwable cause) {
    super("Send API call failed: " + describe(cause));
  }

  static String describe(Throwable e) {
    return e instanceof RestClientResponseException http
        ? e.getClass().getSimpleName() + " (HTTP " + http.getStatusCode().value() + ")"
        : e.getClass().getSimpleName();
  }
}
