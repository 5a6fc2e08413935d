package id.aduan.email.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Ticket numbers ({@code BDG-2026-000123}, CONTRACT.md) quoted in a subject line. */
public final class Tickets {

  private static final Pattern TICKET =
      Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{2,8}-\\d{4}-\\d{6})(?![0-9])");

  private Tickets() {}

  /** The first ticket number in the text, upper-cased, if any. */
  public static Optional<String> in(@Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = TICKET.matcher(text);
    return m.find() ? Optional.of(m.group(1).toUpperCase(java.util.Locale.ROOT)) : Optional.empty();
  }
}
