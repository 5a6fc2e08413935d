package id.aduan.classification;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Classifies a citizen's message for an agency: the statistical model's scores plus the agency's
 * rule words, as probabilities; below the agency's threshold the decision is marked unsure (the
 * verifier's triage queue). Thread-safe; one instance serves all agencies of its catalogue.
 */
public final class ComplaintClassifier {

  /** What one matching rule word adds to a class's score (a log-odds step). */
  static final double RULE_WEIGHT = 1.5;

  /**
   * The share of the topic probability that must fall on topics this agency routes before its
   * division confidence is taken at face value (below, it shrinks in proportion: a message about
   * something the agency does not handle is not routed with confidence).
   */
  static final double ROUTABLE_MASS = 0.5;

  private final TextAnalysis analysis;
  private final ClassificationRules rules;
  private final ClassificationModel model;

  public ComplaintClassifier(
      TextAnalysis analysis, ClassificationRules rules, ClassificationModel model) {
    this.analysis = analysis;
    this.rules = rules;
    this.model = model;
  }

  /** The bundled normalisation, rules and model; an agency's rules are read on first use. */
  public static ComplaintClassifier bundled() {
    TextAnalysis analysis = TextAnalysis.bundled();
    return new ComplaintClassifier(
        analysis, ClassificationRules.bundled(analysis), ClassificationModel.bundled());
  }

  /** The bundled normalisation, rules and model, checked for the agencies of {@code catalog}. */
  public static ComplaintClassifier bundled(AgencyCatalog catalog) {
    TextAnalysis analysis = TextAnalysis.bundled();
    return new ComplaintClassifier(
        analysis, ClassificationRules.bundled(catalog, analysis), ClassificationModel.bundled());
  }

  /**
   * The files of {@code dir} where present ({@code normalisation.txt}, {@code topics.yaml}, {@code
   * <code>.yaml}, {@code model.tsv}), the bundled ones otherwise; the bundled set without a dir.
   */
  public static ComplaintClassifier load(AgencyCatalog catalog, Optional<Path> dir) {
    ComplaintClassifier c = load(dir);
    catalog.all().forEach(c.rules::of);
    return c;
  }

