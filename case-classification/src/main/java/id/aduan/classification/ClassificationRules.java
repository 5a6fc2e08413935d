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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The topics every agency shares ({@code topics.yaml}) and each agency's rules ({@code
 * agencies/<code>.yaml}), validated against the agency files: a topic, division or SLA class that
 * does not exist fails loading with the file and the reason.
 */
public final class ClassificationRules {

  /**
   * A topic of {@code topics.yaml}: code, label (Bahasa Indonesia and English), rule words, and
   * whether it cuts across programmes (misconduct: an agency without a division for it routes it to
   * the division of the programme the message is about).
   */
  public record Topic(String code, Agency.Text label, List<Phrase> words, boolean crossCutting) {
    public Topic {
      words = List.copyOf(words);
    }
  }

  static final double DEFAULT_THRESHOLD = 0.5;
  private static final String BUNDLED = "classification/";

  private final Map<String, Topic> topics;
  private final Map<CaseType, List<Phrase>> sharedCaseTypes;
  private final TextAnalysis analysis;
  private final @Nullable Path dir;
  private final Map<String, AgencyRules> agencies = new ConcurrentHashMap<>();

  private ClassificationRules(
      Map<String, Topic> topics,
      Map<CaseType, List<Phrase>> sharedCaseTypes,
      TextAnalysis analysis,
      @Nullable Path dir) {
    this.topics = topics;
    this.sharedCaseTypes = sharedCaseTypes;
    this.analysis = analysis;
    this.dir = dir;
  }

  /** The bundled files, checked at once for the agencies of {@code catalog}. */
  public static ClassificationRules bundled(AgencyCatalog catalog, TextAnalysis analysis) {
    ClassificationRules rules = load(analysis, null);
    catalog.all().forEach(rules::of);
    return rules;
  }

  /** The bundled files; an agency's file is read and checked when it is first classified for. */
  public static ClassificationRules bundled(TextAnalysis analysis) {
    return load(analysis, null);
  }

  /**
   * The files of {@code dir} ({@code topics.yaml}, {@code <code>.yaml} per agency, directly or in
   * {@code agencies/}); what is not there comes from the bundled files. Checked at once for the
   * agencies of {@code catalog}.
   */
  public static ClassificationRules fromDirectory(
      Path dir, AgencyCatalog catalog, TextAnalysis analysis) {
    ClassificationRules rules = fromDirectory(dir, analysis);
    catalog.all().forEach(rules::of);
    return rules;
  }

  /** As above; an agency's file is read and checked when it is first classified for. */
  public static ClassificationRules fromDirectory(Path dir, TextAnalysis analysis) {
    if (!Files.isDirectory(dir)) {
      throw new ClassificationConfigException(dir + " is not a directory");
    }
    return load(analysis, dir);
  }

  private static ClassificationRules load(TextAnalysis analysis, @Nullable Path dir) {
    Source topicsFile = source(dir, "topics.yaml");
    Map<String, Object> root = topicsFile.yaml();
    allowOnly(root, topicsFile, "topics", "caseTypes");
    Map<String, Topic> topics = new LinkedHashMap<>();
    for (Map<String, Object> t : maps(root, "topics", topicsFile)) {
      allowOnly(t, topicsFile, "code", "label", "keywords", "crossCutting");
      String code = text(t, "code", topicsFile);
      Map<String, Object> label = map(t, "label", topicsFile);
      if (topics.put(
              code,
              new Topic(
                  code,
                  new Agency.Text(text(label, "id", topicsFile), text(label, "en", topicsFile)),
                  phrases(t, "keywords", topicsFile, analysis),
                  Boolean.TRUE.equals(t.get("crossCutting"))))
          != null) {
        throw topicsFile.error("topic " + code + " twice");
      }
    }
    for (String needed : List.of("OTHER", "INFORMATION")) {
      if (!topics.containsKey(needed)) {
        throw topicsFile.error("topic " + needed + " is missing (not-a-complaint, PPID requests)");
      }
    }
    return new ClassificationRules(
        Map.copyOf(topics), caseTypes(root, topicsFile, analysis), analysis, dir);
  }

