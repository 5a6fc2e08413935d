package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A case and its lifecycle (DESIGN.md, "Case lifecycle"): received, incomplete (waiting for the
 * citizen), verified and classified, routed, in progress, answered, resolved with a berita acara,
 * archived; rejected, merged and reopened on the side; information requests (PPID) through their
 * agency's steps. Every method checks that the current state allows it, changes the state, writes
 * an audit entry and returns the events it caused; an action the state does not allow throws {@link
 * IllegalTransitionException} and changes nothing.
 */
public final class Case {

  /** Reasons a case can be rejected with. */
  public static final Set<String> REJECTION_CODES =
      Set.of("NOT_AUTHORITY", "NOT_A_COMPLAINT", "NO_RESPONSE", "OTHER");

  /** What a case is while it waits for a transition; everything the store keeps of it. */
  public record Snapshot(
      String id,
      String ticket,
      String agencyCode,
      CaseStatus status,
      CaseType caseType,
      Channel channel,
      String intakeMode,
      Instant receivedAt,
      @Nullable ReplyAddress replyAddress,
      @Nullable String slaClass,
      @Nullable String topic,
      @Nullable String division,
      List<String> missing,
      List<String> invalid,
      @Nullable CaseStatus resumeTo,
      @Nullable String ppidStep,
      CaseEvent.@Nullable ResolutionRecord resolution,
      @Nullable String rejectionCode,
      @Nullable String rejectionReason,
      @Nullable String mergedIntoTicket,
      List<ReplyAddress> otherReporters,
      List<String> mergedTickets,
      List<AuditEntry> audit,
      @Nullable Survey survey) {

    public Snapshot {
      missing = List.copyOf(missing);
      invalid = List.copyOf(invalid);
      otherReporters = List.copyOf(otherReporters);
      mergedTickets = List.copyOf(mergedTickets);
      audit = List.copyOf(audit);
    }
  }

  /** The citizen's answer to the satisfaction survey sent after the resolution. */
  public record Survey(
      int rating, @Nullable String comment, Instant answeredAt, String messageId) {}

  /** What opening a case needs to know. */
  public record Opening(
      String id,
      String ticket,
      Channel channel,
      String intakeMode,
      CaseType caseType,
      Instant receivedAt,
      @Nullable ReplyAddress replyAddress,
      @Nullable String sourceMessageId,
      String actor) {}

  private final String id;
  private final String ticket;
  private final String agencyCode;
  private CaseStatus status;
  private CaseType caseType;
  private final Channel channel;
  private final String intakeMode;
  private final Instant receivedAt;
  private final @Nullable ReplyAddress replyAddress;
  private @Nullable String slaClass;
  private @Nullable String topic;
  private @Nullable String division;
  private List<String> missing;
  private List<String> invalid;
  private @Nullable CaseStatus resumeTo;
  private @Nullable String ppidStep;
  private CaseEvent.@Nullable ResolutionRecord resolution;
  private @Nullable String rejectionCode;
  private @Nullable String rejectionReason;
  private @Nullable String mergedIntoTicket;
  private final List<ReplyAddress> otherReporters;
  private final List<String> mergedTickets;
  private final List<AuditEntry> audit;
  private @Nullable Survey survey;

  public Case(Snapshot s) {
    this.id = s.id();
    this.ticket = s.ticket();
    this.agencyCode = s.agencyCode();
    this.status = s.status();
    this.caseType = s.caseType();
    this.channel = s.channel();
    this.intakeMode = s.intakeMode();
    this.receivedAt = s.receivedAt();
    this.replyAddress = s.replyAddress();
    this.slaClass = s.slaClass();
    this.topic = s.topic();
    this.division = s.division();
    this.missing = s.missing();
    this.invalid = s.invalid();
    this.resumeTo = s.resumeTo();
    this.ppidStep = s.ppidStep();
    this.resolution = s.resolution();
    this.rejectionCode = s.rejectionCode();
    this.rejectionReason = s.rejectionReason();
    this.mergedIntoTicket = s.mergedIntoTicket();
    this.otherReporters = new ArrayList<>(s.otherReporters());
    this.mergedTickets = new ArrayList<>(s.mergedTickets());
    this.audit = new ArrayList<>(s.audit());
    this.survey = s.survey();
  }

