package id.aduan.cases.domain;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Takes personal data out of a text that is published (UU PDP 27/2022): NIK numbers, phone numbers,
 * email addresses and the names the case knows. What is left says what was removed, so a reader
 * sees that something was there.
 */
public final class PersonalData {

  private static final Pattern NIK = Pattern.compile("(?<!\\d)\\d{16}(?!\\d)");
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\d])(?:\\+?62|0)[\\s.-]?8(?:[\\s.-]?\\d){7,12}(?!\\d)");
  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");

  private PersonalData() {}

  /** The text without NIKs, phone numbers, email addresses and any of {@code names}. */
  public static String scrub(@Nullable String text, Collection<String> names) {
    if (text == null) {
      return "";
    }
    String out = NIK.matcher(text).replaceAll("[NIK disamarkan]");
    out = EMAIL.matcher(out).replaceAll("[email disamarkan]");
    out = PHONE.matcher(out).replaceAll("[nomor disamarkan]");
    for (String name : names) {
      if (name == null || name.strip().length() < 3) {
        continue;
      }
      out =
          Pattern.compile(
                  "(?<![\\p{L}])" + Pattern.quote(name.strip()) + "(?![\\p{L}])",
                  Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
              .matcher(out)
              .replaceAll("[nama disamarkan]");
    }
    return out;
  }

  /** Whether a text still holds something that looks like a NIK, phone number or address. */
  public static boolean looksPersonal(@Nullable String text) {
    if (text == null) {
      return false;
    }
    String t = text.toLowerCase(Locale.ROOT);
    return NIK.matcher(t).find() || PHONE.matcher(t).find() || EMAIL.matcher(t).find();
  }
}
