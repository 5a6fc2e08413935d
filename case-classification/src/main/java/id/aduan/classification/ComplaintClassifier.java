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
   * The decision for a message, in four steps that each add their reason to {@code why}: the case
   * type; the topic and division (complaints and aspirations by topic, information requests to the
   * PPID); the SLA class; and whether the confidence is too low to act on (unsure).
   *
   * @param intakeMode {@code ONLINE}, or the front-desk mode ({@code walk-in}, {@code letter}, ...)
   *     where an agency's SLA class depends on it
   */
  public Decision classify(Agency agency, @Nullable String text, @Nullable String intakeMode) {
    Message message = read(agency, text);
    TypeGuess type = caseType(message);
    Routing routing = route(message, type);
    SlaGuess sla = slaClass(message, type.caseType(), intakeMode);
    return decide(message, type, routing, sla);
  }

  /** A message as the steps see it: its agency's rules, its words, and the reasons so far. */
  private record Message(
      Agency agency,
      AgencyRules rules,
      TextAnalysis.Analysed analysed,
      Set<String> features,
      List<String> why) {
    List<String> stems() {
      return analysed.stems();
    }
  }

  private record TypeGuess(CaseType caseType, double confidence) {}

  private record Routing(
      String topic, double topicConfidence, @Nullable String division, double divisionConfidence) {}

  private record SlaGuess(@Nullable String slaClass, double confidence) {}

  private Message read(Agency agency, @Nullable String text) {
    TextAnalysis.Analysed analysed = analysis.analyse(text == null ? "" : text);
    return new Message(
        agency, rules.of(agency), analysed, analysis.features(analysed.stems()), new ArrayList<>());
  }

  /** Step 1: the case type, from the model and the agency's case-type words. */
  private TypeGuess caseType(Message m) {
    SoftmaxModel typeModel = model.caseType();
    Scored type =
        score(
            typeModel,
            m.features(),
            m.stems(),
            cls -> m.rules().caseTypeWords().getOrDefault(CaseType.valueOf(cls), List.of()));
    CaseType caseType = CaseType.valueOf(type.best());
    double confidence = type.confidence();
    m.why()
        .add(
            "Jenis "
                + caseType
                + " ("
                + percent(confidence)
                + ")"
                + words(
                    m.analysed(),
                    typeModel.evidence(m.features(), type.best(), 4),
                    type.rulesOf(type.best())));
    return new TypeGuess(caseType, confidence);
  }

  /** Complaints and aspirations are routed by their topic; other types are not. */
  private static boolean routedByTopic(CaseType caseType) {
    return caseType == CaseType.COMPLAINT || caseType == CaseType.ASPIRATION;
  }

  /** Step 2: the topic and the division that handles it. */
  private Routing route(Message m, TypeGuess type) {
    if (routedByTopic(type.caseType())) {
      return routeByTopic(m);
    }
    if (type.caseType() == CaseType.INFORMATION_REQUEST) {
      String division = m.rules().division("INFORMATION").orElse(null);
      m.why()
          .add(
              division == null
                  ? "Permohonan informasi: alur PPID, tanpa bidang"
                  : "Permohonan informasi: bidang " + division + " (PPID)");
      return new Routing("INFORMATION", type.confidence(), division, type.confidence());
    }
    return new Routing("OTHER", type.confidence(), null, type.confidence());
  }

  private Routing routeByTopic(Message m) {
    SoftmaxModel topicModel = model.topic();
    Scored topics =
        score(
            topicModel,
            m.features(),
            m.stems(),
            t -> m.rules().topicWords().getOrDefault(t, List.of()));
    String topic = topics.best();
    double topicConfidence = topics.confidence();
    m.why()
        .add(
            "Topik "
                + topic
                + " ("
                + percent(topicConfidence)
                + ")"
                + words(
                    m.analysed(),
                    topicModel.evidence(m.features(), topic, 4),
                    topics.rulesOf(topic)));
    return divisionOf(m, topics, topic, topicConfidence);
  }

  /**
   * The division whose topics hold the most probability. Its confidence is its share of the
   * probability on topics the agency routes, shrunk when that routable share is below {@link
   * #ROUTABLE_MASS}.
   */
  private Routing divisionOf(Message m, Scored topics, String topic, double topicConfidence) {
    AgencyRules r = m.rules();
    String agencyCode = m.agency().code();
    Map<String, Double> mass = new LinkedHashMap<>();
    double routable = 0;
    for (int k = 0; k < topics.classes().size(); k++) {
      // A topic without a division here counts for no division and is not routable mass; e.g.
      // cross-cutting misconduct about a programme, where the agency has no division for
      // misconduct: the programme's division handles it, so its mass speaks neither for nor
      // against.
      Optional<String> d = r.division(topics.classes().get(k));
      if (d.isPresent()) {
        mass.merge(d.get(), topics.p()[k], Double::sum);
        routable += topics.p()[k];
      }
    }
    Map.Entry<String, Double> best =
        mass.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    if (best == null || routable <= 0) {
      m.why().add("Bidang: topik ini tidak ditangani bidang mana pun di " + agencyCode);
      return new Routing(topic, topicConfidence, null, 0);
    }
    String division = best.getKey();
    double confidence = best.getValue() / routable * Math.min(1, routable / ROUTABLE_MASS);
    String via =
        r.division(topic)
            .map(d -> "dari topik " + topic)
            .orElse(
                "topik "
                    + topic
                    + " tanpa bidang sendiri di "
                    + agencyCode
                    + ": bidang dari topik berikutnya");
    m.why().add("Bidang " + division + " (" + percent(confidence) + "), " + via);
    return new Routing(topic, topicConfidence, division, confidence);
  }

  /**
   * Step 3: the SLA class: the one the way the citizen came names, else the only class of the case
   * type, else the one the words point to; none where the agency has no class for the type.
   */
  private SlaGuess slaClass(Message m, CaseType caseType, @Nullable String intakeMode) {
    List<Agency.SlaClass> candidates =
        m.agency().rules().slaClasses().stream()
            .filter(c -> c.caseType().equals(caseType.name()))
            .toList();
    Optional<AgencyRules.SlaRule> byMode =
        m.rules().slaRules().stream()
            .filter(s -> intakeMode != null && s.intakeModes().contains(intakeMode))
            .filter(s -> candidates.stream().anyMatch(c -> c.code().equals(s.slaClass())))
            .findFirst();
    if (byMode.isPresent()) {
      String slaClass = byMode.get().slaClass();
      m.why().add("Kelas SLA " + slaClass + ": cara datang " + intakeMode);
      return new SlaGuess(slaClass, 1);
    }
    if (candidates.size() == 1) {
      String slaClass = candidates.getFirst().code();
      m.why().add("Kelas SLA " + slaClass + ": satu-satunya kelas untuk " + caseType);
      return new SlaGuess(slaClass, 1);
    }
    if (candidates.isEmpty()) {
      return new SlaGuess(null, 1);
    }
    return slaClassByWords(m, candidates);
  }

  /** Among several SLA classes of the type, the one the SLA model and rule words favour. */
  private SlaGuess slaClassByWords(Message m, List<Agency.SlaClass> candidates) {
    List<String> codes = guessableSlaClasses(m.rules(), candidates);
    Optional<SoftmaxModel> slaModel = model.slaClass(m.agency().code());
    double[] z = slaLogits(m, slaModel, codes);
    Map<String, List<Phrase>> slaWords = new LinkedHashMap<>();
    m.rules()
        .slaRules()
        .forEach(
            s -> slaWords.computeIfAbsent(s.slaClass(), k -> new ArrayList<>()).addAll(s.words()));
    Map<String, List<String>> hits = new LinkedHashMap<>();
    for (int k = 0; k < codes.size(); k++) {
      List<String> h = matching(slaWords.getOrDefault(codes.get(k), List.of()), m.stems());
      hits.put(codes.get(k), h);
      z[k] += RULE_WEIGHT * h.size();
    }
    double[] p = SoftmaxModel.softmax(z);
    int bestK = argmax(p);
    String slaClass = codes.get(bestK);
    double confidence = p[bestK];
    m.why()
        .add(
            "Kelas SLA "
                + slaClass
                + " ("
                + percent(confidence)
                + ")"
                + words(
                    m.analysed(),
                    slaModel
                        .map(sm -> sm.evidence(m.features(), codes.get(bestK), 3))
                        .orElse(List.of()),
                    hits.get(slaClass)));
    return new SlaGuess(slaClass, confidence);
  }

  /**
   * The candidate classes that words may choose: a class chosen by the way the citizen came (a
   * walk-in) is not guessed from the words, unless every candidate is such a class.
   */
  private static List<String> guessableSlaClasses(AgencyRules r, List<Agency.SlaClass> candidates) {
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
    return byWords.isEmpty() ? candidates.stream().map(Agency.SlaClass::code).toList() : byWords;
  }

  /**
   * The SLA model's logits for {@code codes} (a class it does not know gets -5); without a model
   * for the agency, a small lead for the agency's default class.
   */
  private static double[] slaLogits(
      Message m, Optional<SoftmaxModel> slaModel, List<String> codes) {
    double[] z = new double[codes.size()];
    if (slaModel.isPresent()) {
      double[] all = slaModel.get().logits(m.features());
      for (int k = 0; k < codes.size(); k++) {
        int i = slaModel.get().classes().indexOf(codes.get(k));
        z[k] = i < 0 ? -5 : all[i];
      }
    } else {
      for (int k = 0; k < codes.size(); k++) {
        z[k] = m.agency().rules().slaClass(codes.get(k)).orElseThrow().isDefault() ? 0.5 : 0;
      }
    }
    return z;
  }

  /**
   * Step 4: the overall confidence (for a routed type, the lower of type and division) and whether
   * it falls below the agency's threshold, which sends the message to the verifiers' triage queue.
   */
  private static Decision decide(Message m, TypeGuess type, Routing routing, SlaGuess sla) {
    double confidence =
        routedByTopic(type.caseType())
            ? Math.min(type.confidence(), routing.divisionConfidence())
            : type.confidence();
    double threshold = m.rules().threshold();
    boolean unsure = confidence < threshold;
    if (unsure) {
      m.why()
          .add(
              "Ragu: keyakinan "
                  + percent(confidence)
                  + " di bawah ambang "
                  + percent(threshold)
                  + " "
                  + m.agency().code()
                  + ", verifikator memutuskan (antrean triase)");
    }
    return new Decision(
        type.caseType(),
        type.confidence(),
        sla.slaClass(),
        sla.confidence(),
        routing.topic(),
        routing.topicConfidence(),
        routing.division(),
        routing.divisionConfidence(),
        confidence,
        unsure,
        m.why());
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