  public Snapshot snapshot() {
    return new Snapshot(
        id,
        ticket,
        agencyCode,
        status,
        caseType,
        channel,
        intakeMode,
        receivedAt,
        replyAddress,
        slaClass,
        topic,
        division,
        missing,
        invalid,
        resumeTo,
        ppidStep,
        resolution,
        rejectionCode,
        rejectionReason,
        mergedIntoTicket,
        otherReporters,
        mergedTickets,
        audit,
        survey);
  }

  /** A new case and the events of its opening, then of its first completeness check. */
  public record Opened(Case aggregate, List<CaseEvent> events, Completeness.Result check) {}

  public static Opened open(
      Opening o, Agency agency, Completeness.Evidence evidence, Instant at, LocalDate today) {
    String slaClass =
        agency.rules().defaultSlaClass(o.caseType().name()).map(Agency.SlaClass::code).orElse(null);
    String firstStep =
        o.caseType() == CaseType.INFORMATION_REQUEST
            ? agency.rules().ppid().steps().getFirst()
            : null;
    Case c =
        new Case(
            new Snapshot(
                o.id(),
                o.ticket(),
                agency.code(),
                CaseStatus.RECEIVED,
                o.caseType(),
                o.channel(),
                o.intakeMode(),
                o.receivedAt(),
                o.replyAddress(),
                slaClass,
                null,
                null,
                List.of(),
                List.of(),
                null,
                firstStep,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(new AuditEntry(at, o.actor(), "opened", null, CaseStatus.RECEIVED, null)),
                null));
    List<CaseEvent> events = new ArrayList<>();
    events.add(
        new CaseEvent.CaseOpened(
            eventId(),
            at,
            c.id,
            c.ticket,
            c.agencyCode,
            CaseStatus.RECEIVED,
            o.channel(),
            o.intakeMode(),
            o.caseType(),
            slaClass,
            o.receivedAt(),
            o.replyAddress(),
            o.sourceMessageId(),
            agency.language()));
    Completeness.Result check = c.check(agency, evidence, today);
    events.addAll(c.applyCheck(check, "system", at));
    return new Opened(c, List.copyOf(events), check);
  }

  private Completeness.Result check(
      Agency agency, Completeness.Evidence evidence, LocalDate today) {
    return Completeness.check(
        agency.rules().requirementsFor(caseType.name(), channel.name()), evidence, today);
  }

  /**
   * A citizen message joined the case. When the case waits for the citizen, what they sent so far
   * is checked again: complete resumes the case, still incomplete asks again only when what is
   * missing or invalid changed (so the citizen is not asked the same thing twice).
   */
  public List<CaseEvent> addCitizenMessage(
      String messageId,
      Instant messageReceivedAt,
      @Nullable ReplyAddress from,
      Agency agency,
      Completeness.Evidence evidence,
      CitizenReply reply,
      Instant at,
      LocalDate today) {
    List<CaseEvent> events = new ArrayList<>();
    events.add(
        new CaseEvent.CitizenMessageAdded(
            eventId(), at, id, ticket, agencyCode, status, messageId, messageReceivedAt, from));
    if (status == CaseStatus.INCOMPLETE || status == CaseStatus.RECEIVED) {
      events.addAll(applyCheck(check(agency, evidence, today), "system", at));
    } else if (status == CaseStatus.ANSWERED && reopensAnswer(reply)) {
      events.addAll(reopen(CITIZEN_REPLIED, "citizen", at));
    }
    return events;
  }

  /** Why a case the citizen reopened by replying to its answer is back in progress. */
  public static final String CITIZEN_REPLIED = "the citizen replied to the answer";

  /** Thanks, or a bare rating, is not a reason to take an answered case up again. */
  private static boolean reopensAnswer(CitizenReply reply) {
    return switch (reply.kind()) {
      case THANKS -> false;
      case RATING -> reply.comment() != null;
      case OTHER -> true;
    };
  }

