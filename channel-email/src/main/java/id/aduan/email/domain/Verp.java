package id.aduan.email.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VERP-style return paths: every outbound mail leaves with the envelope sender {@code
 * <local>+bounce-<outbound id>@<domain>} of its own mailbox, so a bounce comes back to that mailbox
 * addressed to a name that says which message failed, even when the remote server quotes none of
 * the original headers.
 */
public final class Verp {

  private static final Pattern BOUNCE =
      Pattern.compile("^[^@+]+\\+bounce-([A-Za-z0-9._-]{1,100})@[^@]+$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private Verp() {}

  /** The envelope sender for an outbound mail from {@code mailbox}. */
  public static String returnPath(String mailbox, String outboundId) {
    if (!SAFE.matcher(outboundId).matches()) {
      throw new IllegalArgumentException("outbound id is not address-safe");
    }
    int at = mailbox.indexOf('@');
    if (at < 1) {
      throw new IllegalArgumentException("not a mailbox address");
    }
    return mailbox.substring(0, at) + "+bounce-" + outboundId + mailbox.substring(at);
  }

  /** The outbound id a bounce address names, if it is one. */
  public static Optional<String> outboundId(String address) {
    Matcher m = BOUNCE.matcher(address.trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
