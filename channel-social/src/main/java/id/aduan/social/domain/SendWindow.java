package id.aduan.social.domain;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Meta's messaging window for pages and Instagram accounts: a standard reply ({@code
 * messaging_type=RESPONSE}) within 24 hours of the citizen's last message; a human agent's reply
 * with the {@code HUMAN_AGENT} tag up to 7 days; after that nothing may be sent, and the officer is
 * told so instead of the message vanishing.
 */
public final class SendWindow {

  static final Duration STANDARD = Duration.ofHours(24);
  static final Duration HUMAN_AGENT = Duration.ofDays(7);

  private SendWindow() {}

  public sealed interface Decision permits Response, HumanAgent, Closed {}

  public record Response() implements Decision {}

  public record HumanAgent() implements Decision {}

  /** Cannot be sent; the reason in Bahasa Indonesia first, then English. */
  public record Closed(String code, String reason) implements Decision {}

  /**
   * @param lastInbound when the citizen last wrote on this conversation, null when never
   * @param automatic a message no person wrote may not use the human-agent tag
   */
  public static Decision decide(@Nullable Instant lastInbound, Instant now, boolean automatic) {
    if (lastInbound == null) {
      return new Closed(
          "NO_CONVERSATION",
          "Pesan tidak dapat dikirim: warga belum pernah mengirim pesan ke akun ini. / Cannot be"
              + " sent: the citizen has never written to this account.");
    }
    Duration since = Duration.between(lastInbound, now);
    if (since.compareTo(STANDARD) <= 0) {
      return new Response();
    }
    if (since.compareTo(HUMAN_AGENT) <= 0 && !automatic) {
      return new HumanAgent();
    }
    return new Closed(
        "OUTSIDE_WINDOW",
        automatic && since.compareTo(HUMAN_AGENT) <= 0
            ? "Pesan otomatis tidak dapat dikirim lebih dari 24 jam setelah pesan terakhir warga;"
                + " balas oleh petugas. / An automatic message cannot be sent more than 24 hours"
                + " after the citizen's last message; an officer must reply."
            : "Pesan tidak dapat dikirim: lebih dari 7 hari sejak pesan terakhir warga. Hubungi"
                + " warga lewat kanal lain. / Cannot be sent: more than 7 days since the citizen's"
                + " last message. Contact the citizen on another channel.");
  }
}