  /**
   * Whether a rating received at {@code at} answers this case's satisfaction survey: the case is
   * resolved (or archived since) and the rating came within {@code window} of the resolution.
   */
  public boolean surveyOpen(java.time.Duration window, Instant at) {
    if (status != CaseStatus.RESOLVED && status != CaseStatus.ARCHIVED) {
      return false;
    }
    Instant resolvedAt = null;
    for (AuditEntry entry : audit) {
      if (entry.to() == CaseStatus.RESOLVED && entry.from() != CaseStatus.RESOLVED) {
        resolvedAt = entry.at();
      }
    }
    return resolvedAt != null && !at.isBefore(resolvedAt) && !at.isAfter(resolvedAt.plus(window));
  }

  /**
   * The citizen's answer to the satisfaction survey: stored on the case (a later answer replaces an
   * earlier one), which stays resolved.
   */
  public List<CaseEvent> answerSurvey(CitizenReply reply, String messageId, Instant at) {
    if (reply.kind() != CitizenReply.Kind.RATING
        || (status != CaseStatus.RESOLVED && status != CaseStatus.ARCHIVED)) {
      throw new IllegalTransitionException(
          "answer-survey",
          status,
          "only a rating from 1 to 5 answers the survey of a resolved case");
    }
    survey = new Survey(reply.rating(), reply.comment(), at, messageId);
    audit.add(
        new AuditEntry(at, "citizen", "survey-answered", status, status, reply.rating() + "/5"));
    return List.of(
        new CaseEvent.SurveyAnswered(
            eventId(),
            at,
            id,
            ticket,
            agencyCode,
            status,
            reply.rating(),
            reply.comment(),
            messageId));
  }

  /**
   * The survey answer of {@code sender}: only the case's reporter answers its survey ({@link
   * Reporters}); anyone else's rating changes nothing and is refused.
   *
   * @param reporterPerson the person of the case's reporter profile, when known
   */
  public List<CaseEvent> answerSurvey(
      CitizenReply reply,
      Reporters.Sender sender,
      @Nullable String reporterPerson,
      String messageId,
      Instant at) {
    if (!reporters(reporterPerson).admit(sender)) {
      throw new IllegalTransitionException(
          "answer-survey", status, "only the case's reporter answers its survey");
    }
    return answerSurvey(reply, messageId, at);
  }

  /** Who may act on this case as its reporter; see {@link Reporters}. */
  public Reporters reporters(@Nullable String reporterPerson) {
    return new Reporters(replyAddress, otherReporters, reporterPerson);
  }

  /** Timeline action on a case whose message named or replied to another reporter's case. */
  public static final String MENTIONS = "mentions";

  /** Timeline action on a case another sender's message named or replied to. */
  public static final String MENTIONED = "mentioned";

  /**
   * Links this case to {@code otherTicket} on its timeline, for an officer to see: {@link
   * #MENTIONS} (a message of this case named the other reporter's case) or {@link #MENTIONED}
   * (another sender named this case). Nothing else changes: no status, no event, no notice.
   * Idempotent: false when the link is there already.
   */
  public boolean noteMention(String action, String otherTicket, Instant at) {
    if (!action.equals(MENTIONS) && !action.equals(MENTIONED)) {
      throw new IllegalArgumentException("not a mention: " + action);
    }
    String reason =
        action.equals(MENTIONS)
            ? "menyebut " + otherTicket + " (bukan kasus pengirim / not the sender's case)"
            : "disebut oleh " + otherTicket + " dari pengirim lain / named by another sender";
    if (audit.stream().anyMatch(a -> a.action().equals(action) && reason.equals(a.reason()))) {
      return false;
    }
    audit.add(new AuditEntry(at, "system", action, status, status, reason));
    return true;
  }

  /** The tickets a {@link #MENTIONS} entry of this case's timeline names. */
  public List<String> mentionedTickets() {
    return audit.stream()
        .filter(a -> a.action().equals(MENTIONS) && a.reason() != null)
        .map(a -> a.reason().substring("menyebut ".length()).split(" ", 2)[0])
        .distinct()
        .toList();
  }

