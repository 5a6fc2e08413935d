package id.aduan.notification.domain;

import id.aduan.contracts.ReplyAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One decision: tell these recipients this, for this reason. Rendering per channel and timing
 * (windows, quiet hours, the daily limit) come after.
 *
 * @param key distinguishes several notices of one event to one recipient ({@code ""} for the main
 *     one, e.g. {@code survey} for the survey after a resolution)
 * @param template the template key in the agency file's {@code templates}
 * @param values the placeholder values (ticket, division, summary, ...)
 * @param automatic no person wrote it (counts towards the daily limit; no Meta human-agent tag)
 * @param urgent sent during quiet hours too
 * @param delay sent no earlier than this after the event (the survey)
 * @param replyTo the citizen's message this answers, when the channel can quote it
 */
public record Notice(
    String key,
    Audience audience,
    String purpose,
    String template,
    Map<String, String> values,
    boolean automatic,
    boolean urgent,
    Duration delay,
    List<ReplyAddress> to,
    @Nullable String replyTo) {

  public Notice {
    values = Map.copyOf(values);
    to = List.copyOf(to);
  }

  public enum Audience {
    CITIZEN,
    STAFF
  }
}
