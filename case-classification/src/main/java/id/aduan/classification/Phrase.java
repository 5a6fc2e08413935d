package id.aduan.classification;

import java.util.List;

/**
 * A rule word or phrase as written by an officer ({@code text}) and as the classifier reads it
 * ({@code stems}): it matches a text whose stems contain these stems in this order, adjacent.
 */
public record Phrase(String text, List<String> stems) {

  public Phrase {
    stems = List.copyOf(stems);
  }

  static Phrase of(String text, TextAnalysis analysis) {
    return new Phrase(text, analysis.stems(text));
  }

  public boolean in(List<String> textStems) {
    if (stems.isEmpty() || stems.size() > textStems.size()) {
      return false;
    }
    outer:
    for (int i = 0; i + stems.size() <= textStems.size(); i++) {
      for (int j = 0; j < stems.size(); j++) {
        if (!textStems.get(i + j).equals(stems.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