  /** Checks completeness again on demand (e.g. after an officer attached a scanned document). */
  public List<CaseEvent> recheck(
      Agency agency, Completeness.Evidence evidence, String actor, Instant at, LocalDate today) {
    if (status != CaseStatus.INCOMPLETE && status != CaseStatus.RECEIVED) {
      return List.of();
    }
    return applyCheck(check(agency, evidence, today), actor, at);
  }

  private List<CaseEvent> applyCheck(Completeness.Result check, String actor, Instant at) {
    if (check.complete()) {
      if (status == CaseStatus.INCOMPLETE) {
        CaseStatus back = resumeTo == null ? CaseStatus.RECEIVED : resumeTo;
        resumeTo = null;
        missing = List.of();
        invalid = List.of();
        move("information-received", back, actor, null, at);
        return List.of(
            new CaseEvent.InformationReceived(eventId(), at, id, ticket, agencyCode, status));
      }
      if (!check.invalid().equals(invalid)) {
        // Nothing required is missing: an invalid extra NIK is kept for the officer (never as
        // valid) but does not hold the case, and InformationRequested stays the one signal that
        // the case waits (the SLA service pauses on it).
        invalid = check.invalid();
        audit.add(
            new AuditEntry(at, actor, "invalid-input", status, status, String.join(",", invalid)));
      }
      return List.of();
    }
    if (status == CaseStatus.INCOMPLETE
        && check.missing().equals(missing)
        && check.invalid().equals(invalid)) {
      return List.of();
    }
    return requestInformation(check.missing(), check.invalid(), actor, null, at);
  }

  /**
   * The case waits for the citizen to send what is missing; the SLA clocks pause on the event. An
   * officer may ask too, naming requirement ids of the agency or free items. What the citizen sent
   * that is invalid (reason codes) goes with the request.
   */
  public List<CaseEvent> requestInformation(
      List<String> missingItems,
      List<String> invalidItems,
      String actor,
      @Nullable String reason,
      Instant at) {
    allow(Action.REQUEST_INFORMATION);
    if (missingItems.isEmpty()) {
      throw new IllegalTransitionException(
          "request-information", status, "name at least one missing item");
    }
    CaseStatus from = status;
    if (status != CaseStatus.INCOMPLETE) {
      resumeTo = status;
    }
    status = CaseStatus.INCOMPLETE;
    missing = List.copyOf(missingItems);
    invalid = List.copyOf(invalidItems);
    audit.add(
        new AuditEntry(
            at,
            actor,
            "information-requested",
            from,
            status,
            reason != null ? reason : "missing " + missingItems + " invalid " + invalidItems));
    return List.of(
        new CaseEvent.InformationRequested(
            eventId(), at, id, ticket, agencyCode, status, missing, replyAddress, actor, invalid));
  }

  /**
   * An officer confirms that what the citizen sent is enough although the automatic check did not
   * recognise it (a photo without a caption, a document the keywords miss): the case resumes.
   */
  public List<CaseEvent> markComplete(String actor, String reason, Instant at) {
    allow(Action.MARK_COMPLETE);
    if (reason.isBlank()) {
      throw new IllegalTransitionException("mark-complete", status, "say what was checked");
    }
    CaseStatus back = resumeTo == null ? CaseStatus.RECEIVED : resumeTo;
    resumeTo = null;
    missing = List.of();
    move("information-received", back, actor, reason, at);
    return List.of(
        new CaseEvent.InformationReceived(eventId(), at, id, ticket, agencyCode, status));
  }

  public List<CaseEvent> verify(String actor, @Nullable String reason, Instant at) {
    allow(Action.VERIFY);
    complaintOnly(Action.VERIFY);
    return List.of(changeStatus("verified", CaseStatus.VERIFIED, actor, reason, at));
  }

