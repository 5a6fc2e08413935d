package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Likely duplicates of a new case, for an officer to confirm (never merged automatically): an open
 * case of the same agency received within the agency's window, from the same citizen or the same
 * NIK or phone number (on any channel), whose text is similar enough. A near-identical text counts
 * on its own, since a complaint forwarded by LAPOR! carries no channel identity of the citizen.
 */
public final class Duplicates {

  /** Texts this alike are flagged even without a shared identity. */
  static final double NEAR_IDENTICAL = 0.9;

  /**
   * MinHash bands of a text's words: two texts share a band key with probability {@code 1 - (1 -
   * J^ROWS)^BANDS} for a word-set similarity J: at least 0.9996 at {@link #NEAR_IDENTICAL}, 0.047
   * at 0.2 (docs/adr/0049-duplicate-candidates-by-key.md).
   */
  static final int BANDS = 6;

  static final int ROWS = 3;

  private Duplicates() {}

  /**
   * The keys under which a case is found as a duplicate candidate ({@code dupKeys}): its identity
   * keys (already keyed hashes) and one key per MinHash band of its text's significant words, each
   * a keyed hash ({@code textBand}, e.g. {@code IdentityKeys::textBand}) so that no word can be
   * read back from the store. A case that could be flagged against another shares at least one
   * identity key with it, or (with a text similarity of at least {@link #NEAR_IDENTICAL}) a band
   * key with probability above 0.999.
   */
  public static List<String> keys(
      String text, Collection<String> identityKeys, UnaryOperator<String> textBand) {
    Set<String> keys = new LinkedHashSet<>(identityKeys);
    Set<String> words = Words.significant(text);
    if (!words.isEmpty()) {
      long[] min = new long[BANDS * ROWS];
      java.util.Arrays.fill(min, Long.MAX_VALUE);
      for (String w : words) {
        long h = wordHash(w);
        for (int i = 0; i < min.length; i++) {
          min[i] = Math.min(min[i], mix(h + (i + 1) * 0x9E3779B97F4A7C15L));
        }
      }
      for (int b = 0; b < BANDS; b++) {
        StringBuilder band = new StringBuilder().append(b);
        for (int r = 0; r < ROWS; r++) {
          band.append('|').append(Long.toHexString(min[b * ROWS + r]));
        }
        keys.add(textBand.apply(band.toString()));
      }
    }
    return List.copyOf(keys);
  }

  /** SplitMix64's finalizer: one independent-looking hash function per seed. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long wordHash(String word) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(word.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param identityKeys hashed identity keys of the case's citizen ({@link IdentityKeys})
   */
  public record Candidate(
      String caseId,
      String ticket,
      Channel channel,
      Instant receivedAt,
      String text,
      Set<String> identityKeys) {}

  /**
   * A likely duplicate, with why: {@code same-citizen}, {@code same-nik}, {@code same-phone},
   * {@code same-lapor} (the same LAPOR! report, named in the text or being it).
   */
  public record Suspect(String caseId, String ticket, double similarity, List<String> reasons) {}

  public static List<Suspect> find(
      Agency agency,
      Instant receivedAt,
      String text,
      Set<String> identityKeys,
      List<Candidate> candidates) {
    Agency.Duplicates rule = agency.rules().duplicates();
    Duration window = Duration.ofDays(rule.windowDays());
    List<Suspect> suspects = new ArrayList<>();
    for (Candidate c : candidates) {
      if (Duration.between(c.receivedAt(), receivedAt).abs().compareTo(window) > 0) {
        continue;
      }
      double similarity = Words.similarity(text, c.text());
      List<String> reasons = new ArrayList<>();
      for (String key : identityKeys) {
        if (c.identityKeys().contains(key)) {
          reasons.add("same-" + key.substring(0, key.indexOf(':')));
        }
      }
      // Naming the same LAPOR! report is enough on its own: the words may differ entirely.
      boolean flagged =
          reasons.contains("same-lapor")
              || (!reasons.isEmpty() && similarity >= rule.minSimilarity())
              || similarity >= NEAR_IDENTICAL;
      if (flagged) {
        if (reasons.isEmpty()) {
          reasons.add("same-text");
        }
        suspects.add(
            new Suspect(
                c.caseId(),
                c.ticket(),
                Math.round(similarity * 100) / 100.0,
                reasons.stream().distinct().toList()));
      }
    }
    suspects.sort(Comparator.comparingDouble(Suspect::similarity).reversed());
    return List.copyOf(suspects);
  }
}
