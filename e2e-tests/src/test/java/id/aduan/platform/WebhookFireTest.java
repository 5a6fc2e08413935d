package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The load generator's complaint texts: reproducible, and few of them alike. */
class WebhookFireTest {

  @Test
  void aComplaintsTextIsTheSameForItsNumberAndUnlikeMostOthers() {
    assertThat(WebhookFire.text(7)).isEqualTo(WebhookFire.text(7));
    int n = 300;
    int alike = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      Set<String> a = words(WebhookFire.text(i));
      for (int j = i + 1; j < n; j++) {
        pairs++;
        // BDG's duplicate threshold (minSimilarity 0.5 of the word sets).
        if (jaccard(a, words(WebhookFire.text(j))) >= 0.5) {
          alike++;
        }
      }
    }
    assertThat((double) alike / pairs).as("pairs of texts at least half alike").isLessThan(0.01);
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
        .filter(w -> w.length() > 2)
        .collect(Collectors.toSet());
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    Set<String> common = new HashSet<>(a);
    common.retainAll(b);
    return (double) common.size() / (a.size() + b.size() - common.size());
  }
}
