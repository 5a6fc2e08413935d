package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Likely duplicates of a new case, for an officer to confirm (never merged automatically): an open
 * case of the same agency received within the agency's window, from the same citizen or the same
 * NIK or phone number (on any channel), whose text is similar enough. A near-identical text counts
 * on its own, since a complaint forwarded by LAPOR! carries no channel identity of the citizen.
 */
public final class Duplicates {

  /** Texts this alike are flagged even without a shared identity. */
  static final double NEAR_IDENTICAL = 0.9;

  private Duplicates() {}

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
