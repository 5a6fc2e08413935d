package id.aduan.agency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping from the rule sections of an agency file (intake, divisions, case types, SLA classes,
 * escalation, templates, threading, duplicates, PPID) to {@link Agency.Rules}, with validation that
 * names file, path, line and reason.
 */
final class RulesFile {

  static final List<String> KEYS =
      List.of(
          "intake",
          "divisions",
          "caseTypes",
          "slaClasses",
          "escalation",
          "templates",
          "threading",
          "duplicates",
          "ppid",
          "aftercare",
          "notifications",
          "sla",
          "handling");

  private static final List<String> REQUIREMENT_KINDS =
      List.of("nik", "document", "description", "field");
  private static final List<String> FORM_FIELDS =
      List.of("name", "address", "description", "loss", "remedy", "placeAndTime", "signed");
  private static final List<String> CASE_TYPES =
      List.of("COMPLAINT", "INFORMATION_REQUEST", "ASPIRATION", "NOT_A_COMPLAINT");
  private static final List<String> CHANNELS =
      List.of("WHATSAPP", "EMAIL", "LAPOR", "FACEBOOK", "INSTAGRAM", "FRONT_DESK", "WEB");
  private static final List<String> UNITS =
      List.of("WORKING_DAYS", "CALENDAR_DAYS", "WORKING_HOURS", "HOURS");
  private static final List<String> STAGES = List.of("reception", "start", "completion");
  private static final List<String> ROLES =
      List.of(
          "ADMIN",
          "VERIFIER",
          "COORDINATOR",
          "DIVISION_OFFICER",
          "SECRETARY",
          "HEAD",
          "OPERATIONS");

  /** Templates the notification service needs for every agency, and the placeholders they use. */
  static final List<String> REQUIRED_TEMPLATES =
      List.of("acknowledgement", "informationRequest", "invalidNik", "answer", "resolved");