  /** The agency's rules, read from its file (the defaults when it has none) on first use. */
  public AgencyRules of(Agency agency) {
    return agencies.computeIfAbsent(
        agency.code(),
        code -> {
          String file = code.toLowerCase(Locale.ROOT) + ".yaml";
          Source src =
              dir != null && Files.isRegularFile(dir.resolve(file))
                  ? new Source(dir.resolve(file).toString(), dir.resolve(file), null)
                  : source(dir, "agencies/" + file);
          return agencyRules(agency, src, topics, sharedCaseTypes, analysis);
        });
  }

  private static AgencyRules agencyRules(
      Agency agency,
      Source src,
      Map<String, Topic> topics,
      Map<CaseType, List<Phrase>> shared,
      TextAnalysis analysis) {
    Map<String, Object> root = src.exists() ? src.yaml() : Map.of();
    allowOnly(root, src, "agency", "threshold", "topics", "slaClasses", "caseTypes");
    if (root.containsKey("agency") && !agency.code().equals(root.get("agency"))) {
      throw src.error(
          "agency is " + root.get("agency") + " but the file is " + agency.code() + "'s");
    }
    double threshold = DEFAULT_THRESHOLD;
    if (root.get("threshold") instanceof Number n) {
      threshold = n.doubleValue();
    } else if (root.containsKey("threshold")) {
      throw src.error("threshold must be a number between 0 and 1");
    }
    if (threshold <= 0 || threshold >= 1) {
      throw src.error("threshold must be above 0 and below 1, was " + threshold);
    }
    Map<String, String> topicDivisions = new LinkedHashMap<>();
    Object topicMap = root.getOrDefault("topics", Map.of());
    if (!(topicMap instanceof Map<?, ?> tm)) {
      throw src.error("topics must map topic codes to division codes");
    }
    for (Map.Entry<?, ?> e : tm.entrySet()) {
      String topic = String.valueOf(e.getKey());
      String division = String.valueOf(e.getValue());
      if (!topics.containsKey(topic)) {
        throw src.error("topics." + topic + ": unknown topic (known: " + topics.keySet() + ")");
      }
      if (agency.rules().division(division).isEmpty()) {
        throw src.error(
            "topics."
                + topic
                + ": unknown division "
                + division
                + " of "
                + agency.code()
                + " (known: "
                + agency.rules().divisions().stream().map(Agency.Division::code).toList()
                + ")");
      }
      topicDivisions.put(topic, division);
    }
    Map<String, List<Phrase>> topicWords = new LinkedHashMap<>();
    for (Topic t : topics.values()) {
      List<Phrase> words = new ArrayList<>(t.words());
      String division = topicDivisions.get(t.code());
      if (division != null) {
        for (String handled : agency.rules().division(division).orElseThrow().handles()) {
          words.add(Phrase.of(handled, analysis));
        }
      }
      topicWords.put(t.code(), List.copyOf(words));
    }
    Map<CaseType, List<Phrase>> caseTypeWords = new EnumMap<>(CaseType.class);
    shared.forEach((k, v) -> caseTypeWords.put(k, new ArrayList<>(v)));
    for (Agency.CaseTypeRule r : agency.rules().caseTypes()) {
      List<Phrase> list =
          caseTypeWords.computeIfAbsent(CaseType.valueOf(r.caseType()), k -> new ArrayList<>());
      r.keywords().forEach(k -> list.add(Phrase.of(k, analysis)));
    }
    caseTypes(root, src, analysis)
        .forEach((k, v) -> caseTypeWords.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    caseTypeWords.replaceAll((k, v) -> List.copyOf(v));

    List<AgencyRules.SlaRule> slaRules = new ArrayList<>();
    for (Map<String, Object> r : maps(root, "slaClasses", src)) {
      allowOnly(r, src, "class", "keywords", "intakeModes");
      String cls = text(r, "class", src);
      if (agency.rules().slaClass(cls).isEmpty()) {
        throw src.error(
            "slaClasses: unknown SLA class "
                + cls
                + " of "
                + agency.code()
                + " (known: "
                + agency.rules().slaClasses().stream().map(Agency.SlaClass::code).toList()
                + ")");
      }
      List<Phrase> words = phrases(r, "keywords", src, analysis);
      List<String> modes = strings(r, "intakeModes", src);
      if (words.isEmpty() && modes.isEmpty()) {
        throw src.error("slaClasses." + cls + ": name keywords or intakeModes");
      }
      slaRules.add(new AgencyRules.SlaRule(cls, words, modes));
    }
    return new AgencyRules(
        agency.code(), threshold, topicDivisions, topicWords, caseTypeWords, slaRules);
  }

  private static Map<CaseType, List<Phrase>> caseTypes(
      Map<String, Object> root, Source src, TextAnalysis analysis) {
    Map<CaseType, List<Phrase>> out = new EnumMap<>(CaseType.class);
    for (Map<String, Object> c : maps(root, "caseTypes", src)) {
      allowOnly(c, src, "type", "keywords");
      String type = text(c, "type", src);
      CaseType t;
      try {
        t = CaseType.valueOf(type);
      } catch (IllegalArgumentException e) {
        throw src.error(
            "caseTypes: unknown case type "
                + type
                + " (known: "
                + List.of(CaseType.values())
                + ")");
      }
      out.computeIfAbsent(t, k -> new ArrayList<>()).addAll(phrases(c, "keywords", src, analysis));
    }
    return out;
  }

  public Map<String, Topic> topics() {
    return topics;
  }

  // ------------------------------------------------------------------------------ YAML reading

  private record Source(String name, @Nullable Path path, @Nullable String resource) {
    boolean exists() {
      if (path != null) {
        return Files.isRegularFile(path);
      }
      return resource != null
          && ClassificationRules.class.getClassLoader().getResource(resource) != null;
    }

    Map<String, Object> yaml() {
      try (InputStream in =
          path != null
              ? Files.newInputStream(path)
              : ClassificationRules.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw error("missing");
        }
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (loaded == null) {
          return Map.of();
        }
        if (!(loaded instanceof Map<?, ?> m)) {
          throw error("expected a mapping at the top");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) m;
        return map;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ClassificationConfigException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ClassificationConfigException(name + ": not valid YAML: " + e.getMessage(), e);
      }
    }

    ClassificationConfigException error(String reason) {
      return new ClassificationConfigException(name + ": " + reason);
    }
  }

