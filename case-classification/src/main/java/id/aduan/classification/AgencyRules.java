package id.aduan.classification;

import id.aduan.contracts.CaseType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agency's classification rules, read from its classification file and its agency file.
 *
 * @param threshold below this confidence in the case type or the division the decision abstains
 * @param topicDivisions which division handles each topic (topics not listed are not routed here)
 * @param topicWords rule words per topic: the topic's own words and the duties ({@code handles})
 *     the agency file lists for the topic's division
 * @param caseTypeWords rule words per case type
 * @param slaRules words or front-desk modes that point to an SLA class
 */
public record AgencyRules(
    String agency,
    double threshold,
    Map<String, String> topicDivisions,
    Map<String, List<Phrase>> topicWords,
    Map<CaseType, List<Phrase>> caseTypeWords,
    List<SlaRule> slaRules) {

  public AgencyRules {
    topicDivisions = Map.copyOf(topicDivisions);
    topicWords = Map.copyOf(topicWords);
    caseTypeWords = Map.copyOf(caseTypeWords);
    slaRules = List.copyOf(slaRules);
  }

  public Optional<String> division(String topic) {
    return Optional.ofNullable(topicDivisions.get(topic));
  }

  /** Words or front-desk modes ({@code walk-in}, {@code letter}, ...) that point to a class. */
  public record SlaRule(String slaClass, List<Phrase> words, List<String> intakeModes) {
    public SlaRule {
      words = List.copyOf(words);
      intakeModes = List.copyOf(intakeModes);
    }
  }
}
