package id.aduan.email.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a delivery status notification (RFC 3464) says about a mail the platform sent.
 *
 * @param originalMessageIds Message-IDs found in the returned headers of the original
 * @param status the DSN status code (e.g. {@code 5.1.1}), when present
 * @param diagnostic the remote server's diagnostic, when present (no personal data is added; the
 *     remote text may name the recipient, so it is not logged)
 */
public record Bounce(
    List<String> originalMessageIds, @Nullable String status, @Nullable String diagnostic) {

  public Bounce {
    originalMessageIds = List.copyOf(originalMessageIds);
  }
}