  /** The verifier's classification: case type and SLA class of the agency, and a topic. */
  public List<CaseEvent> classify(
      Agency agency,
      CaseType type,
      @Nullable String newSlaClass,
      @Nullable String newTopic,
      String actor,
      Instant at) {
    allow(Action.CLASSIFY);
    String cls = newSlaClass;
    if (cls == null) {
      cls =
          agency
              .rules()
              .defaultSlaClass(type.name())
              .map(Agency.SlaClass::code)
              .orElseThrow(
                  () ->
                      new IllegalTransitionException(
                          "classify", status, agency.code() + " has no SLA class for " + type));
    } else {
      Agency.SlaClass found =
          agency
              .rules()
              .slaClass(cls)
              .orElseThrow(
                  () ->
                      new IllegalTransitionException(
                          "classify",
                          status,
                          "unknown SLA class "
                              + newSlaClass
                              + " for "
                              + agency.code()
                              + " (known: "
                              + agency.rules().slaClasses().stream()
                                  .map(Agency.SlaClass::code)
                                  .toList()
                              + ")"));
      if (!found.caseType().equals(type.name())) {
        throw new IllegalTransitionException(
            "classify", status, "SLA class " + cls + " is for " + found.caseType() + " cases");
      }
    }
    caseType = type;
    slaClass = cls;
    topic = newTopic;
    if (type == CaseType.INFORMATION_REQUEST && ppidStep == null) {
      ppidStep = agency.rules().ppid().steps().getFirst();
    }
    audit.add(new AuditEntry(at, actor, "classified", status, status, type + "/" + cls));
    return List.of(
        new CaseEvent.CaseClassified(
            eventId(),
            at,
            id,
            ticket,
            agencyCode,
            status,
            caseType,
            slaClass,
            topic,
            division,
            1.0,
            false,
            List.of("classified by " + actor),
            actor));
  }

  /** Refers the case to a division (bidang) of the agency, by its duties. */
  public List<CaseEvent> route(Agency agency, String toDivision, String actor, Instant at) {
    allow(Action.ROUTE);
    complaintOnly(Action.ROUTE);
    if (agency.rules().division(toDivision).isEmpty()) {
      throw new IllegalTransitionException(
          "route",
          status,
          "unknown division "
              + toDivision
              + " (known: "
              + agency.rules().divisions().stream().map(Agency.Division::code).toList()
              + ")");
    }
    division = toDivision;
    move("routed", CaseStatus.ROUTED, actor, toDivision, at);
    return List.of(
        new CaseEvent.CaseRouted(eventId(), at, id, ticket, agencyCode, status, toDivision, actor));
  }

  /** The division and the complaint team follow the case up together. */
  public List<CaseEvent> startProgress(String actor, @Nullable String reason, Instant at) {
    allow(Action.START_PROGRESS);
    return List.of(changeStatus("in-progress", CaseStatus.IN_PROGRESS, actor, reason, at));
  }

  public List<CaseEvent> answer(String text, String actor, Instant at) {
    allow(Action.ANSWER);
    if (text.isBlank()) {
      throw new IllegalTransitionException("answer", status, "the answer is empty");
    }
    move("answered", CaseStatus.ANSWERED, actor, null, at);
    return List.of(
        new CaseEvent.CaseAnswered(
            eventId(),
            at,
            id,
            ticket,
            agencyCode,
            status,
            text,
            replyAddress,
            actor,
            otherReporters));
  }

  /** Resolved with its berita acara: what was done, by whom, when, attachments, how told. */
  public List<CaseEvent> resolve(
      CaseEvent.ResolutionRecord record, String summary, String actor, Instant at) {
    allow(Action.RESOLVE);
    return resolved("resolved", record, summary, actor, at);
  }

  public List<CaseEvent> reject(String reasonCode, String reason, String actor, Instant at) {
    allow(Action.REJECT);
    if (!REJECTION_CODES.contains(reasonCode)) {
      throw new IllegalTransitionException(
          "reject",
          status,
          "unknown reason code " + reasonCode + " (known: " + REJECTION_CODES + ")");
    }
    String auditReason = reason;
    if (reasonCode.equals("NOT_AUTHORITY") && channel == Channel.LAPOR) {
      // SP4N-LAPOR!: a report outside the agency's authority goes back to the national admin.
      auditReason = "returned to LAPOR! national admin: " + reason;
    }
    return rejected("rejected", reasonCode, reason, auditReason, actor, at);
  }

