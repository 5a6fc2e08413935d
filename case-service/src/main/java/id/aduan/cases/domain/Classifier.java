package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agency's classification rules applied to a citizen's text: its case type (a PPID information
 * request or a complaint) and the division whose duties it mentions most. Suggestions only; the
 * verifier decides.
 */
public final class Classifier {

  private Classifier() {}

  public static CaseType caseType(Agency agency, @Nullable String text) {
    for (Agency.CaseTypeRule rule : agency.rules().caseTypes()) {
      if (Words.mentionsAny(text, rule.keywords())) {
        return CaseType.valueOf(rule.caseType());
      }
    }
    return CaseType.COMPLAINT;
  }

  public static Optional<String> suggestDivision(Agency agency, @Nullable String text) {
    Agency.Division best = null;
    int bestHits = 0;
    for (Agency.Division d : agency.rules().divisions()) {
      int hits = Words.mentions(text, d.handles());
      if (hits > bestHits) {
        best = d;
        bestHits = hits;
      }
    }
    return Optional.ofNullable(best).map(Agency.Division::code);
  }
}
