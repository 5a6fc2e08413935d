package id.aduan.cases.pii;

import id.aduan.support.pii.PiiCipher;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds NIKs and Indonesian mobile numbers in free text, to encrypt them in place (the words around
 * them stay searchable), to mask them in views, and to hash them for lookups.
 */
public final class PiiText {

  /** Sixteen digits, possibly in groups of four separated by a space, dot or dash. */
  static final Pattern NIK =
      Pattern.compile("(?<![\\d+])\\d{4}[ .\\-]?\\d{4}[ .\\-]?\\d{4}[ .\\-]?\\d{4}(?!\\d)");

  /** A mobile number: 08…, 628…, +62 8…, with spaces or dashes between digit groups. */
  static final Pattern PHONE =
      Pattern.compile("(?<![\\d+])(?:\\+62|62|0)[ \\-]?8\\d{1,3}(?:[ \\-]?\\d{2,5}){1,3}(?!\\d)");

  /** Both in one pass, so that a replacement is never scanned again. */
  private static final Pattern EITHER =
      Pattern.compile("(?<nik>" + NIK.pattern() + ")|(?<phone>" + PHONE.pattern() + ")");

  private PiiText() {}

  /** Digits only, with the national prefix {@code 62} (0812… and +62 812… are one number). */
  public static String normalizePhone(String raw) {
    String digits = raw.replaceAll("\\D", "");
    return digits.startsWith("0") ? "62" + digits.substring(1) : digits;
  }

  public static String normalizeNik(String raw) {
    return raw.replaceAll("\\D", "");
  }

  static boolean isPhone(String candidate) {
    int digits = normalizePhone(candidate).length();
    return digits >= 10 && digits <= 15;
  }

  /** Every NIK and phone number in the text replaced by {@code replacement.apply(kind, match)}. */
  static String replace(String text, Replacement replacement) {
    Matcher m = EITHER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replaced;
      if (m.group("nik") != null) {
        replaced = replacement.apply("nik", m.group());
      } else {
        replaced = isPhone(m.group()) ? replacement.apply("phone", m.group()) : m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** What opens an in-text ciphertext token ({@code [[pii:enc:v1:...]]}). */
  static final String OPEN = "[[pii";

  /**
   * A token, or an escaped opener: citizens' own {@code [[pii} is stored as {@code [[pii!}, so that
   * no text can read as a token (docs/adr/0025).
   */
  private static final Pattern STORED =
      Pattern.compile("\\[\\[pii(?::(enc:v1:[^:\\]]+:[A-Za-z0-9_\\-]+)]]|!)");

  /**
   * The text as stored: each NIK and phone number encrypted in place as a token, their lookup keys
   * collected, and any {@code [[pii} the text itself holds escaped, so that it stays text.
   */
  public static String encryptIn(String text, PiiCipher cipher, Set<String> lookups) {
    return replace(
        text.replace(OPEN, OPEN + "!"),
        (kind, match) -> {
          String normalized = kind.equals("nik") ? normalizeNik(match) : normalizePhone(match);
          lookups.add(cipher.lookup(kind, normalized));
          return OPEN + ":" + cipher.encrypt(match) + "]]";
        });
  }

  /**
   * The stored text back to clear: tokens decrypted, escapes undone. Throws {@link
   * IllegalStateException} when a token cannot be decrypted. Texts stored before escaping hold no
   * escapes, only tokens, and read the same.
   */
  public static String decryptIn(String text, PiiCipher cipher) {
    if (!text.contains(OPEN)) {
      return text;
    }
    Matcher m = STORED.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String clear = m.group(1) == null ? OPEN : cipher.decrypt(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(clear));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The text with every NIK and phone number masked (first and last digits kept). */
  public static String mask(String text) {
    return replace(text, (kind, match) -> maskValue(match));
  }

  /**
   * A value masked: of a number, the first four and last two digits kept, the rest {@code *}; of an
   * email address, its first letter and its domain ({@code w***@example.test}).
   */
  public static String maskValue(String value) {
    int at = value.indexOf('@');
    if (at > 0) {
      return value.charAt(0) + "***" + value.substring(at);
    }
    String digits = value.replaceAll("\\D", "");
    if (digits.length() < 8) {
      return "*".repeat(Math.max(4, value.length()));
    }
    return digits.substring(0, 4)
        + "*".repeat(digits.length() - 6)
        + digits.substring(digits.length() - 2);
  }

  /** A name masked to its initials: "Siti Aminah" becomes "S*** A*****". */
  public static String maskName(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.strip().split("\\s+")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(part.charAt(0)).append("*".repeat(Math.max(2, part.length() - 1)));
    }
    return out.toString();
  }

  /** The lookup keys of the NIKs and phone numbers in a text (for a search by value). */
  public static Set<String> lookupsIn(String text, PiiCipher cipher) {
    Set<String> keys = new LinkedHashSet<>();
    replace(
        text,
        (kind, match) -> {
          keys.add(
              cipher.lookup(
                  kind, kind.equals("nik") ? normalizeNik(match) : normalizePhone(match)));
          return match;
        });
    return keys;
  }

  @FunctionalInterface
  interface Replacement {
    String apply(String kind, String match);
  }
}
