package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.domain.Action;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.LaporChange;
import id.aduan.cases.pii.PiiText;
import id.aduan.contracts.CaseStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The case's timeline as values an officer UI can put into words in the officer's language (issue
 * 23): each entry's {@link Kind}, and the parts that the stored entry only keeps as a system-made
 * sentence ("missing [kk] invalid []", "COMPLAINT/STANDARD", "into BDG-…") taken apart into fields,
 * with the agency file's labels for requirements and divisions. {@code note} is what a person wrote
 * (an officer's reason, a summary, LAPOR!'s description), masked; it is null where the stored
 * reason was made by the system and its parts are in {@code details}.
 */
final class TimelineView {

  private TimelineView() {}

  /** Every kind of timeline entry the case service writes; {@link #OTHER} for anything else. */
  enum Kind {
    OPENED("opened"),
    INFORMATION_REQUESTED("information-requested"),
    INFORMATION_RECEIVED("information-received"),
    INVALID_INPUT("invalid-input"),
    VERIFIED("verified"),
    CLASSIFIED("classified"),
    ROUTED("routed"),
    ASSIGNED("assigned"),
    NOTE("note"),
    REPLIED("replied"),
    IN_PROGRESS("in-progress"),
    ANSWERED("answered"),
    RESOLVED("resolved"),
    CLOSED_WITHOUT_REPLY("closed-without-reply"),
    REJECTED("rejected"),
    REDISPOSITIONED("redispositioned"),
    MERGED("merged"),
    MERGED_IN("merged-in"),
    REOPENED("reopened"),
    ARCHIVED("archived"),
    PPID_STEP("ppid-step"),
    DEADLINE_EXTENDED("deadline-extended"),
    INFORMATION_GRANTED("information-granted"),
    INFORMATION_REFUSED("information-refused"),
    SURVEY_ANSWERED("survey-answered"),
    MENTIONS(Case.MENTIONS),
    MENTIONED(Case.MENTIONED),
    LAPOR_CHANGE(LaporChange.ACTION),
    FIELD_INVESTIGATION(Action.FIELD_INVESTIGATION.wireName()),
    CONSEQUENCE_TEST(Action.CONSEQUENCE_TEST.wireName()),
    FILES_ATTACHED(Action.ATTACH_FILES.wireName()),
    PRESENTED_AT_DESK(Action.PRESENTED_AT_DESK.wireName()),
    OTHER("other");

    private static final Map<String, Kind> BY_WIRE =
        Arrays.stream(values()).collect(Collectors.toMap(Kind::wireName, Function.identity()));

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    String wireName() {
      return wireName;
    }

    static Kind of(String action) {
      Kind kind = BY_WIRE.get(action);
      return kind == null ? OTHER : kind;
    }
  }

  /** A code of the agency file (requirement, division) with its Indonesian and English labels. */
  record Label(String code, String id, String en) {}