  /**
   * This case is a duplicate of {@code survivor}: it keeps its own history and points to the
   * survivor, which answers every reporter from now on.
   */
  public List<CaseEvent> mergeInto(Case survivor, String actor, Instant at) {
    allow(Action.MERGE);
    if (survivor.id.equals(id)) {
      throw new IllegalTransitionException("merge", status, "a case cannot be merged into itself");
    }
    if (!survivor.agencyCode.equals(agencyCode)) {
      throw new IllegalTransitionException("merge", status, "cases of two agencies cannot merge");
    }
    if (!Action.MERGE.allowedFrom().contains(survivor.status)
        && survivor.status != CaseStatus.ANSWERED) {
      throw new IllegalTransitionException(
          "merge", status, "the surviving case " + survivor.ticket + " is " + survivor.status);
    }
    mergedIntoTicket = survivor.ticket;
    move("merged", CaseStatus.MERGED, actor, "into " + survivor.ticket, at);
    return List.of(
        new CaseEvent.CaseMerged(
            eventId(), at, id, ticket, agencyCode, status, survivor.id, survivor.ticket, actor));
  }

  /**
   * The surviving side of a merge: the merged case's reporter is answered from here on. Idempotent,
   * so a merge interrupted between the two documents can simply be repeated.
   */
  public boolean absorb(Case merged, String actor, Instant at) {
    if (mergedTickets.contains(merged.ticket)) {
      return false;
    }
    mergedTickets.add(merged.ticket);
    if (merged.replyAddress != null
        && !merged.replyAddress.equals(replyAddress)
        && !otherReporters.contains(merged.replyAddress)) {
      otherReporters.add(merged.replyAddress);
    }
    for (ReplyAddress r : merged.otherReporters) {
      if (!r.equals(replyAddress) && !otherReporters.contains(r)) {
        otherReporters.add(r);
      }
    }
    audit.add(new AuditEntry(at, actor, "merged-in", status, status, merged.ticket));
    return true;
  }

  /** The citizen is not satisfied with the answer: the case goes back to work. */
  public List<CaseEvent> reopen(String reason, String actor, Instant at) {
    allow(Action.REOPEN);
    if (reason.isBlank()) {
      throw new IllegalTransitionException("reopen", status, "a reopened case needs a reason");
    }
    resolution = null;
    move("reopened", CaseStatus.IN_PROGRESS, actor, reason, at);
    return List.of(
        new CaseEvent.CaseReopened(eventId(), at, id, ticket, agencyCode, status, reason, actor));
  }

  /** The reason code of a case closed because LAPOR! dispositioned its report elsewhere. */
  public static final String REDISPOSITIONED = "REDISPOSITIONED";

  /**
   * SP4N-LAPOR! dispositioned the case's report to another agency (issue 19): the case is no longer
   * this agency's to work, so it is closed as rejected by the system, with {@link #REDISPOSITIONED}
   * (never an officer's reason code), which stops its clocks. Nothing happens to a case already
   * resolved, rejected, merged or archived.
   *
   * @param reason for the timeline and the event, in Bahasa Indonesia first
   */
  public List<CaseEvent> redispositionedAway(String reason, Instant at) {
    Set<CaseStatus> open = EnumSet.copyOf(Action.REJECT.allowedFrom());
    open.add(CaseStatus.ANSWERED);
    if (!open.contains(status)) {
      return List.of();
    }
    return rejected("redispositioned", REDISPOSITIONED, reason, reason, "system", at);
  }

  /** Documented and archived (with the follow-up plan where the standard asks for one). */
  public List<CaseEvent> archive(String actor, @Nullable String reason, Instant at) {
    allow(Action.ARCHIVE);
    return List.of(changeStatus("archived", CaseStatus.ARCHIVED, actor, reason, at));
  }

