package id.aduan.classification;

import id.aduan.contracts.CaseType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the classifier proposes for one message, each part with its confidence (0..1), and why.
 *
 * @param slaClass the agency's SLA class for the case type, or null when the agency has none
 * @param topic a topic code of {@code topics.yaml}
 * @param division the division (bidang) that handles it, or null (not routed, e.g. not a complaint,
 *     or abstained)
 * @param confidence the lower of the case-type and the division confidence (what abstention uses)
 * @param unsure below the agency's threshold: the verifier decides (triage queue); the other fields
 *     are then the best guess, never applied silently
 * @param explanation for the officer, in Bahasa Indonesia: the words and rules behind each part
 */
public record Decision(
    CaseType caseType,
    double caseTypeConfidence,
    @Nullable String slaClass,
    double slaClassConfidence,
    @Nullable String topic,
    double topicConfidence,
    @Nullable String division,
    double divisionConfidence,
    double confidence,
    boolean unsure,
    List<String> explanation) {

  public Decision {
    explanation = List.copyOf(explanation);
  }
}
