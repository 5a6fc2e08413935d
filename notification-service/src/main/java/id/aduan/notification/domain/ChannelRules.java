package id.aduan.notification.domain;

import id.aduan.contracts.Channel;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What each channel allows now, from the citizen's last message on it:
 *
 * <ul>
 *   <li>WhatsApp: free text within 24 hours, otherwise only an approved template;
 *   <li>Messenger and Instagram: a standard reply within 24 hours, then up to 7 days only a
 *       person's message with the {@code HUMAN_AGENT} tag, then nothing;
 *   <li>email and LAPOR!: any time.
 * </ul>
 */
public final class ChannelRules {

  public static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);
  public static final Duration META_STANDARD = Duration.ofHours(24);
  public static final Duration META_HUMAN_AGENT = Duration.ofDays(7);

  private ChannelRules() {}

  public sealed interface Mode permits FreeText, Template, HumanAgent, Closed {}

  /** Text as it is. */
  public record FreeText() implements Mode {}

  /** Only an approved WhatsApp template. */
  public record Template() implements Mode {}

  /** Messenger/Instagram with the {@code HUMAN_AGENT} tag (the adapter adds it). */
  public record HumanAgent() implements Mode {}

  /** Cannot go out on this channel now; another channel or an officer must take over. */
  public record Closed(String reason) implements Mode {}

  /**
   * @param lastInbound the citizen's last message on this address, null when none is known
   * @param automatic no person wrote it (Meta's human-agent tag is for people only)
   */
  public static Mode mode(
      Channel channel, @Nullable Instant lastInbound, Instant now, boolean automatic) {
    return switch (channel) {
      case EMAIL, LAPOR -> new FreeText();
      case WHATSAPP ->
          lastInbound != null && now.isBefore(lastInbound.plus(WHATSAPP_WINDOW))
              ? new FreeText()
              : new Template();
      case FACEBOOK, INSTAGRAM -> {
        if (lastInbound == null) {
          yield new Closed("NO_CONVERSATION");
        }
        Duration since = Duration.between(lastInbound, now);
        if (since.compareTo(META_STANDARD) <= 0) {
          yield new FreeText();
        }
        if (since.compareTo(META_HUMAN_AGENT) <= 0) {
          yield automatic ? new Closed("AUTOMATIC_AFTER_24H") : new HumanAgent();
        }
        yield new Closed("OUTSIDE_7_DAYS");
      }
      case FRONT_DESK, WEB -> new Closed("NO_OUTBOUND_CHANNEL");
    };
  }
}