  static final Set<String> PLACEHOLDERS =
      Set.of(
          "ticket",
          "agency",
          "missing",
          "invalid",
          "answer",
          "summary",
          "reason",
          // the notification service's (docs/configuration.md, "The agency file")
          "statusUrl",
          "howToCheck",
          "division",
          "officer",
          "deadline",
          "percent",
          "level",
          "role",
          "channel",
          "date",
          "done",
          "open",
          "late",
          "text");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
  private static final Pattern ID = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]*");

  private RulesFile() {}

  static Agency.Rules read(YamlNode root) {
    Agency.Rules defaults = Agency.Rules.statutoryDefaults();
    List<Agency.Requirement> intake =
        root.list("intake").stream().map(RulesFile::requirement).toList();
    unique(root.list("intake"), intake.stream().map(Agency.Requirement::id).toList(), "id");

    List<Agency.Division> divisions =
        root.list("divisions").stream().map(RulesFile::division).toList();
    unique(root.list("divisions"), divisions.stream().map(Agency.Division::code).toList(), "code");

    List<Agency.CaseTypeRule> caseTypes =
        root.list("caseTypes").stream().map(RulesFile::caseType).toList();

    List<YamlNode> classNodes = root.list("slaClasses");
    List<Agency.SlaClass> slaClasses =
        new ArrayList<>(classNodes.stream().map(RulesFile::slaClass).toList());
    unique(classNodes, slaClasses.stream().map(Agency.SlaClass::code).toList(), "code");
    for (String type : CASE_TYPES) {
      long defaults_ =
          slaClasses.stream().filter(c -> c.caseType().equals(type) && c.isDefault()).count();
      if (defaults_ > 1) {
        throw root.required("slaClasses")
            .error("more than one default class for case type " + type);
      }
    }
    if (slaClasses.stream().anyMatch(c -> c.caseType().equals("COMPLAINT"))
        && slaClasses.stream().noneMatch(c -> c.caseType().equals("COMPLAINT") && c.isDefault())) {
      throw root.required("slaClasses")
          .error("one COMPLAINT class must be marked default: true (new cases start with it)");
    }
    boolean ownPpidDeadline =
        slaClasses.stream().anyMatch(c -> c.caseType().equals("INFORMATION_REQUEST"));
    if (!ownPpidDeadline) {
      // The statute applies wherever the agency's standard sets no deadline of its own.
      slaClasses.add(Agency.Rules.STATUTORY_PPID);
    }

    List<String> escalation = root.textList("escalation");
    for (YamlNode role : root.list("escalation")) {
      oneOf(role, ROLES, "role");
    }

    Map<String, Agency.Text> templates = new LinkedHashMap<>();
    YamlNode templateNode = root.optional("templates").orElse(null);
    if (templateNode != null) {
      for (Map.Entry<String, YamlNode> e : templateNode.namedEntries().entrySet()) {
        Agency.Text text = text(e.getValue());
        placeholders(e.getValue(), text);
        templates.put(e.getKey(), text);
      }
      for (String required : REQUIRED_TEMPLATES) {
        if (!templates.containsKey(required)) {
          throw templateNode.error(
              "template '" + required + "' is missing (required: " + REQUIRED_TEMPLATES + ")");
        }
      }
    }

    Agency.Threading threading =
        root.optional("threading")
            .map(
                t -> {
                  t.allowOnly("joinWindow");
                  Duration window =
                      t.parse("joinWindow", Duration::parse, "an ISO-8601 duration such as P7D");
                  if (window.isNegative() || window.isZero()) {
                    throw t.required("joinWindow").error("must be positive");
                  }
                  return new Agency.Threading(window);
                })
            .orElse(defaults.threading());

    Agency.Duplicates duplicates =
        root.optional("duplicates")
            .map(
                d -> {
                  d.allowOnly("windowDays", "minSimilarity");
                  int days = positive(d.required("windowDays"));
                  double similarity =
                      d.optional("minSimilarity")
                          .map(n -> n.as(Double::parseDouble, "a number between 0 and 1"))
                          .orElse(defaults.duplicates().minSimilarity());
                  if (similarity <= 0 || similarity > 1) {
                    throw d.required("minSimilarity").error("must be above 0 and at most 1");
                  }
                  return new Agency.Duplicates(days, similarity);
                })
            .orElse(defaults.duplicates());

    Agency.Ppid ppid =
        root.optional("ppid")
            .map(
                p -> {
                  p.allowOnly("steps", "takenBy", "consequenceTest");
                  List<String> steps =
                      p.optional("steps").isPresent()
                          ? p.textList("steps")
                          : Agency.Ppid.STATUTORY.steps();
                  if (steps.isEmpty()) {
                    throw p.required("steps").error("must name at least one step");
                  }
                  unique(p.list("steps"), steps, "step");
                  return new Agency.Ppid(
                      steps,
                      ownPpidDeadline,
                      takenBy(p, steps),
                      p.optional("consequenceTest")
                          .map(b -> b.as(RulesFile::bool, "true or false"))
                          .orElse(false));
                })
            .orElse(new Agency.Ppid(Agency.Ppid.STATUTORY.steps(), ownPpidDeadline));

    Agency.Aftercare aftercare =
        root.optional("aftercare")
            .map(
                a -> {
                  a.allowOnly("surveyWindow", "publishFollowUps", "source", "sendBeritaAcara");
                  Duration window =
                      a.optional("surveyWindow")
                          .map(w -> w.as(Duration::parse, "an ISO-8601 duration such as P7D"))
                          .orElse(defaults.aftercare().surveyWindow());
                  if (window.isNegative() || window.isZero()) {
                    throw a.required("surveyWindow").error("must be positive");
                  }
                  boolean publish =
                      a.optional("publishFollowUps")
                          .map(b -> b.as(RulesFile::bool, "true or false"))
                          .orElse(false);
                  boolean sendBeritaAcara =
                      a.optional("sendBeritaAcara")
                          .map(b -> b.as(RulesFile::bool, "true or false"))
                          .orElse(false);
                  return new Agency.Aftercare(
                      window, publish, a.textOrNull("source"), sendBeritaAcara);
                })
            .orElse(defaults.aftercare());

    Agency.Handling handling =
        root.optional("handling")
            .map(
                h -> {
                  h.allowOnly("fieldInvestigation", "source", "disposition");
                  return new Agency.Handling(
                      h.optional("fieldInvestigation")
                          .map(b -> b.as(RulesFile::bool, "true or false"))
                          .orElse(false),
                      h.textOrNull("source"),
                      h.optional("disposition")
                          .map(d -> d.as(RulesFile::dispositionRequired, "required or optional"))
                          .orElse(false));
                })
            .orElse(Agency.Handling.NONE);

    return new Agency.Rules(
        intake,
        divisions,
        caseTypes,
        slaClasses,
        escalation,
        templates,
        threading,
        duplicates,
        ppid,
        aftercare,
        NotificationsFile.read(root, ROLES),
        SlaSection.read(root, escalation.size()),
        handling);
  }

  /** {@code ppid.takenBy}: per step of the flow, the roles that take the request on from it. */
  private static Map<String, List<String>> takenBy(YamlNode ppid, List<String> steps) {
    Map<String, List<String>> takenBy = new LinkedHashMap<>();
    YamlNode node = ppid.optional("takenBy").orElse(null);
    if (node == null) {
      return takenBy;
    }
    for (Map.Entry<String, YamlNode> e : node.namedEntries().entrySet()) {
      if (!steps.contains(e.getKey())) {
        throw e.getValue().error("unknown step '" + e.getKey() + "' (steps: " + steps + ")");
      }
      List<YamlNode> roles = e.getValue().items();
      if (roles.isEmpty()) {
        throw e.getValue().error("must name at least one role");
      }
      takenBy.put(e.getKey(), roles.stream().map(r -> oneOf(r, ROLES, "role")).toList());
    }
    return takenBy;
  }

  /** Whether {@code unit} is one a stage or clock may be counted in. */
  static String unit(YamlNode node) {
    return oneOf(node, UNITS, "unit");
  }

  static int positiveNumber(YamlNode node) {
    return positive(node);
  }

  private static Agency.Requirement requirement(YamlNode r) {
    r.allowOnly(
        "id", "label", "kind", "keywords", "minWords", "field", "caseTypes", "channels", "source");
    String id = r.text("id");
    if (!ID.matcher(id).matches()) {
      throw r.required("id").error("must be a word (letters, digits, - or _)");
    }
    String kind = oneOf(r.required("kind"), REQUIREMENT_KINDS, "kind");
    String field = r.textOrNull("field");
    if (kind.equals("field")) {
      if (field == null) {
        throw r.error("a requirement of kind field names its field (one of " + FORM_FIELDS + ")");
      }
      oneOf(r.required("field"), FORM_FIELDS, "field");
    }
    int minWords =
        r.optional("minWords").map(RulesFile::positive).orElse(kind.equals("description") ? 5 : 0);
    for (YamlNode t : r.list("caseTypes")) {
      oneOf(t, CASE_TYPES, "case type");
    }
    for (YamlNode c : r.list("channels")) {
      oneOf(c, CHANNELS, "channel");
    }
    return new Agency.Requirement(
        id,
        text(r.required("label")),
        kind,
        r.textList("keywords"),
        minWords,
        field,
        r.textList("caseTypes"),
        r.textList("channels"),
        r.text("source"));
  }

  private static Agency.Division division(YamlNode d) {
    d.allowOnly("code", "name", "handles");
    String code = d.text("code");
    if (!code.matches("[A-Z][A-Z0-9_]{1,19}")) {
      throw d.required("code").error("must be 2 to 20 capital letters, digits or _");
    }
    List<String> handles = d.textList("handles");
    if (handles.isEmpty()) {
      throw d.error("'handles' must list what the division handles (its duties)");
    }
    return new Agency.Division(code, d.text("name"), handles);
  }

  private static Agency.CaseTypeRule caseType(YamlNode c) {
    c.allowOnly("type", "keywords");
    String type = oneOf(c.required("type"), CASE_TYPES, "case type");
    List<String> keywords = c.textList("keywords");
    if (keywords.isEmpty()) {
      throw c.error("'keywords' must list the words that make a message a " + type);
    }
    return new Agency.CaseTypeRule(type, keywords);
  }

  private static Agency.SlaClass slaClass(YamlNode c) {
    c.allowOnly("code", "name", "caseType", "default", "stages", "source");
    String code = c.text("code");
    if (!code.matches("[A-Z][A-Z0-9_]{1,19}")) {
      throw c.required("code").error("must be 2 to 20 capital letters, digits or _");
    }
    List<Agency.Stage> stages = new ArrayList<>();
    for (YamlNode s : c.list("stages")) {
      s.allowOnly("stage", "duration", "unit", "extension");
      stages.add(
          new Agency.Stage(
              oneOf(s.required("stage"), STAGES, "stage"),
              positive(s.required("duration")),
              oneOf(s.required("unit"), UNITS, "unit"),
              s.optional("extension").map(RulesFile::positive).orElse(0)));
    }
    if (stages.isEmpty()) {
      throw c.error("'stages' must name at least one timed stage");
    }
    unique(c.list("stages"), stages.stream().map(Agency.Stage::name).toList(), "stage");
    return new Agency.SlaClass(
        code,
        text(c.required("name")),
        oneOf(c.required("caseType"), CASE_TYPES, "case type"),
        c.optional("default").map(n -> n.as(RulesFile::bool, "true or false")).orElse(false),
        stages,
        c.text("source"));
  }

  private static Agency.Text text(YamlNode t) {
    t.allowOnly("id", "en");
    // Bahasa Indonesia first; English available (both are required).
    return new Agency.Text(t.text("id"), t.text("en"));
  }

  private static void placeholders(YamlNode node, Agency.Text text) {
    for (String s : List.of(text.id(), text.en())) {
      Matcher m = PLACEHOLDER.matcher(s);
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1))) {
          throw node.error(
              "unknown placeholder {" + m.group(1) + "} (known: " + PLACEHOLDERS + ")");
        }
      }
    }
  }

  private static String oneOf(YamlNode node, List<String> allowed, String what) {
    String value = node.scalar();
    if (!allowed.contains(value)) {
      throw node.error("unknown " + what + " '" + value + "' (allowed: " + allowed + ")");
    }
    return value;
  }

  private static int positive(YamlNode node) {
    int value = node.as(Integer::parseInt, "a whole number");
    if (value <= 0) {
      throw node.error("must be a positive whole number");
    }
    return value;
  }

  private static void unique(List<YamlNode> nodes, List<String> values, String what) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!seen.add(values.get(i))) {
        throw nodes.get(i).error("duplicate " + what + " '" + values.get(i) + "'");
      }
    }
  }

  private static boolean bool(String raw) {
    return switch (raw) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(raw);
    };
  }

  /** {@code handling.disposition}: {@code required} (before in progress) or {@code optional}. */
  private static boolean dispositionRequired(String raw) {
    return switch (raw) {
      case "required" -> true;
      case "optional" -> false;
      default -> throw new IllegalArgumentException(raw);
    };
  }
}