  /** An information request (PPID) moves to the agency's next step, and only to that one. */
  public List<CaseEvent> advancePpid(Agency agency, String step, String actor, Instant at) {
    allow(Action.ADVANCE_PPID);
    ppidOnly(Action.ADVANCE_PPID);
    List<String> steps = agency.rules().ppid().steps();
    int current = ppidStep == null ? -1 : steps.indexOf(ppidStep);
    if (current + 1 >= steps.size()) {
      throw new IllegalTransitionException(
          "advance-ppid", status, "the request is at its last step " + ppidStep + " already");
    }
    String next = steps.get(current + 1);
    if (!next.equals(step)) {
      throw new IllegalTransitionException(
          "advance-ppid",
          status,
          "the next step after " + ppidStep + " is " + next + ", not " + step);
    }
    String before = ppidStep;
    ppidStep = step;
    CaseStatus from = move("ppid-step", CaseStatus.IN_PROGRESS, actor, before + " -> " + step, at);
    return List.of(
        new CaseEvent.CaseStatusChanged(
            eventId(), at, id, ticket, agencyCode, status, from, "PPID step " + step, actor));
  }

  /**
   * Extends the completion deadline once, by what the case's SLA class allows (the statutory PPID
   * class: 7 working days). The requester is told why.
   */
  public List<CaseEvent> extendDeadline(Agency agency, String reason, String actor, Instant at) {
    allow(Action.EXTEND_DEADLINE);
    if (reason.isBlank()) {
      throw new IllegalTransitionException(
          "extend-deadline", status, "an extension needs a reason");
    }
    Agency.Stage stage =
        agency
            .rules()
            .slaClass(slaClass == null ? "" : slaClass)
            .flatMap(c -> c.stage("completion"))
            .filter(s -> s.extension() > 0)
            .orElseThrow(
                () ->
                    new IllegalTransitionException(
                        "extend-deadline",
                        status,
                        "SLA class " + slaClass + " of " + agency.code() + " allows no extension"));
    if (audit.stream().anyMatch(a -> a.action().equals("deadline-extended"))) {
      throw new IllegalTransitionException(
          "extend-deadline", status, "the deadline was extended once already");
    }
    move("deadline-extended", status, actor, reason, at);
    return List.of(
        new CaseEvent.CaseDeadlineExtended(
            eventId(),
            at,
            id,
            ticket,
            agencyCode,
            status,
            stage.name(),
            stage.extension(),
            stage.unit(),
            reason,
            replyAddress,
            actor));
  }

  /** Granted: the information is handed over and the proof of delivery recorded. */
  public List<CaseEvent> grantInformation(
      Agency agency, CaseEvent.ResolutionRecord record, String actor, Instant at) {
    allow(Action.GRANT_INFORMATION);
    atLastPpidStep(agency, Action.GRANT_INFORMATION);
    if (record.proofOfDelivery() == null || record.proofOfDelivery().isBlank()) {
      throw new IllegalTransitionException(
          "grant-information", status, "a granted request needs its proof of delivery");
    }
    return resolved("information-granted", record, "Informasi publik diberikan", actor, at);
  }

  /** Refused as exempt information: the requester is told the legal reason. */
  public List<CaseEvent> refuseInformation(
      Agency agency, String legalBasis, String actor, Instant at) {
    allow(Action.REFUSE_INFORMATION);
    atLastPpidStep(agency, Action.REFUSE_INFORMATION);
    if (legalBasis.isBlank()) {
      throw new IllegalTransitionException(
          "refuse-information", status, "exempt information is refused with its legal reason");
    }
    return rejected("information-refused", "EXEMPT_INFORMATION", legalBasis, legalBasis, actor, at);
  }

  /**
   * SP4N-LAPOR!: an answered report closes when its reporter has not replied within LAPOR!'s
   * closing time. Only an answered case closes; one the reporter took up again stays open.
   */
  public List<CaseEvent> closeWithoutReply(Instant at) {
    if (status != CaseStatus.ANSWERED || channel != Channel.LAPOR) {
      return List.of();
    }
    String text =
        "Laporan ditutup: tidak ada tanggapan pelapor dalam batas waktu SP4N-LAPOR! setelah"
            + " jawaban diberikan";
    return resolved(
        "closed-without-reply",
        new CaseEvent.ResolutionRecord(text, List.of("system"), at, List.of(), "LAPOR", null),
        text,
        "system",
        at);
  }