  private static Source source(@Nullable Path dir, String relative) {
    if (dir != null && Files.isRegularFile(dir.resolve(relative))) {
      return new Source(dir.resolve(relative).toString(), dir.resolve(relative), null);
    }
    return new Source(BUNDLED + relative, null, BUNDLED + relative);
  }

  private static void allowOnly(Map<String, Object> m, Source src, String... keys) {
    Set<String> allowed = Set.of(keys);
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw src.error("unknown key '" + k + "' (allowed: " + List.of(keys) + ")");
      }
    }
  }

  private static List<Map<String, Object>> maps(Map<String, Object> m, String key, Source src) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw src.error(key + " must be a list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> e)) {
        throw src.error(key + ": every entry must be a mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = (Map<String, Object>) e;
      out.add(entry);
    }
    return out;
  }

  private static Map<String, Object> map(Map<String, Object> m, String key, Source src) {
    if (!(m.get(key) instanceof Map<?, ?> v)) {
      throw src.error(key + " must be a mapping (in " + m + ")");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) v;
    return map;
  }

  private static String text(Map<String, Object> m, String key, Source src) {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw src.error("'" + key + "' is missing (in " + m + ")");
    }
    return String.valueOf(v);
  }

  private static List<String> strings(Map<String, Object> m, String key, Source src) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw src.error(key + " must be a list (in " + m + ")");
    }
    return list.stream().map(String::valueOf).toList();
  }

  private static List<Phrase> phrases(
      Map<String, Object> m, String key, Source src, TextAnalysis analysis) {
    List<Phrase> out = new ArrayList<>();
    for (String s : strings(m, key, src)) {
      Phrase p = Phrase.of(s, analysis);
      if (p.stems().isEmpty()) {
        throw src.error(key + ": '" + s + "' has no word left after analysis (a stop word?)");
      }
      out.add(p);
    }
    return out;
  }
}
