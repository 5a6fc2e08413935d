package id.aduan.cases.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Indonesian population number (NIK): 16 digits = region (province, regency/city, district: 2
 * digits each), birth date DDMMYY with 40 added to the day for women, and a 4-digit serial. A NIK
 * is personal data: {@link #toString()} never shows it, and reasons name the rule, not the value.
 */
public final class Nik {

  /**
   * Province codes of the Ministry of Home Affairs (Kemendagri), Aceh 11 to Papua Barat Daya 96.
   */
  private static final Set<Integer> PROVINCES =
      Set.of(
          11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63,
          64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96);

  /** A bare 16-digit number, or digits (with spaces or dots) written right after the word NIK. */
  private static final Pattern BARE = Pattern.compile("(?<!\\d)\\d{16}(?!\\d)");

  private static final Pattern LABELLED =
      Pattern.compile("(?i)\\bnik\\b\\s*[:.=]?\\s*([0-9][0-9 .\\-]{4,30}[0-9])");

  private final String digits;
  private final boolean female;
  private final LocalDate birthDate;

  private Nik(String digits, boolean female, LocalDate birthDate) {
    this.digits = digits;
    this.female = female;
    this.birthDate = birthDate;
  }

  public String digits() {
    return digits;
  }

  public boolean female() {
    return female;
  }

  public LocalDate birthDate() {
    return birthDate;
  }

  @Override
  public String toString() {
    return "Nik[****]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Nik n && n.digits.equals(digits);
  }

  @Override
  public int hashCode() {
    return digits.hashCode();
  }

  /**
   * The outcome of checking one candidate: a valid NIK, or the rule it broke.
   *
   * @param reason a code such as {@code nik:length}, {@code nik:region}, {@code nik:birth-date},
   *     {@code nik:serial}; null when valid
   */
  public record Check(@Nullable Nik nik, @Nullable String reason) {
    public boolean valid() {
      return nik != null;
    }
  }

  /**
   * Checks one candidate. {@code today} decides the century of the two-digit birth year (a birth
   * date cannot lie in the future).
   */
  public static Check check(String candidate, LocalDate today) {
    String d = candidate.replaceAll("[ .\\-]", "");
    if (!d.matches("\\d{16}")) {
      return new Check(null, "nik:length");
    }
    int province = Integer.parseInt(d.substring(0, 2));
    int regency = Integer.parseInt(d.substring(2, 4));
    int district = Integer.parseInt(d.substring(4, 6));
    if (!PROVINCES.contains(province) || regency == 0 || district == 0) {
      return new Check(null, "nik:region");
    }
    int day = Integer.parseInt(d.substring(6, 8));
    int month = Integer.parseInt(d.substring(8, 10));
    int yy = Integer.parseInt(d.substring(10, 12));
    boolean female = day > 40;
    if (female) {
      day -= 40;
    }
    // The century: this one, unless that would put the birth date in the future.
    LocalDate born = date(2000 + yy, month, day);
    if (born == null || born.isAfter(today)) {
      born = date(1900 + yy, month, day);
    }
    if (born == null || born.isAfter(today)) {
      return new Check(null, "nik:birth-date");
    }
    if (d.endsWith("0000")) {
      return new Check(null, "nik:serial");
    }
    return new Check(new Nik(d, female, born), null);
  }

  private static @Nullable LocalDate date(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Every NIK candidate in a text (bare 16-digit numbers and numbers labelled NIK), checked. */
  public static List<Check> findIn(@Nullable String text, LocalDate today) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Set<String> candidates = new LinkedHashSet<>();
    Matcher labelled = LABELLED.matcher(text);
    while (labelled.find()) {
      candidates.add(labelled.group(1).replaceAll("[ .\\-]", ""));
    }
    Matcher bare = BARE.matcher(text);
    while (bare.find()) {
      candidates.add(bare.group());
    }
    List<Check> checks = new ArrayList<>();
    for (String c : candidates) {
      checks.add(check(c, today));
    }
    return checks;
  }

  /** The first valid NIK of a text, if any. */
  public static Optional<Nik> firstValidIn(@Nullable String text, LocalDate today) {
    return findIn(text, today).stream().filter(Check::valid).map(Check::nik).findFirst();
  }
}