  /**
   * The values of one entry; only those its kind has are set. {@code code}: a reason code ({@code
   * rejectionCode} of a rejection; {@code citizen-replied} for a reopening by the citizen's reply).
   * {@code missing}: the requirements an information request names, or those files attached or
   * originals presented at the desk satisfy.
   */
  record Details(
      List<Label> missing,
      List<String> invalid,
      @Nullable String caseType,
      @Nullable String slaClass,
      @Nullable Label division,
      @Nullable String assignee,
      @Nullable String rejectionCode,
      @Nullable String code,
      @Nullable String ticket,
      @Nullable String ppidFrom,
      @Nullable String ppidTo,
      @Nullable Integer rating,
      @Nullable String channel) {

    static Details none() {
      return new Details(
          List.of(), List.of(), null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /** One timeline entry as values. */
  record Entry(
      Instant at,
      String actor,
      String action,
      Kind kind,
      @Nullable CaseStatus from,
      CaseStatus to,
      @Nullable String note,
      Details details) {}

  private static final Pattern REQUESTED =
      Pattern.compile("missing \\[(.*)\\] invalid \\[(.*)\\]", Pattern.DOTALL);
  private static final Pattern TICKET = Pattern.compile("[A-Z]{2,10}-\\d{4}-\\d{6}");

  static List<Entry> of(List<AuditEntry> timeline, @Nullable Agency agency) {
    return timeline.stream().map(e -> entry(e, agency)).toList();
  }

  static Entry entry(AuditEntry e, @Nullable Agency agency) {
    Kind kind = Kind.of(e.action());
    String reason = e.reason();
    Details details = Details.none();
    String note = reason == null ? null : PiiText.mask(reason);
    switch (kind) {
      case INFORMATION_REQUESTED -> {
        Matcher m = reason == null ? null : REQUESTED.matcher(reason);
        if (m != null && m.matches()) {
          details =
              requested(
                  codes(m.group(1)).stream().map(c -> requirement(c, agency)).toList(),
                  codes(m.group(2)));
          note = null;
        }
      }
      case INVALID_INPUT -> {
        details = requested(List.of(), reason == null ? List.of() : codes(reason));
        note = null;
      }
      case CLASSIFIED -> {
        if (reason != null && reason.contains("/")) {
          String[] parts = reason.split("/", 2);
          details = classified(parts[0], parts[1]);
          note = null;
        }
      }
      case ROUTED -> {
        if (reason != null) {
          details = routed(division(reason, agency));
          note = null;
        }
      }
      case ASSIGNED -> {
        details = assigned(reason);
        note = null;
      }
      case REPLIED -> {
        if (reason != null && reason.startsWith("on ")) {
          details = replied(reason.substring(3));
          note = null;
        }
      }
      case REJECTED, REDISPOSITIONED, INFORMATION_REFUSED -> {
        if (reason != null && reason.contains(": ")) {
          String[] parts = reason.split(": ", 2);
          details = rejected(parts[0]);
          note = PiiText.mask(parts[1]);
        }
      }
      case MERGED, MERGED_IN, MENTIONS, MENTIONED -> {
        Matcher m = reason == null ? null : TICKET.matcher(reason);
        if (m != null && m.find()) {
          details = ticket(m.group());
          note = null;
        }
      }
      case PPID_STEP -> {
        if (reason != null && reason.contains(" -> ")) {
          String[] parts = reason.split(" -> ", 2);
          details = ppid(parts[0], parts[1]);
          note = null;
        }
      }
      case SURVEY_ANSWERED -> {
        if (reason != null && reason.matches("[1-5]/5")) {
          details = rating(Integer.parseInt(reason.substring(0, 1)));
          note = null;
        }
      }
      case REOPENED -> {
        if (Case.CITIZEN_REPLIED.equals(reason)) {
          details = code("citizen-replied");
          note = null;
        }
      }
      // Files kept or originals shown at the desk: the requirements they satisfy, in missing
      // (docs/adr/0052); "2: kk,ktp" for two files, two of them labelled.
      case FILES_ATTACHED, PRESENTED_AT_DESK -> {
        if (reason != null) {
          String labels = reason.contains(": ") ? reason.split(": ", 2)[1] : reason;
          if (kind == Kind.FILES_ATTACHED && !reason.contains(": ")) {
            labels = "";
          }
          details =
              requested(
                  codes(labels).stream().map(c -> requirement(c, agency)).toList(), List.of());
          note = null;
        }
      }
      // The system's fixed Indonesian sentences: the kind says it in the officer's language.
      case CLOSED_WITHOUT_REPLY, INFORMATION_GRANTED -> note = null;
      default -> {}
    }
    return new Entry(e.at(), e.actor(), e.action(), kind, e.from(), e.to(), note, details);
  }

  /** The requirement with the agency file's labels (the code itself where the file lacks it). */
  static Label requirement(String code, @Nullable Agency agency) {
    if (agency != null) {
      for (Agency.Requirement r : agency.rules().intake()) {
        if (r.id().equals(code)) {
          return new Label(code, r.label().id(), r.label().en());
        }
      }
    }
    return new Label(code, code, code);
  }

  /** The division with its name in the agency file. */
  static Label division(String code, @Nullable Agency agency) {
    if (agency != null) {
      for (Agency.Division d : agency.rules().divisions()) {
        if (d.code().equals(code)) {
          return new Label(code, d.name(), d.name());
        }
      }
    }
    return new Label(code, code, code);
  }

  /** "[a, b]" or "a,b" (how the stored sentences join codes) to the codes. */
  private static List<String> codes(String joined) {
    return Arrays.stream(joined.replace("[", "").replace("]", "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static Details requested(List<Label> missing, List<String> invalid) {
    return new Details(
        missing, invalid, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static Details classified(String caseType, String slaClass) {
    return new Details(
        List.of(), List.of(), caseType, slaClass, null, null, null, null, null, null, null, null,
        null);
  }

  private static Details routed(Label division) {
    return new Details(
        List.of(), List.of(), null, null, division, null, null, null, null, null, null, null, null);
  }

  private static Details assigned(@Nullable String officer) {
    return new Details(
        List.of(), List.of(), null, null, null, officer, null, null, null, null, null, null, null);
  }

  private static Details rejected(String code) {
    return new Details(
        List.of(), List.of(), null, null, null, null, code, null, null, null, null, null, null);
  }

  private static Details code(String code) {
    return new Details(
        List.of(), List.of(), null, null, null, null, null, code, null, null, null, null, null);
  }

  private static Details ticket(String ticket) {
    return new Details(
        List.of(), List.of(), null, null, null, null, null, null, ticket, null, null, null, null);
  }

  private static Details ppid(String from, String to) {
    return new Details(
        List.of(), List.of(), null, null, null, null, null, null, null, from, to, null, null);
  }

  private static Details rating(int rating) {
    return new Details(
        List.of(), List.of(), null, null, null, null, null, null, null, null, null, rating, null);
  }

  private static Details replied(String channel) {
    return new Details(
        List.of(), List.of(), null, null, null, null, null, null, null, null, null, null, channel);
  }

  /**
   * The classification's explanation as parts: the intake's suggestion, and each officer's (or the
   * classifier's) classify and route entry, in order.
   */
  record ExplanationPart(
      String kind,
      @Nullable Instant at,
      @Nullable String actor,
      @Nullable String caseType,
      @Nullable String slaClass,
      @Nullable Label division) {}

  static List<ExplanationPart> explanation(
      @Nullable String suggestedDivision, List<AuditEntry> timeline, @Nullable Agency agency) {
    List<ExplanationPart> parts = new java.util.ArrayList<>();
    if (suggestedDivision != null) {
      parts.add(
          new ExplanationPart(
              "suggested", null, null, null, null, division(suggestedDivision, agency)));
    }
    for (AuditEntry t : timeline) {
      Entry e = entry(t, agency);
      if (e.kind() == Kind.CLASSIFIED && e.details().caseType() != null) {
        parts.add(
            new ExplanationPart(
                "classified",
                t.at(),
                t.actor(),
                e.details().caseType(),
                e.details().slaClass(),
                null));
      } else if (e.kind() == Kind.ROUTED && e.details().division() != null) {
        parts.add(
            new ExplanationPart("routed", t.at(), t.actor(), null, null, e.details().division()));
      }
    }
    return List.copyOf(parts);
  }
}
