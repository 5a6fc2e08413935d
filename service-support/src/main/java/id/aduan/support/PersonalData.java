package id.aduan.support;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes personal data from text that will be published (UU PDP 27/2022): SP4N-LAPOR! follow-ups
 * (LAPOR! publishes them) and Bangka Belitung's published follow-up results. Replaced: email
 * addresses, NIKs (16 digits, also in groups of four), Indonesian mobile and landline numbers,
 * names the caller knows (the reporter's), and names after a form of address or a "nama" label. A
 * name written without either, and unknown to the caller, cannot be recognised reliably; what
 * replaces each says what was there ({@code [NIK]}, {@code [nomor telepon]}, {@code [email]},
 * {@code [nama]}).
 */
public final class PersonalData {

  private record Rule(Pattern pattern, String replacement) {}

  private static final String NAME = "\\p{Lu}[\\p{L}'.-]*(?:\\s+\\p{Lu}[\\p{L}'.-]*){0,3}";

  private static final List<Rule> RULES =
      List.of(
          new Rule(Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"), "[email]"),
          // Sixteen digits, also written in groups of four (1971 0141 0190 0001, with dots,
          // dashes).
          new Rule(Pattern.compile("(?<![\\d-])\\d{4}(?:[\\s.-]?\\d{4}){3}(?!\\d)"), "[NIK]"),
          new Rule(
              Pattern.compile("(?<![\\w-])(?:\\+62|62|0)[\\s.-]?8\\d(?:[\\s.-]?\\d){6,11}(?!\\d)"),
              "[nomor telepon]"),
          new Rule(
              Pattern.compile("(?<![\\w-])\\(?(?:\\+62|0)\\d{2,4}\\)?[\\s.-]?\\d{5,8}(?!\\d)"),
              "[nomor telepon]"),
          new Rule(
              Pattern.compile("\\b((?i:nama|atas nama|a\\.n\\.|name)\\s*:?\\s+)" + NAME),
              "$1[nama]"),
          new Rule(
              Pattern.compile(
                  "\\b(Bapak|Bpk\\.?|Pak|Ibu|Bu|Sdr\\.?|Sdri\\.?|Saudara|Saudari|Tn\\.?|Ny\\.?|Nn\\.?|Mr\\.?|Mrs\\.?|Ms\\.?)\\s+"
                      + NAME),
              "$1 [nama]"));

  private PersonalData() {}

  public static String scrub(String text) {
    return scrub(text, List.of());
  }

  /**
   * The text without personal data, and without any of {@code knownNames} (whole words, any case;
   * names shorter than three letters are left, as they would match parts of other words).
   */
  public static String scrub(String text, Collection<String> knownNames) {
    String out = text;
    for (String name : knownNames) {
      if (name == null || name.strip().length() < 3) {
        continue;
      }
      out =
          Pattern.compile(
                  "(?<![\\p{L}])" + Pattern.quote(name.strip()) + "(?![\\p{L}])",
                  Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
              .matcher(out)
              .replaceAll("[nama]");
    }
    for (Rule rule : RULES) {
      out = rule.pattern().matcher(out).replaceAll(rule.replacement());
    }
    return out;
  }
}