  private List<CaseEvent> resolved(
      String action, CaseEvent.ResolutionRecord record, String summary, String actor, Instant at) {
    if (record.whatWasDone().isBlank() || record.doneBy().isEmpty()) {
      throw new IllegalTransitionException(
          action, status, "the berita acara names what was done and by whom");
    }
    resolution = record;
    move(action, CaseStatus.RESOLVED, actor, summary, at);
    return List.of(
        new CaseEvent.CaseResolved(
            eventId(),
            at,
            id,
            ticket,
            agencyCode,
            status,
            summary,
            replyAddress,
            actor,
            record,
            otherReporters));
  }

  private List<CaseEvent> rejected(
      String action, String code, String reason, String auditReason, String actor, Instant at) {
    if (reason.isBlank()) {
      throw new IllegalTransitionException(action, status, "a rejection needs a reason");
    }
    rejectionCode = code;
    rejectionReason = reason;
    move(action, CaseStatus.REJECTED, actor, code + ": " + auditReason, at);
    return List.of(
        new CaseEvent.CaseRejected(
            eventId(), at, id, ticket, agencyCode, status, code, reason, replyAddress, actor));
  }

  /** Moves the case to {@code to} and writes the audit entry; returns the state it came from. */
  private CaseStatus move(
      String action, CaseStatus to, String actor, @Nullable String reason, Instant at) {
    CaseStatus from = status;
    status = to;
    audit.add(new AuditEntry(at, actor, action, from, to, reason));
    return from;
  }

  private CaseEvent changeStatus(
      String action, CaseStatus to, String actor, @Nullable String reason, Instant at) {
    CaseStatus from = move(action, to, actor, reason, at);
    return new CaseEvent.CaseStatusChanged(
        eventId(), at, id, ticket, agencyCode, to, from, reason, actor);
  }

  private void allow(Action action) {
    Set<CaseStatus> from = action.allowedFrom();
    if (!from.contains(status)) {
      throw new IllegalTransitionException(action.wireName(), status, "allowed only from " + from);
    }
  }

  private void complaintOnly(Action action) {
    if (caseType == CaseType.INFORMATION_REQUEST) {
      throw new IllegalTransitionException(
          action.wireName(), status, "an information request follows the PPID steps instead");
    }
  }

  private void ppidOnly(Action action) {
    if (caseType != CaseType.INFORMATION_REQUEST) {
      throw new IllegalTransitionException(
          action.wireName(), status, "only an information request (PPID) has PPID steps");
    }
  }

  private void atLastPpidStep(Agency agency, Action action) {
    ppidOnly(action);
    List<String> steps = agency.rules().ppid().steps();
    if (!steps.getLast().equals(ppidStep)) {
      throw new IllegalTransitionException(
          action.wireName(),
          status,
          "the request is decided after " + steps.getLast() + ", it is at " + ppidStep);
    }
  }

  private static String eventId() {
    return UUID.randomUUID().toString();
  }

  public String id() {
    return id;
  }

  public String ticket() {
    return ticket;
  }

  public String agencyCode() {
    return agencyCode;
  }

  public CaseStatus status() {
    return status;
  }

  public CaseType caseType() {
    return caseType;
  }

  public Channel channel() {
    return channel;
  }

  public @Nullable ReplyAddress replyAddress() {
    return replyAddress;
  }

  public List<String> missing() {
    return missing;
  }

  public List<String> invalid() {
    return invalid;
  }

  public @Nullable String ppidStep() {
    return ppidStep;
  }

  public @Nullable String division() {
    return division;
  }

  public @Nullable String slaClass() {
    return slaClass;
  }

  public @Nullable String mergedIntoTicket() {
    return mergedIntoTicket;
  }

  public List<ReplyAddress> otherReporters() {
    return List.copyOf(otherReporters);
  }

  public @Nullable Survey survey() {
    return survey;
  }

  public List<AuditEntry> audit() {
    return List.copyOf(audit);
  }

  /** Open cases take citizen messages; closed ones (and merged ones) do not. */
  public boolean open() {
    return !EnumSet.of(
            CaseStatus.RESOLVED, CaseStatus.ARCHIVED, CaseStatus.REJECTED, CaseStatus.MERGED)
        .contains(status);
  }
}
