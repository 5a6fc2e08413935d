package id.aduan.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Informal spellings and abbreviations as the classifier reads them ({@code gak} is {@code tidak},
 * {@code bansos} is {@code bantuan sosial}), from the readable file {@code normalisation.txt}.
 */
final class Normaliser {

  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}]*|\\p{N}+");
  private static final Pattern REDUPLICATED = Pattern.compile("(\\p{L}{2,})2");
  private static final List<String> PARTICLES = List.of("nya", "lah", "kah", "ku", "mu", "nye");

  private final Map<String, String> rules;

  Normaliser(Map<String, String> rules) {
    this.rules = Map.copyOf(rules);
  }

  static Normaliser read(InputStream in, String source) {
    Map<String, String> rules = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
          throw new ClassificationConfigException(
              source + ":" + n + ": expected 'informal = formal words', got '" + s + "'");
        }
        String from = s.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String to = s.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
        if (from.contains(" ") || to.isEmpty()) {
          throw new ClassificationConfigException(
              source + ":" + n + ": the informal side is one word, the formal side is not empty");
        }
        if (rules.put(from, to) != null) {
          throw new ClassificationConfigException(source + ":" + n + ": '" + from + "' twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Normaliser(rules);
  }

  int size() {
    return rules.size();
  }

  /** The text in lower case, word by word in its formal spelling, separated by spaces. */
  String normalise(String text) {
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    StringBuilder out = new StringBuilder(text.length() + 16);
    while (m.find()) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(word(m.group()));
    }
    return out.toString();
  }

  private String word(String w) {
    String mapped = rules.get(w);
    if (mapped != null) {
      return mapped;
    }
    Matcher redup = REDUPLICATED.matcher(w);
    if (redup.matches()) {
      // "anak2" is "anak-anak": the word itself is enough for classification.
      return word(redup.group(1));
    }
    for (String p : PARTICLES) {
      if (w.length() > p.length() + 2 && w.endsWith(p)) {
        String base = rules.get(w.substring(0, w.length() - p.length()));
        if (base != null) {
          return base;
        }
      }
    }
    return w;
  }
}
