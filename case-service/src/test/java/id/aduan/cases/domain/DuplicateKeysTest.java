package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The MinHash band keys of {@link Duplicates#keys}: pairs of texts at the near-identical threshold
 * share a key (measured recall at least 0.99), unrelated texts almost never do, and no word is in a
 * key.
 */
class DuplicateKeysTest {

  private static final IdentityKeys KEYS = new IdentityKeys(IdentityKeys.UNKEYED_SHA256);

  private static List<String> keys(String text) {
    return Duplicates.keys(text, List.of(), KEYS::textBand);
  }

  private static boolean share(String a, String b) {
    return !Collections.disjoint(keys(a), keys(b));
  }

  private static String words(Random random, int n) {
    List<String> w = new ArrayList<>();
    while (w.size() < n) {
      String word = "kata" + random.nextInt(5_000);
      if (!w.contains(word)) {
        w.add(word);
      }
    }
    return String.join(" ", w);
  }

  /** The same text with {@code changed} of its words replaced by new ones. */
  private static String edited(Random random, String text, int changed) {
    List<String> w = new ArrayList<>(List.of(text.split(" ")));
    for (int i = 0; i < changed; i++) {
      w.set(i, "baru" + random.nextInt(1_000_000));
    }
    Collections.shuffle(w, random);
    return String.join(" ", w);
  }

  @Test
  void pairsAtTheNearIdenticalThresholdShareABandKeyWithProbabilityAbove99Percent() {
    Random random = new Random(20);
    int pairs = 0;
    int found = 0;
    for (int i = 0; i < 2_000; i++) {
      String a = words(random, 20 + random.nextInt(60));
      String b = edited(random, a, 1 + random.nextInt(4));
      double similarity = Words.similarity(a, b);
      if (similarity >= Duplicates.NEAR_IDENTICAL && similarity < 0.95) {
        pairs++;
        if (share(a, b)) {
          found++;
        }
      }
    }
    assertThat(pairs).isGreaterThan(300);
    assertThat((double) found / pairs).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void unrelatedTextsRarelyShareAKeyAndIdentityKeysAreKept() {
    Random random = new Random(21);
    int shared = 0;
    for (int i = 0; i < 1_000; i++) {
      if (share(words(random, 30), words(random, 30))) {
        shared++;
      }
    }
    assertThat(shared).isLessThan(10);
    String text = "Jalan berlubang di depan SDN 1 sejak bulan lalu";
    List<String> keys = Duplicates.keys(text, List.of("nik:abc", "citizen:def"), KEYS::textBand);
    assertThat(keys).startsWith("nik:abc", "citizen:def").hasSize(2 + Duplicates.BANDS);
    assertThat(keys).allSatisfy(k -> assertThat(k).doesNotContain("jalan", "berlubang"));
    assertThat(Duplicates.keys(text.toUpperCase(), List.of(), KEYS::textBand))
        .as("the same words, the same keys")
        .isEqualTo(keys(text));
    assertThat(Duplicates.keys("", List.of("nik:abc"), KEYS::textBand)).containsExactly("nik:abc");
    Set<String> distinct = new HashSet<>(keys(text));
    assertThat(distinct).hasSize(Duplicates.BANDS);
  }
}
