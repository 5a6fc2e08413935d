package id.aduan.notification.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes personal data from text that will be published (SP4N-LAPOR! follow-ups are public): email
 * addresses, NIKs (16 digits), Indonesian phone numbers and names after a form of address or a
 * "nama" label (UU PDP 27/2022). A name written without either cannot be recognised reliably;
 * officers are told in the README to write LAPOR! answers without names.
 */
public final class PersonalData {

  private record Rule(Pattern pattern, String replacement) {}

  private static final String NAME = "\\p{Lu}[\\p{L}'.-]*(?:\\s+\\p{Lu}[\\p{L}'.-]*){0,3}";

  private static final List<Rule> RULES =
      List.of(
          new Rule(Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"), "[email]"),
          new Rule(Pattern.compile("(?<![\\d-])\\d{16}(?!\\d)"), "[NIK]"),
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
    String out = text;
    for (Rule rule : RULES) {
      out = rule.pattern().matcher(out).replaceAll(rule.replacement());
    }
    return out;
  }
}
