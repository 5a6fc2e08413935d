package id.aduan.whatsapp.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text longer than WhatsApp's 4096-character body limit into parts, preferring a paragraph
 * break, then a line break, then a space, and never cutting a surrogate pair (emoji) in two.
 */
public final class TextSplitter {

  /** WhatsApp's limit of a text message body. */
  public static final int WHATSAPP_LIMIT = 4096;

  private TextSplitter() {}

  public static List<String> split(String text, int limit) {
    if (limit < 2) {
      throw new IllegalArgumentException("limit must be at least 2");
    }
    List<String> parts = new ArrayList<>();
    String rest = text;
    while (rest.length() > limit) {
      int cut = breakBefore(rest, limit);
      parts.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    if (!rest.isEmpty() || parts.isEmpty()) {
      parts.add(rest);
    }
    return parts;
  }

  private static int breakBefore(String text, int limit) {
    // A break in the second half only: cutting near the start would make many tiny messages.
    for (String separator : List.of("\n\n", "\n", " ")) {
      int at = text.lastIndexOf(separator, limit - separator.length());
      if (at >= limit / 2) {
        return at + separator.length();
      }
    }
    return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
  }
}
