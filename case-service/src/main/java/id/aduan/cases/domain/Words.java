package id.aduan.cases.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Word-level text helpers for keyword rules and similarity (no stemming: the rules are lists). */
final class Words {

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Words() {}

  static List<String> of(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return List.of(NON_WORD.split(text.toLowerCase(Locale.ROOT).strip())).stream()
        .filter(w -> !w.isEmpty())
        .toList();
  }

  static int count(@Nullable String text) {
    return of(text).size();
  }

  /** True when the text contains one of the keywords as whole words ("kk" is not in "kkn"). */
  static boolean mentionsAny(@Nullable String text, List<String> keywords) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String padded = " " + String.join(" ", of(text)) + " ";
    for (String k : keywords) {
      String phrase = String.join(" ", of(k));
      if (!phrase.isEmpty() && padded.contains(" " + phrase + " ")) {
        return true;
      }
    }
    return false;
  }

  /** How many of the keywords the text mentions. */
  static int mentions(@Nullable String text, List<String> keywords) {
    int n = 0;
    for (String k : keywords) {
      if (mentionsAny(text, List.of(k))) {
        n++;
      }
    }
    return n;
  }

  /** Jaccard similarity of the two texts' word sets (0..1), ignoring very short words. */
  static double similarity(@Nullable String a, @Nullable String b) {
    Set<String> x = significant(a);
    Set<String> y = significant(b);
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    Set<String> union = new LinkedHashSet<>(x);
    union.addAll(y);
    long common = x.stream().filter(y::contains).count();
    return (double) common / union.size();
  }

  static Set<String> significant(@Nullable String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String w : of(text)) {
      if (w.length() > 2) {
        words.add(w);
      }
    }
    return words;
  }
}
