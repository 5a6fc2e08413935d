package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.classification.ComplaintClassifier;
import id.aduan.classification.Decision;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The classifier of case-classification applied at intake: the case type a new case opens with, the
 * division suggested to the verifier, and the proposal ({@code CaseClassified} by {@code
 * classifier}, with confidence, explanation and the unsure flag) that rides after {@code
 * CaseOpened}. Suggestions only; the verifier decides. When the classifier is unsure the case opens
 * as a complaint (checked and timed like one), without a suggested division, and its proposal is
 * marked unsure: the verifier's triage queue.
 *
 * <p>Rules, normalisation and model come from the bundled files, or from the directory named by the
 * system property {@code aduan.classification.dir} or the environment variable {@code
 * ADUAN_CLASSIFICATION_DIR} (case-classification/README.md).
 */
public final class Classifier {

  /** The actor of the classifier's proposals (an officer's CaseClassified names the officer). */
  public static final String ACTOR = CaseEvent.CaseClassified.PROPOSER;

  private Classifier() {}

  private static volatile @Nullable ComplaintClassifier instance;

  /**
   * Loaded at the first classification; a bad file fails that classification (and the next, until
   * fixed) with the file and the reason, rather than leaving an unusable class behind.
   */
  private static ComplaintClassifier classifier() {
    ComplaintClassifier c = instance;
    if (c == null) {
      synchronized (Classifier.class) {
        c = instance;
        if (c == null) {
          c = ComplaintClassifier.load(directory());
          instance = c;
        }
      }
    }
    return c;
  }

  private static Optional<Path> directory() {
    String dir = System.getProperty("aduan.classification.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("ADUAN_CLASSIFICATION_DIR");
    }
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  public static Decision decide(Agency agency, @Nullable String text, @Nullable String intakeMode) {
    return classifier().classify(agency, text, intakeMode);
  }

  public static CaseType caseType(Agency agency, @Nullable String text) {
    Decision d = decide(agency, text, null);
    return d.unsure() ? CaseType.COMPLAINT : d.caseType();
  }

  public static Optional<String> suggestDivision(Agency agency, @Nullable String text) {
    Decision d = decide(agency, text, null);
    return d.unsure() ? Optional.empty() : Optional.ofNullable(d.division());
  }

  /** One decision at intake, in the three shapes the case needs. */
  public record Proposed(Decision decision, @Nullable String suggestedDivision, Proposal stored) {}

  /**
   * The proposal as the case keeps it: what the classifier thinks the case is and where it goes,
   * how sure it is and why. {@code unsure} puts the case in the verifier's triage queue; the case's
   * own type, class and division change only when an officer decides.
   */
  public record Proposal(
      CaseType caseType,
      @Nullable String slaClass,
      @Nullable String topic,
      @Nullable String division,
      double confidence,
      boolean unsure,
      List<String> explanation) {

    public Proposal {
      explanation = explanation == null ? List.of() : List.copyOf(explanation);
    }
  }

  public static Proposed propose(
      Agency agency, @Nullable String text, @Nullable String intakeMode) {
    Decision d = decide(agency, text, intakeMode);
    return new Proposed(
        d,
        d.unsure() ? null : d.division(),
        new Proposal(
            d.caseType(),
            d.slaClass(),
            d.topic(),
            d.division(),
            d.confidence(),
            d.unsure(),
            d.explanation()));
  }

  /**
   * The opening's events with the classifier's proposal right after {@code CaseOpened} (unchanged
   * when there is no CaseOpened among them).
   */
  /**
   * The proposal with the division a channel proposes (LAPOR!'s category, mapped in channel-lapor),
   * when it is one of the agency's: LAPOR! has already sorted the report. Still a proposal: the
   * case's division changes only when an officer routes it.
   */
  public static Proposed withChannelDivision(
      Proposed proposed, Agency agency, @Nullable String division) {
    if (division == null
        || agency.rules().divisions().stream().noneMatch(d -> d.code().equals(division))) {
      return proposed;
    }
    Decision d = proposed.decision();
    List<String> why = new ArrayList<>(d.explanation());
    why.add("LAPOR! category -> " + division);
    Decision withDivision =
        new Decision(
            d.caseType(),
            d.caseTypeConfidence(),
            d.slaClass(),
            d.slaClassConfidence(),
            d.topic(),
            d.topicConfidence(),
            division,
            1.0,
            d.confidence(),
            d.unsure(),
            why);
    return new Proposed(
        withDivision,
        withDivision.unsure() ? null : division,
        new Proposal(
            d.caseType(), d.slaClass(), d.topic(), division, d.confidence(), d.unsure(), why));
  }

  public static List<CaseEvent> withProposal(
      Agency agency, @Nullable String text, @Nullable String intakeMode, List<CaseEvent> events) {
    return withProposal(propose(agency, text, intakeMode), events);
  }

  public static List<CaseEvent> withProposal(Proposed proposed, List<CaseEvent> events) {
    Decision d = proposed.decision();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof CaseEvent.CaseOpened o) {
        List<CaseEvent> out = new ArrayList<>(events);
        out.add(
            i + 1,
            new CaseEvent.CaseClassified(
                UUID.randomUUID().toString(),
                o.occurredAt(),
                o.caseId(),
                o.ticket(),
                o.agencyCode(),
                o.status(),
                d.caseType(),
                d.slaClass(),
                d.topic(),
                d.division(),
                d.confidence(),
                d.unsure(),
                d.explanation(),
                ACTOR));
        return List.copyOf(out);
      }
    }
    return events;
  }
}
