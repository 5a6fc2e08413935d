package id.aduan.classification;

import id.aduan.contracts.CaseType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Officers' decisions as training examples. Reads a {@code mongoexport} of case-service's {@code
 * cases} collection (JSON, one case a line: the citizen's text and the case's classification), and
 * optionally an export of {@code cases.events.v1} (one event value a line, as {@code
 * kafka-console-consumer} prints them): {@code CaseClassified}, {@code CaseRouted} and {@code
 * CaseRejected} by an officer override the case's labels in order. A case becomes an example when
 * an officer classified, routed or rejected it as not a complaint; the classifier's own proposal
 * (actor {@code classifier}) is not a label, and an officer's decision that differs from it is
 * counted as a correction.
 */
public final class Corrections {

  /** The actors that are not officers. */
  static final Set<String> MACHINES = Set.of("system", "classifier");

  /** The examples and how many officers' decisions differed from the classifier's proposal. */
  public record Result(List<Example> examples, int corrected, int skipped) {}

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Corrections() {}

  public static Result read(Path casesExport, Optional<Path> eventsExport) throws IOException {
    Map<String, Labels> byCase = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    int skipped = 0;
    for (JsonNode c : lines(casesExport)) {
      String id = text(c, "_id");
      String agency = text(c, "agencyCode");
      if (id == null || agency == null) {
        skipped++;
        continue;
      }
      StringBuilder t = new StringBuilder();
      for (JsonNode m : c.path("messages")) {
        if ("INBOUND".equals(text(m, "direction")) && text(m, "text") != null) {
          t.append(t.isEmpty() ? "" : "\n").append(text(m, "text"));
        }
      }
      String description = text(c.path("form"), "description");
      if (description != null) {
        t.append(t.isEmpty() ? "" : "\n").append(description);
      }
      if (t.isEmpty()) {
        skipped++;
        continue;
      }
      texts.put(id, t.toString());
      Labels l = new Labels(agency, text(c, "intakeMode"));
      boolean byOfficer = false;
      for (JsonNode e : c.path("timeline")) {
        String action = text(e, "action");
        if (!MACHINES.contains(String.valueOf(text(e, "actor")))
            && ("classified".equals(action) || "routed".equals(action))) {
          byOfficer = true;
        }
      }
      if (byOfficer) {
        l.caseType = text(c, "caseType");
        l.topic = text(c, "topic");
        l.division = text(c, "division");
        l.slaClass = text(c, "slaClass");
        l.byOfficer = true;
      }
      if ("NOT_A_COMPLAINT".equals(text(c, "rejectionCode"))) {
        l.notAComplaint();
      }
      byCase.put(id, l);
    }
    int corrected = 0;
    if (eventsExport.isPresent()) {
      for (JsonNode e : lines(eventsExport.get())) {
        Labels l = byCase.get(String.valueOf(text(e, "caseId")));
        if (l == null) {
          continue;
        }
        String actor = String.valueOf(text(e, "actor"));
        if (e.has("caseType") && e.has("explanation")) {
          if (MACHINES.contains(actor)) {
            l.proposal =
                String.join(
                    "/", String.valueOf(text(e, "caseType")), String.valueOf(text(e, "division")));
            continue;
          }
          l.caseType = text(e, "caseType");
          l.slaClass = text(e, "slaClass");
          l.topic = text(e, "topic") == null ? l.topic : text(e, "topic");
          l.byOfficer = true;
        } else if (e.has("reasonCode")) {
          if ("NOT_A_COMPLAINT".equals(text(e, "reasonCode"))) {
            l.notAComplaint();
          }
        } else if (e.has("division") && !e.has("officer") && !MACHINES.contains(actor)) {
          l.division = text(e, "division");
          l.byOfficer = true;
        }
      }
    }
    List<Example> examples = new ArrayList<>();
    for (Map.Entry<String, Labels> e : byCase.entrySet()) {
      Labels l = e.getValue();
      if (!l.byOfficer || l.caseType == null) {
        skipped++;
        continue;
      }
      CaseType type;
      try {
        type = CaseType.valueOf(l.caseType);
      } catch (IllegalArgumentException x) {
        skipped++;
        continue;
      }
      String topic =
          switch (type) {
            case NOT_A_COMPLAINT -> "OTHER";
            case INFORMATION_REQUEST -> "INFORMATION";
            default -> l.topic;
          };
      if (l.proposal != null && !l.proposal.equals(type + "/" + l.division)) {
        corrected++;
      }
      examples.add(
          new Example(
              "correction:" + e.getKey(),
              l.agency,
              l.intakeMode == null ? "ONLINE" : l.intakeMode,
              type,
              topic,
              l.division,
              l.slaClass,
              texts.get(e.getKey())));
    }
    return new Result(examples, corrected, skipped);
  }

  private static final class Labels {
    final String agency;
    final @Nullable String intakeMode;
    @Nullable String caseType;
    @Nullable String topic;
    @Nullable String division;
    @Nullable String slaClass;
    @Nullable String proposal;
    boolean byOfficer;

    Labels(String agency, @Nullable String intakeMode) {
      this.agency = agency;
      this.intakeMode = intakeMode;
    }

    void notAComplaint() {
      caseType = "NOT_A_COMPLAINT";
      division = null;
      slaClass = null;
      byOfficer = true;
    }
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    String all = Files.readString(file, StandardCharsets.UTF_8).strip();
    List<JsonNode> out = new ArrayList<>();
    if (all.startsWith("[")) {
      // mongoexport --jsonArray
      JSON.readTree(all).forEach(out::add);
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(JSON.readTree(line));
        } catch (RuntimeException e) {
          throw new ClassificationConfigException(file + ":" + n + ": not JSON", e);
        }
      }
    }
    return out;
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isObject() && v.has("$oid")) {
      return v.get("$oid").asString();
    }
    return v.isValueNode() ? v.asString() : v.toString();
  }
}