  /** As {@link #load(AgencyCatalog, Optional)}; an agency's rules are read on first use. */
  public static ComplaintClassifier load(Optional<Path> dir) {
    if (dir.isEmpty()) {
      return bundled();
    }
    Path d = dir.get();
    try {
      TextAnalysis analysis =
          Files.isRegularFile(d.resolve("normalisation.txt"))
              ? readAnalysis(d.resolve("normalisation.txt"))
              : TextAnalysis.bundled();
      ClassificationModel model;
      if (Files.isRegularFile(d.resolve("model.tsv"))) {
        try (InputStream in = Files.newInputStream(d.resolve("model.tsv"))) {
          model = ClassificationModel.read(in, d.resolve("model.tsv").toString());
        }
      } else {
        model = ClassificationModel.bundled();
      }
      return new ComplaintClassifier(
          analysis, ClassificationRules.fromDirectory(d, analysis), model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TextAnalysis readAnalysis(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return TextAnalysis.of(Normaliser.read(in, file.toString()));
    }
  }

  TextAnalysis analysis() {
    return analysis;
  }

  public ClassificationRules rules() {
    return rules;
  }

  /**
   * The decision for a message.
   *
   * @param intakeMode {@code ONLINE}, or the front-desk mode ({@code walk-in}, {@code letter}, ...)
   *     where an agency's SLA class depends on it
   */
  public Decision classify(Agency agency, @Nullable String text, @Nullable String intakeMode) {
    AgencyRules r = rules.of(agency);
    TextAnalysis.Analysed analysed = analysis.analyse(text == null ? "" : text);
    List<String> stems = analysed.stems();
    Set<String> features = analysis.features(stems);
    List<String> why = new ArrayList<>();

    // 1. Case type.
    SoftmaxModel typeModel = model.caseType();
    Scored type =
        score(
            typeModel,
            features,
            stems,
            cls -> r.caseTypeWords().getOrDefault(CaseType.valueOf(cls), List.of()));
    CaseType caseType = CaseType.valueOf(type.best());
    double typeConfidence = type.confidence();
    why.add(
        "Jenis "
            + caseType
            + " ("
            + percent(typeConfidence)
            + ")"
            + words(
                analysed, typeModel.evidence(features, type.best(), 4), type.rulesOf(type.best())));

    // 2. Topic and division.
    String topic;
    double topicConfidence;
    String division;
    double divisionConfidence;
    boolean routed = caseType == CaseType.COMPLAINT || caseType == CaseType.ASPIRATION;
    if (routed) {
      SoftmaxModel topicModel = model.topic();
      Scored topics =
          score(topicModel, features, stems, t -> r.topicWords().getOrDefault(t, List.of()));
      topic = topics.best();
      topicConfidence = topics.confidence();
      why.add(
          "Topik "
              + topic
              + " ("
              + percent(topicConfidence)
              + ")"
              + words(analysed, topicModel.evidence(features, topic, 4), topics.rulesOf(topic)));
      Map<String, Double> mass = new LinkedHashMap<>();
      double routable = 0;
      double crossCutting = 0;
      for (int k = 0; k < topics.classes().size(); k++) {
        String t = topics.classes().get(k);
        Optional<String> d = r.division(t);
        if (d.isPresent()) {
          mass.merge(d.get(), topics.p()[k], Double::sum);
          routable += topics.p()[k];
        } else if (rules.crossCutting(t)) {
          // Misconduct about a programme, where the agency has no division for misconduct: the
          // programme's division handles it, so this mass speaks neither for nor against routing.
          crossCutting += topics.p()[k];
        }
      }
      Map.Entry<String, Double> best =
          mass.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
      if (best == null || routable <= 0) {
        division = null;
        divisionConfidence = 0;
        why.add("Bidang: topik ini tidak ditangani bidang mana pun di " + agency.code());
      } else {
        division = best.getKey();
        divisionConfidence = best.getValue() / routable * Math.min(1, routable / ROUTABLE_MASS);
        String via =
            r.division(topic)
                .map(d -> "dari topik " + topic)
                .orElse(
                    "topik "
                        + topic
                        + " tanpa bidang sendiri di "
                        + agency.code()
                        + ": bidang dari topik berikutnya");
        why.add("Bidang " + division + " (" + percent(divisionConfidence) + "), " + via);
      }
    } else if (caseType == CaseType.INFORMATION_REQUEST) {
      topic = "INFORMATION";
      topicConfidence = typeConfidence;
      division = r.division(topic).orElse(null);
      divisionConfidence = typeConfidence;
      why.add(
          division == null
              ? "Permohonan informasi: alur PPID, tanpa bidang"
              : "Permohonan informasi: bidang " + division + " (PPID)");
    } else {
      topic = "OTHER";
      topicConfidence = typeConfidence;
      division = null;
      divisionConfidence = typeConfidence;
    }

    // 3. SLA class.
    List<Agency.SlaClass> candidates =
        agency.rules().slaClasses().stream()
            .filter(c -> c.caseType().equals(caseType.name()))
            .toList();
    String slaClass = null;
    double slaConfidence = 1;
    Optional<AgencyRules.SlaRule> byMode =
        r.slaRules().stream()
            .filter(s -> intakeMode != null && s.intakeModes().contains(intakeMode))
            .filter(s -> candidates.stream().anyMatch(c -> c.code().equals(s.slaClass())))
            .findFirst();
    if (byMode.isPresent()) {
      slaClass = byMode.get().slaClass();
      why.add("Kelas SLA " + slaClass + ": cara datang " + intakeMode);
    } else if (candidates.size() == 1) {
      slaClass = candidates.getFirst().code();
      why.add("Kelas SLA " + slaClass + ": satu-satunya kelas untuk " + caseType);
    } else if (candidates.size() > 1) {
      // A class chosen by the way the citizen came (a walk-in) is not guessed from the words.
      Set<String> byModeOnly =
          r.slaRules().stream()
              .filter(s -> !s.intakeModes().isEmpty())
              .map(AgencyRules.SlaRule::slaClass)
              .collect(Collectors.toSet());
      List<String> byWords =
          candidates.stream()
              .map(Agency.SlaClass::code)
              .filter(c -> !byModeOnly.contains(c))
              .toList();
      List<String> codes =
          byWords.isEmpty() ? candidates.stream().map(Agency.SlaClass::code).toList() : byWords;
      List<Agency.SlaClass> scored =
          codes.stream().map(c -> agency.rules().slaClass(c).orElseThrow()).toList();
      Map<String, List<Phrase>> slaWords = new LinkedHashMap<>();
      r.slaRules()
          .forEach(
              s ->
                  slaWords.computeIfAbsent(s.slaClass(), k -> new ArrayList<>()).addAll(s.words()));
      Optional<SoftmaxModel> slaModel = model.slaClass(agency.code());
      double[] z = new double[codes.size()];
      if (slaModel.isPresent()) {
        double[] all = slaModel.get().logits(features);
        for (int k = 0; k < codes.size(); k++) {
          int i = slaModel.get().classes().indexOf(codes.get(k));
          z[k] = i < 0 ? -5 : all[i];
        }
      } else {
        for (int k = 0; k < codes.size(); k++) {
          z[k] = scored.get(k).isDefault() ? 0.5 : 0;
        }
      }
      Map<String, List<String>> hits = new LinkedHashMap<>();
      for (int k = 0; k < codes.size(); k++) {
        List<String> h = matching(slaWords.getOrDefault(codes.get(k), List.of()), stems);
        hits.put(codes.get(k), h);
        z[k] += RULE_WEIGHT * h.size();
      }
      double[] p = SoftmaxModel.softmax(z);
      int bestK = argmax(p);
      slaClass = codes.get(bestK);
      slaConfidence = p[bestK];
      why.add(
          "Kelas SLA "
              + slaClass
              + " ("
              + percent(slaConfidence)
              + ")"
              + words(
                  analysed,
                  slaModel.map(m -> m.evidence(features, codes.get(bestK), 3)).orElse(List.of()),
                  hits.get(slaClass)));
    }

    // 4. Abstention.
    double confidence = routed ? Math.min(typeConfidence, divisionConfidence) : typeConfidence;
    boolean unsure = confidence < r.threshold();
    if (unsure) {
      why.add(
          "Ragu: keyakinan "
              + percent(confidence)
              + " di bawah ambang "
              + percent(r.threshold())
              + " "
              + agency.code()
              + ", verifikator memutuskan (antrean triase)");
    }
    return new Decision(
        caseType,
        typeConfidence,
        slaClass,
        slaConfidence,
        topic,
        topicConfidence,
        division,
        divisionConfidence,
        confidence,
        unsure,
        why);
  }

  /** Probabilities of a model's classes after its logits and the rule words' weights. */
  private record Scored(List<String> classes, double[] p, Map<String, List<String>> rules) {
    String best() {
      return classes.get(argmax(p));
    }

    double confidence() {
      return p[argmax(p)];
    }

    List<String> rulesOf(String cls) {
      return rules.getOrDefault(cls, List.of());
    }
  }

  private static Scored score(
      SoftmaxModel m,
      Collection<String> features,
      List<String> stems,
      java.util.function.Function<String, List<Phrase>> ruleWords) {
    double[] z = m.logits(features);
    Map<String, List<String>> hits = new LinkedHashMap<>();
    for (int k = 0; k < z.length; k++) {
      List<String> h = matching(ruleWords.apply(m.classes().get(k)), stems);
      hits.put(m.classes().get(k), h);
      z[k] += RULE_WEIGHT * h.size();
    }
    return new Scored(m.classes(), SoftmaxModel.softmax(z), hits);
  }

  private static List<String> matching(List<Phrase> phrases, List<String> stems) {
    return phrases.stream().filter(p -> p.in(stems)).map(Phrase::text).distinct().toList();
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  private static String words(
      TextAnalysis.Analysed text, List<String> model, List<String> ruleHits) {
    StringBuilder s = new StringBuilder();
    if (!model.isEmpty()) {
      s.append(": kata ")
          .append(model.stream().map(text::wordsOf).distinct().collect(Collectors.joining(", ")));
    }
    if (!ruleHits.isEmpty()) {
      s.append(s.isEmpty() ? ": " : "; ")
          .append("aturan ")
          .append(ruleHits.stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(", ")));
    }
    return s.toString();
  }

  static String percent(double p) {
    return String.format(Locale.ROOT, "%.0f%%", p * 100);
  }
}
