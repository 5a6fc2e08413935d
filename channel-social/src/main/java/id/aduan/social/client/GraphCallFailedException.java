package id.aduan.social.client;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A Send API call failed after its retries. The message names only the exception class and the HTTP
 * status: Meta's error bodies can echo the recipient or the text, and exception messages end up in
 * logs (ours and the binder's). {@link #isTransient()} says whether a later attempt may succeed
 * (docs/adr/0041): no answer, 5xx, 429, and Meta's transient codes (1, 2: temporary; 4, 17, 32,
 * 613, 80006: rate limits); every other 4xx means the request itself is wrong.
 */
public class GraphCallFailedException extends RuntimeException {

  private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 4, 17, 32, 613, 80006);
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d+)");

  private final boolean transientFailure;

  GraphCallFailedException(Throwable cause) {
    super("Send API call failed: " + describe(cause));
    this.transientFailure = isTransient(cause);
  }

  /** Whether trying again later may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }

  static boolean isTransient(Throwable e) {
    if (!(e instanceof HttpClientErrorException client)) {
      return true;
    }
    if (client.getStatusCode().value() == 429) {
      return true;
    }
    Matcher code = CODE.matcher(client.getResponseBodyAsString());
    return code.find() && TRANSIENT_CODES.contains(Integer.parseInt(code.group(1)));
  }

  static String describe(Throwable e) {
    return e instanceof RestClientResponseException http
        ? e.getClass().getSimpleName() + " (HTTP " + http.getStatusCode().value() + ")"
        : e.getClass().getSimpleName();
  }
}
