package id.aduan.notification.domain;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One notice for one recipient, as stored until it is sent: several parts held for the same
 * recipient go out merged into one message.
 *
 * @param sourceId the notification id it was decided under
 * @param template one template key, or several joined by {@code +} (sent as one text)
 */
public record Part(
    String sourceId,
    String purpose,
    String template,
    Map<String, String> values,
    boolean automatic,
    @Nullable String replyTo) {

  public Part {
    values = Map.copyOf(values);
  }
}
