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
import java.util.Map;
import java.util.Objects;
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

  /**
   * Everything the case is, changed in place by the transitions below (the audit trail is its
   * timeline); {@link #state()} reads it. The only copy of a case's fields the domain makes.
   */
  private final CaseState.Builder s;

  public Case(String id, CaseState state) {
    this.id = id;
    this.s = state.toBuilder();
    s.otherReporters = new ArrayList<>(s.otherReporters);
    s.mergedTickets = new ArrayList<>(s.mergedTickets);
  }

  /** What the case is now. */
  public CaseState state() {
    return s.build();
  }

  /** A new case and the events of its opening, then of its first completeness check. */
  public record Opened(Case aggregate, List<CaseEvent> events, Completeness.Result check) {}

  /** Opens a case received as {@code o} says, with nothing else known of it. */
  public static Opened open(
      Opening o, Agency agency, Completeness.Evidence evidence, Instant at, LocalDate today) {
    CaseState.Builder received =
        CaseState.received(
            o.ticket(),
            agency.code(),
            o.caseType(),
            o.channel(),
            o.intakeMode(),
            o.receivedAt(),
            at);
    received.replyAddress = o.replyAddress();
    return open(
        o.id(), received.build(), o.sourceMessageId(), o.actor(), agency, evidence, at, today);
  }

  /**
   * Opens the case {@code received} (its ticket, what it was received as, its messages and form):
   * its service class, the first PPID step, {@code CaseOpened} and the first completeness check.
   */
  public static Opened open(
      String id,
      CaseState received,
      @Nullable String sourceMessageId,
      String actor,
      Agency agency,
      Completeness.Evidence evidence,
      Instant at,
      LocalDate today) {
    Case c = new Case(id, received);
    c.s.status = CaseStatus.RECEIVED;
    c.s.slaClass =
        agency.rules().defaultSlaClass(c.s.caseType.name()).map(Agency.SlaClass::code).orElse(null);
    c.s.ppidStep =
        c.s.caseType == CaseType.INFORMATION_REQUEST
            ? agency.rules().ppid().steps().getFirst()
            : null;
    c.s.timeline =
        new ArrayList<>(
            List.of(new AuditEntry(at, actor, "opened", null, CaseStatus.RECEIVED, null)));
    CaseEvent.CaseOpened opened =
        new CaseEvent.CaseOpened(
            eventId(),
            at,
            c.id,
            c.s.ticket,
            c.s.agencyCode,
            CaseStatus.RECEIVED,
            c.s.channel,
            c.s.intakeMode,
            c.s.caseType,
            c.s.slaClass,
            c.s.receivedAt,
            c.s.replyAddress,
            sourceMessageId,
            agency.language());
    Completeness.Result check = c.check(agency, evidence, today);
    return new Opened(c, announcedTogether(opened, c.applyCheck(check, "system", at)), check);
  }

  /**
   * The opening and what its intake check asked for, told to the citizen as one message: {@code
   * CaseOpened} carries the request ({@code intakeCheck}) and the request names the opening it was
   * announced with ({@code announcedWith}); the request stays an event of its own (timeline, the
   * SLA clock's pause).
   */
  private static List<CaseEvent> announcedTogether(
      CaseEvent.CaseOpened opened, List<CaseEvent> checked) {
    List<CaseEvent> events = new ArrayList<>();
    events.add(opened);
    for (CaseEvent event : checked) {
      if (event instanceof CaseEvent.InformationRequested asked) {
        events.set(
            0,
            opened.withIntakeCheck(
                new CaseEvent.IntakeCheck(asked.missing(), asked.invalid(), asked.eventId())));
        events.add(asked.announcedWith(opened.eventId()));
      } else {
        events.add(event);
      }
    }
    return List.copyOf(events);
  }

  private Completeness.Result check(
      Agency agency, Completeness.Evidence evidence, LocalDate today) {
    return Completeness.check(
        agency.rules().requirementsFor(s.caseType.name(), s.channel.name()), evidence, today);
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
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            messageId,
            messageReceivedAt,
            from));
    if (s.status == CaseStatus.INCOMPLETE || s.status == CaseStatus.RECEIVED) {
      events.addAll(applyCheck(check(agency, evidence, today), "system", at));
    } else if (s.status == CaseStatus.ANSWERED && reopensAnswer(reply)) {
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
    if (s.status != CaseStatus.RESOLVED && s.status != CaseStatus.ARCHIVED) {
      return false;
    }
    Instant resolvedAt = null;
    for (AuditEntry entry : s.timeline) {
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
        || (s.status != CaseStatus.RESOLVED && s.status != CaseStatus.ARCHIVED)) {
      throw new IllegalTransitionException(
          "answer-survey",
          s.status,
          "only a rating from 1 to 5 answers the survey of a resolved case");
    }
    s.survey = new Survey(reply.rating(), reply.comment(), at, messageId);
    s.timeline.add(
        new AuditEntry(
            at, "citizen", "survey-answered", s.status, s.status, reply.rating() + "/5"));
    return List.of(
        new CaseEvent.SurveyAnswered(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
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
          "answer-survey", s.status, "only the case's reporter answers its survey");
    }
    return answerSurvey(reply, messageId, at);
  }

  /** Who may act on this case as its reporter; see {@link Reporters}. */
  public Reporters reporters(@Nullable String reporterPerson) {
    return new Reporters(s.replyAddress, s.otherReporters, reporterPerson);
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
    if (s.timeline.stream().anyMatch(a -> a.action().equals(action) && reason.equals(a.reason()))) {
      return false;
    }
    s.timeline.add(new AuditEntry(at, "system", action, s.status, s.status, reason));
    return true;
  }

  /** The tickets a {@link #MENTIONS} entry of this case's timeline names. */
  public List<String> mentionedTickets() {
    return s.timeline.stream()
        .filter(a -> a.action().equals(MENTIONS) && a.reason() != null)
        .map(a -> a.reason().substring("menyebut ".length()).split(" ", 2)[0])
        .distinct()
        .toList();
  }

  /** Checks completeness again on demand (e.g. after an officer attached a scanned document). */
  public List<CaseEvent> recheck(
      Agency agency, Completeness.Evidence evidence, String actor, Instant at, LocalDate today) {
    if (s.status != CaseStatus.INCOMPLETE && s.status != CaseStatus.RECEIVED) {
      return List.of();
    }
    return applyCheck(check(agency, evidence, today), actor, at);
  }

  private List<CaseEvent> applyCheck(Completeness.Result check, String actor, Instant at) {
    if (check.complete()) {
      if (s.status == CaseStatus.INCOMPLETE) {
        CaseStatus back = s.resumeTo == null ? CaseStatus.RECEIVED : s.resumeTo;
        s.resumeTo = null;
        s.missing = List.of();
        s.invalid = List.of();
        move("information-received", back, actor, null, at);
        return List.of(
            new CaseEvent.InformationReceived(eventId(), at, id, s.ticket, s.agencyCode, s.status));
      }
      if (!check.invalid().equals(s.invalid)) {
        // Nothing required is missing: an invalid extra NIK is kept for the officer (never as
        // valid) but does not hold the case, and InformationRequested stays the one signal that
        // the case waits (the SLA service pauses on it).
        s.invalid = check.invalid();
        s.timeline.add(
            new AuditEntry(
                at, actor, "invalid-input", s.status, s.status, String.join(",", s.invalid)));
      }
      return List.of();
    }
    if (s.status == CaseStatus.INCOMPLETE
        && check.missing().equals(s.missing)
        && check.invalid().equals(s.invalid)) {
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
          "request-information", s.status, "name at least one missing item");
    }
    CaseStatus from = s.status;
    if (s.status != CaseStatus.INCOMPLETE) {
      s.resumeTo = s.status;
    }
    s.status = CaseStatus.INCOMPLETE;
    s.missing = List.copyOf(missingItems);
    s.invalid = List.copyOf(invalidItems);
    s.timeline.add(
        new AuditEntry(
            at,
            actor,
            "information-requested",
            from,
            s.status,
            reason != null ? reason : "missing " + missingItems + " invalid " + invalidItems));
    return List.of(
        new CaseEvent.InformationRequested(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            s.missing,
            s.replyAddress,
            actor,
            s.invalid));
  }

  /**
   * An officer confirms that what the citizen sent is enough although the automatic check did not
   * recognise it (a photo without a caption, a document the keywords miss): the case resumes.
   */
  public List<CaseEvent> markComplete(String actor, String reason, Instant at) {
    allow(Action.MARK_COMPLETE);
    if (reason.isBlank()) {
      throw new IllegalTransitionException("mark-complete", s.status, "say what was checked");
    }
    CaseStatus back = s.resumeTo == null ? CaseStatus.RECEIVED : s.resumeTo;
    s.resumeTo = null;
    s.missing = List.of();
    move("information-received", back, actor, reason, at);
    return List.of(
        new CaseEvent.InformationReceived(eventId(), at, id, s.ticket, s.agencyCode, s.status));
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
                          "classify", s.status, agency.code() + " has no SLA class for " + type));
    } else {
      Agency.SlaClass found =
          agency
              .rules()
              .slaClass(cls)
              .orElseThrow(
                  () ->
                      new IllegalTransitionException(
                          "classify",
                          s.status,
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
            "classify", s.status, "SLA class " + cls + " is for " + found.caseType() + " cases");
      }
    }
    s.caseType = type;
    s.slaClass = cls;
    s.topic = newTopic;
    if (type == CaseType.INFORMATION_REQUEST && s.ppidStep == null) {
      s.ppidStep = agency.rules().ppid().steps().getFirst();
    }
    s.timeline.add(new AuditEntry(at, actor, "classified", s.status, s.status, type + "/" + cls));
    return List.of(
        new CaseEvent.CaseClassified(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            s.caseType,
            s.slaClass,
            s.topic,
            s.division,
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
          s.status,
          "unknown division "
              + toDivision
              + " (known: "
              + agency.rules().divisions().stream().map(Agency.Division::code).toList()
              + ")");
    }
    s.division = toDivision;
    move("routed", CaseStatus.ROUTED, actor, toDivision, at);
    return List.of(
        new CaseEvent.CaseRouted(
            eventId(), at, id, s.ticket, s.agencyCode, s.status, toDivision, actor));
  }

  /** The division and the complaint team follow the case up together. */
  public List<CaseEvent> startProgress(String actor, @Nullable String reason, Instant at) {
    allow(Action.START_PROGRESS);
    return List.of(changeStatus("in-progress", CaseStatus.IN_PROGRESS, actor, reason, at));
  }

  /**
   * As {@link #startProgress(String, String, Instant)}, where the agency requires the head's
   * disposition first ({@code handling.disposition: required}): a complaint without a disposition
   * that it can be handled is refused (docs/adr/0051).
   */
  public List<CaseEvent> startProgress(
      Agency agency, String actor, @Nullable String reason, Instant at) {
    allow(Action.START_PROGRESS);
    if (agency.rules().handling().dispositionRequired()
        && s.caseType != CaseType.INFORMATION_REQUEST
        && handledDisposition() == null) {
      throw new IllegalTransitionException(
          Action.START_PROGRESS.wireName(),
          s.status,
          "disposisi pimpinan belum ada: kepala dinas memutuskan dulu apakah dan bagaimana"
              + " pengaduan ditangani (POST .../disposition) / the head's disposition is missing:"
              + " the head decides first whether and how the complaint is handled");
    }
    return startProgress(actor, reason, at);
  }

  public List<CaseEvent> answer(String text, String actor, Instant at) {
    allow(Action.ANSWER);
    if (text.isBlank()) {
      throw new IllegalTransitionException("answer", s.status, "the answer is empty");
    }
    move("answered", CaseStatus.ANSWERED, actor, null, at);
    return List.of(
        new CaseEvent.CaseAnswered(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            text,
            s.replyAddress,
            actor,
            s.otherReporters));
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
          s.status,
          "unknown reason code " + reasonCode + " (known: " + REJECTION_CODES + ")");
    }
    String auditReason = reason;
    if (reasonCode.equals("NOT_AUTHORITY") && s.channel == Channel.LAPOR) {
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
      throw new IllegalTransitionException(
          "merge", s.status, "a case cannot be merged into itself");
    }
    if (!survivor.s.agencyCode.equals(s.agencyCode)) {
      throw new IllegalTransitionException("merge", s.status, "cases of two agencies cannot merge");
    }
    if (!Action.MERGE.allowedFrom().contains(survivor.s.status)
        && survivor.s.status != CaseStatus.ANSWERED) {
      throw new IllegalTransitionException(
          "merge",
          s.status,
          "the surviving case " + survivor.s.ticket + " is " + survivor.s.status);
    }
    s.mergedIntoTicket = survivor.s.ticket;
    move("merged", CaseStatus.MERGED, actor, "into " + survivor.s.ticket, at);
    return List.of(
        new CaseEvent.CaseMerged(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            survivor.id,
            survivor.s.ticket,
            actor));
  }

  /**
   * The surviving side of a merge: the merged case's reporter is answered from here on. Idempotent,
   * so a merge interrupted between the two documents can simply be repeated.
   */
  public boolean absorb(Case merged, String actor, Instant at) {
    if (s.mergedTickets.contains(merged.s.ticket)) {
      return false;
    }
    s.mergedTickets.add(merged.s.ticket);
    if (merged.s.replyAddress != null
        && !merged.s.replyAddress.equals(s.replyAddress)
        && !s.otherReporters.contains(merged.s.replyAddress)) {
      s.otherReporters.add(merged.s.replyAddress);
    }
    for (ReplyAddress r : merged.s.otherReporters) {
      if (!r.equals(s.replyAddress) && !s.otherReporters.contains(r)) {
        s.otherReporters.add(r);
      }
    }
    s.timeline.add(new AuditEntry(at, actor, "merged-in", s.status, s.status, merged.s.ticket));
    return true;
  }

  /** The citizen is not satisfied with the answer: the case goes back to work. */
  public List<CaseEvent> reopen(String reason, String actor, Instant at) {
    allow(Action.REOPEN);
    if (reason.isBlank()) {
      throw new IllegalTransitionException("reopen", s.status, "a reopened case needs a reason");
    }
    s.resolution = null;
    move("reopened", CaseStatus.IN_PROGRESS, actor, reason, at);
    return List.of(
        new CaseEvent.CaseReopened(
            eventId(), at, id, s.ticket, s.agencyCode, s.status, reason, actor));
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
    if (!open.contains(s.status)) {
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
  public List<CaseEvent> advancePpid(
      Agency agency, String step, String actor, String actorRole, Instant at) {
    allow(Action.ADVANCE_PPID);
    ppidOnly(Action.ADVANCE_PPID);
    Agency.Ppid ppid = agency.rules().ppid();
    List<String> steps = ppid.steps();
    if (s.ppidStep != null && !ppid.mayTake(s.ppidStep, actorRole)) {
      throw new StepRefusedException(
          Action.ADVANCE_PPID.wireName(),
          s.ppidStep,
          actorRole,
          ppid.takenBy().getOrDefault(s.ppidStep, List.of()));
    }
    int current = s.ppidStep == null ? -1 : steps.indexOf(s.ppidStep);
    if (current + 1 >= steps.size()) {
      throw new IllegalTransitionException(
          "advance-ppid", s.status, "the request is at its last step " + s.ppidStep + " already");
    }
    String next = steps.get(current + 1);
    if (!next.equals(step)) {
      throw new IllegalTransitionException(
          "advance-ppid",
          s.status,
          "the next step after " + s.ppidStep + " is " + next + ", not " + step);
    }
    String before = s.ppidStep;
    s.ppidStep = step;
    CaseStatus from = move("ppid-step", CaseStatus.IN_PROGRESS, actor, before + " -> " + step, at);
    return List.of(
        new CaseEvent.CaseStatusChanged(
            eventId(), at, id, s.ticket, s.agencyCode, s.status, from, "PPID step " + step, actor));
  }

  /**
   * Extends the completion deadline once, by what the case's SLA class allows (the statutory PPID
   * class: 7 working days). The requester is told why.
   */
  public List<CaseEvent> extendDeadline(Agency agency, String reason, String actor, Instant at) {
    allow(Action.EXTEND_DEADLINE);
    if (reason.isBlank()) {
      throw new IllegalTransitionException(
          "extend-deadline", s.status, "an extension needs a reason");
    }
    Agency.Stage stage =
        agency
            .rules()
            .slaClass(s.slaClass == null ? "" : s.slaClass)
            .flatMap(c -> c.stage("completion"))
            .filter(s -> s.extension() > 0)
            .orElseThrow(
                () ->
                    new IllegalTransitionException(
                        "extend-deadline",
                        s.status,
                        "SLA class "
                            + s.slaClass
                            + " of "
                            + agency.code()
                            + " allows no extension"));
    if (s.timeline.stream().anyMatch(a -> a.action().equals("deadline-extended"))) {
      throw new IllegalTransitionException(
          "extend-deadline", s.status, "the deadline was extended once already");
    }
    move("deadline-extended", s.status, actor, reason, at);
    return List.of(
        new CaseEvent.CaseDeadlineExtended(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            stage.name(),
            stage.extension(),
            stage.unit(),
            reason,
            s.replyAddress,
            actor));
  }

  /** Granted: the information is handed over and the proof of delivery recorded. */
  public List<CaseEvent> grantInformation(
      Agency agency, CaseEvent.ResolutionRecord record, String actor, Instant at) {
    allow(Action.GRANT_INFORMATION);
    atLastPpidStep(agency, Action.GRANT_INFORMATION);
    if (record.proofOfDelivery() == null || record.proofOfDelivery().isBlank()) {
      throw new IllegalTransitionException(
          "grant-information", s.status, "a granted request needs its proof of delivery");
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
          "refuse-information", s.status, "exempt information is refused with its legal reason");
    }
    if (agency.rules().ppid().consequenceTest()) {
      AuditEntry test = lastConsequenceTest();
      if (test == null) {
        throw new IllegalTransitionException(
            "refuse-information",
            s.status,
            "uji konsekuensi belum dicatat: catat dulu uji konsekuensi"
                + " (POST .../consequence-test) / no consequence test is recorded: record it first");
      }
      if (test.reason() == null || !test.reason().startsWith(ConsequenceTest.EXEMPT + ":")) {
        throw new IllegalTransitionException(
            "refuse-information",
            s.status,
            "uji konsekuensi terakhir menyimpulkan informasi dapat dibuka, bukan dikecualikan /"
                + " the last consequence test found the information may be disclosed, not exempt");
      }
    }
    return rejected("information-refused", "EXEMPT_INFORMATION", legalBasis, legalBasis, actor, at);
  }

  /**
   * The consequence test (uji konsekuensi, UU 14/2008 Pasal 19) of an information request: who
   * tested, when, the exemption considered and whether disclosing would cause the harm it protects
   * against ({@code EXEMPT}) or not ({@code DISCLOSE}), with the reasoning. Kept on the timeline;
   * where the agency requires it, a request is refused as exempt only after one that found {@code
   * EXEMPT}.
   */
  public record ConsequenceTest(
      LocalDate date, List<String> testedBy, String exemption, String result, String reasoning) {

    public static final String EXEMPT = "EXEMPT";
    public static final String DISCLOSE = "DISCLOSE";

    public ConsequenceTest {
      testedBy = List.copyOf(testedBy);
    }

    /** The timeline entry's text: the result first (what the refusal reads), then the record. */
    String entry() {
      return result
          + ": "
          + date
          + "; oleh / by "
          + String.join(", ", testedBy)
          + "; pengecualian / exemption: "
          + exemption
          + "; alasan / reasoning: "
          + reasoning;
    }
  }

  /** Records the consequence test of this information request on its timeline. */
  public List<CaseEvent> recordConsequenceTest(
      ConsequenceTest test, String actor, Instant at, LocalDate today) {
    allow(Action.CONSEQUENCE_TEST);
    ppidOnly(Action.CONSEQUENCE_TEST);
    if (!ConsequenceTest.EXEMPT.equals(test.result())
        && !ConsequenceTest.DISCLOSE.equals(test.result())) {
      throw new IllegalArgumentException(
          "hasil uji konsekuensi harus EXEMPT atau DISCLOSE / the result must be EXEMPT or"
              + " DISCLOSE, not "
              + test.result());
    }
    notBlank(test.exemption(), "exemption", "pengecualian");
    notBlank(test.reasoning(), "reasoning", "alasan");
    notEmpty(test.testedBy(), "testedBy", "penguji");
    notLater(test.date(), today);
    s.timeline.add(
        new AuditEntry(
            at, actor, Action.CONSEQUENCE_TEST.wireName(), s.status, s.status, test.entry()));
    return List.of();
  }

  private @Nullable AuditEntry lastConsequenceTest() {
    AuditEntry last = null;
    for (AuditEntry e : s.timeline) {
      if (e.action().equals(Action.CONSEQUENCE_TEST.wireName())) {
        last = e;
      }
    }
    return last;
  }

  /**
   * A field investigation (investigasi / peninjauan lapangan): when, by which officers, what was
   * found, and the photos among the files already on the case (by attachment id or stored id).
   */
  public record FieldInvestigation(
      LocalDate date, List<String> officers, String findings, List<String> photos) {

    public FieldInvestigation {
      officers = List.copyOf(officers);
      photos = photos == null ? List.of() : List.copyOf(photos);
    }

    String entry() {
      return date
          + "; petugas / officers: "
          + String.join(", ", officers)
          + "; temuan / findings: "
          + findings
          + (photos.isEmpty() ? "" : "; foto / photos: " + String.join(", ", photos));
    }
  }

  /**
   * Records a field investigation on the case's timeline, where the agency's standard names it
   * ({@code handling.fieldInvestigation}); its photos must be files of the case.
   */
  public List<CaseEvent> recordFieldInvestigation(
      Agency agency, FieldInvestigation visit, String actor, Instant at, LocalDate today) {
    allow(Action.FIELD_INVESTIGATION);
    if (!agency.rules().handling().fieldInvestigation()) {
      throw new IllegalTransitionException(
          Action.FIELD_INVESTIGATION.wireName(),
          s.status,
          "standar layanan instansi ini tidak mengatur investigasi lapangan / the agency's"
              + " standard names no field investigation");
    }
    notBlank(visit.findings(), "findings", "temuan");
    notEmpty(visit.officers(), "officers", "petugas");
    notLater(visit.date(), today);
    Set<String> files = new java.util.HashSet<>();
    for (CaseState.Message m : s.messages) {
      for (CaseState.FileInfo f : m.files()) {
        if (f.attachmentId() != null) {
          files.add(f.attachmentId());
        }
        if (f.storageRef() != null) {
          files.add(f.storageRef());
        }
      }
    }
    List<String> unknown = visit.photos().stream().filter(p -> !files.contains(p)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "foto bukan berkas aduan ini / photos that are not files of this case: " + unknown);
    }
    s.timeline.add(
        new AuditEntry(
            at, actor, Action.FIELD_INVESTIGATION.wireName(), s.status, s.status, visit.entry()));
    return List.of();
  }

  /**
   * The head's disposition (disposisi pimpinan): whether the complaint can be handled and, when it
   * can, {@link CaseEvent.CaseDispositioned#FACE_TO_FACE} at {@code time} in {@code place} or
   * {@link CaseEvent.CaseDispositioned#ONLINE} at {@code time} by {@code method}; when it cannot,
   * {@code reason} (and {@code reasonCode}, one of {@link #REJECTION_CODES}, {@code OTHER} when
   * absent).
   */
  public record Disposition(
      boolean handled,
      @Nullable String mode,
      @Nullable Instant time,
      @Nullable String place,
      @Nullable String method,
      @Nullable String reasonCode,
      @Nullable String reason) {

    /** The timeline entry's reason: values an officer UI puts into words (web/TimelineView). */
    String entry() {
      if (!handled) {
        return NOT_HANDLED + " " + reason;
      }
      return mode
          + " "
          + time
          + " "
          + (CaseEvent.CaseDispositioned.FACE_TO_FACE.equals(mode) ? place : method);
    }

    /** The timeline entry's reason back as a disposition; null when it is not one. */
    public static @Nullable Disposition parse(@Nullable String entry) {
      if (entry == null) {
        return null;
      }
      String[] parts = entry.split(" ", 3);
      if (parts[0].equals(NOT_HANDLED)) {
        return new Disposition(
            false,
            null,
            null,
            null,
            null,
            null,
            entry.length() > NOT_HANDLED.length() ? entry.substring(NOT_HANDLED.length() + 1) : "");
      }
      if (parts.length < 3) {
        return null;
      }
      Instant time;
      try {
        time = Instant.parse(parts[1]);
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
      return switch (parts[0]) {
        case CaseEvent.CaseDispositioned.FACE_TO_FACE ->
            new Disposition(true, parts[0], time, parts[2], null, null, null);
        case CaseEvent.CaseDispositioned.ONLINE ->
            new Disposition(true, parts[0], time, null, parts[2], null, null);
        default -> null;
      };
    }
  }

  /** The first word of a disposition's timeline entry that decided the complaint is not handled. */
  public static final String NOT_HANDLED = "NOT_HANDLED";

  /**
   * The head's disposition of a complaint (Buton, "Prosedur 2"): kept on the timeline, told to the
   * citizen ({@code CaseDispositioned}); the state does not change when the complaint is handled (a
   * later disposition replaces it until the case is in progress). Not handled: the case is rejected
   * with the reason, as {@link #reject} does.
   *
   * @throws IllegalArgumentException a disposition that lacks its time, place, method or reason, or
   *     names a time that has passed (the message in Bahasa Indonesia and English)
   */
  public List<CaseEvent> disposition(Disposition d, String actor, Instant at) {
    allow(Action.DISPOSITION);
    complaintOnly(Action.DISPOSITION);
    String code = d.reasonCode() == null ? "OTHER" : d.reasonCode();
    if (d.handled()) {
      validHandling(d, at);
    } else {
      notBlank(d.reason(), "reason", "alasan tidak dapat ditangani");
      if (!REJECTION_CODES.contains(code)) {
        throw new IllegalArgumentException(
            "kode alasan tidak dikenal / unknown reason code " + code + " " + REJECTION_CODES);
      }
    }
    CaseStatus from = s.status;
    s.timeline.add(new AuditEntry(at, actor, Action.DISPOSITION.wireName(), from, from, d.entry()));
    List<CaseEvent> events = new ArrayList<>();
    events.add(
        new CaseEvent.CaseDispositioned(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            d.handled(),
            d.handled() ? d.mode() : null,
            d.handled() ? d.time() : null,
            d.handled() ? d.place() : null,
            d.handled() ? d.method() : null,
            d.handled() ? null : d.reason(),
            s.replyAddress,
            actor));
    if (!d.handled()) {
      events.addAll(reject(code, d.reason(), actor, at));
    }
    return List.copyOf(events);
  }

  private static void validHandling(Disposition d, Instant at) {
    if (!CaseEvent.CaseDispositioned.FACE_TO_FACE.equals(d.mode())
        && !CaseEvent.CaseDispositioned.ONLINE.equals(d.mode())) {
      throw new IllegalArgumentException(
          "cara penanganan wajib dipilih: tatap muka (FACE_TO_FACE) atau daring (ONLINE) / the"
              + " mode is required: FACE_TO_FACE or ONLINE");
    }
    if (d.time() == null) {
      throw new IllegalArgumentException(
          "waktu penanganan wajib diisi / the time of handling is required");
    }
    if (!d.time().isAfter(at)) {
      throw new IllegalArgumentException(
          "waktu penanganan "
              + d.time()
              + " sudah lewat / the time of handling "
              + d.time()
              + " has passed");
    }
    if (CaseEvent.CaseDispositioned.FACE_TO_FACE.equals(d.mode())) {
      notBlank(d.place(), "place (face to face)", "tempat (tatap muka)");
    } else {
      notBlank(d.method(), "method (online, e.g. a video-call link or phone)", "metode (daring)");
    }
  }

  /** The last disposition of the case, if it decided the complaint is handled. */
  public @Nullable Disposition handledDisposition() {
    Disposition last = null;
    for (AuditEntry e : s.timeline) {
      if (e.action().equals(Action.DISPOSITION.wireName())) {
        last = Disposition.parse(e.reason());
      }
    }
    return last != null && last.handled() ? last : null;
  }

  /**
   * Files brought to the desk or attached by an officer, already kept in the case service's own
   * store (docs/adr/0052): one inbound front-desk message holding them, a timeline entry (how many,
   * and the requirements they are labelled with; never their names), and the completeness check run
   * again, so a case waiting for a KK scan goes on as when the citizen sends it.
   */
  public List<CaseEvent> attachFiles(
      Agency agency, List<CaseState.FileInfo> files, String actor, Instant at, LocalDate today) {
    allow(Action.ATTACH_FILES);
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "berkas wajib dilampirkan / at least one file is required");
    }
    List<String> labels =
        files.stream().map(CaseState.FileInfo::requirement).filter(Objects::nonNull).toList();
    checkDeskRequirements(agency, labels);
    s.messages.add(
        new CaseState.Message(
            eventId(),
            Channel.FRONT_DESK,
            "INBOUND",
            null,
            null,
            at,
            files.stream().map(CaseState.FileInfo::attachmentId).toList(),
            files));
    s.timeline.add(
        new AuditEntry(
            at,
            actor,
            Action.ATTACH_FILES.wireName(),
            s.status,
            s.status,
            files.size() + (labels.isEmpty() ? "" : ": " + String.join(",", labels))));
    return recheck(agency, state().evidence(), actor, at, today);
  }

  /**
   * An officer saw the originals of these requirements at the desk and handed them back (a KK, a
   * KTP): they count as satisfied from now on; a timeline entry, and the completeness check again.
   */
  public List<CaseEvent> presentedAtDesk(
      Agency agency, List<String> requirementIds, String actor, Instant at, LocalDate today) {
    allow(Action.PRESENTED_AT_DESK);
    if (requirementIds.isEmpty()) {
      throw new IllegalArgumentException(
          "sebutkan persyaratan yang ditunjukkan / name at least one requirement");
    }
    checkDeskRequirements(agency, requirementIds);
    Set<String> presented = new java.util.LinkedHashSet<>(state().presented());
    presented.addAll(requirementIds);
    Map<String, String> form = new java.util.LinkedHashMap<>(s.form);
    form.put(CaseState.PRESENTED, String.join(",", presented));
    s.form = form;
    s.timeline.add(
        new AuditEntry(
            at,
            actor,
            Action.PRESENTED_AT_DESK.wireName(),
            s.status,
            s.status,
            String.join(",", requirementIds)));
    return recheck(agency, state().evidence(), actor, at, today);
  }

  /**
   * Refuses (400) requirement ids that are not a document or NIK requirement of the agency's file:
   * only those can be satisfied by a file or an original presented at the desk.
   */
  public static void checkDeskRequirements(Agency agency, java.util.Collection<String> ids) {
    Set<String> known = new java.util.HashSet<>();
    for (Agency.Requirement r : agency.rules().intake()) {
      if (r.kind().equals("document") || r.kind().equals("nik")) {
        known.add(r.id());
      }
    }
    List<String> unknown = ids.stream().filter(id -> !known.contains(id)).distinct().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "bukan persyaratan dokumen instansi ini / not a document requirement of the agency: "
              + unknown
              + " ("
              + String.join(", ", known.stream().sorted().toList())
              + ")");
    }
  }

  /**
   * A field investigation with photos taken there, uploaded with it and already kept in the case
   * service's own store: they join the case as an internal message of their own (never the
   * citizen's evidence) and the visit names them among its photos.
   */
  public List<CaseEvent> recordFieldInvestigation(
      Agency agency,
      FieldInvestigation visit,
      List<CaseState.FileInfo> newPhotos,
      String actor,
      Instant at,
      LocalDate today) {
    if (newPhotos.isEmpty()) {
      return recordFieldInvestigation(agency, visit, actor, at, today);
    }
    List<String> ids = newPhotos.stream().map(CaseState.FileInfo::attachmentId).toList();
    s.messages.add(
        new CaseState.Message(
            eventId(), Channel.FRONT_DESK, INTERNAL, null, null, at, ids, newPhotos));
    List<String> photos = new ArrayList<>(visit.photos());
    photos.addAll(ids);
    return recordFieldInvestigation(
        agency,
        new FieldInvestigation(visit.date(), visit.officers(), visit.findings(), photos),
        actor,
        at,
        today);
  }

  /** The direction of a message officers keep on the case for themselves (field photos). */
  public static final String INTERNAL = "INTERNAL";

  private static void notBlank(@Nullable String value, String field, String kolom) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(kolom + " wajib diisi / " + field + " is required");
    }
  }

  private static void notEmpty(List<String> values, String field, String kolom) {
    if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(kolom + " wajib diisi / " + field + " is required");
    }
  }

  private static void notLater(LocalDate date, LocalDate today) {
    if (date.isAfter(today)) {
      throw new IllegalArgumentException(
          "tanggal " + date + " belum terjadi / the date " + date + " is in the future");
    }
  }

  /**
   * SP4N-LAPOR!: an answered report closes when its reporter has not replied within LAPOR!'s
   * closing time. Only an answered case closes; one the reporter took up again stays open.
   */
  public List<CaseEvent> closeWithoutReply(Instant at) {
    if (s.status != CaseStatus.ANSWERED || s.channel != Channel.LAPOR) {
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
          action, s.status, "the berita acara names what was done and by whom");
    }
    s.resolution = record;
    move(action, CaseStatus.RESOLVED, actor, summary, at);
    return List.of(
        new CaseEvent.CaseResolved(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            summary,
            s.replyAddress,
            actor,
            record,
            s.otherReporters));
  }

  private List<CaseEvent> rejected(
      String action, String code, String reason, String auditReason, String actor, Instant at) {
    if (reason.isBlank()) {
      throw new IllegalTransitionException(action, s.status, "a rejection needs a reason");
    }
    s.rejectionCode = code;
    s.rejectionReason = reason;
    move(action, CaseStatus.REJECTED, actor, code + ": " + auditReason, at);
    return List.of(
        new CaseEvent.CaseRejected(
            eventId(),
            at,
            id,
            s.ticket,
            s.agencyCode,
            s.status,
            code,
            reason,
            s.replyAddress,
            actor));
  }

  /** Moves the case to {@code to} and writes the audit entry; returns the state it came from. */
  private CaseStatus move(
      String action, CaseStatus to, String actor, @Nullable String reason, Instant at) {
    CaseStatus from = s.status;
    s.status = to;
    s.timeline.add(new AuditEntry(at, actor, action, from, to, reason));
    return from;
  }

  private CaseEvent changeStatus(
      String action, CaseStatus to, String actor, @Nullable String reason, Instant at) {
    CaseStatus from = move(action, to, actor, reason, at);
    return new CaseEvent.CaseStatusChanged(
        eventId(), at, id, s.ticket, s.agencyCode, to, from, reason, actor);
  }

  private void allow(Action action) {
    Set<CaseStatus> from = action.allowedFrom();
    if (!from.contains(s.status)) {
      throw new IllegalTransitionException(
          action.wireName(), s.status, "allowed only from " + from);
    }
  }

  private void complaintOnly(Action action) {
    if (s.caseType == CaseType.INFORMATION_REQUEST) {
      throw new IllegalTransitionException(
          action.wireName(), s.status, "an information request follows the PPID steps instead");
    }
  }

  private void ppidOnly(Action action) {
    if (s.caseType != CaseType.INFORMATION_REQUEST) {
      throw new IllegalTransitionException(
          action.wireName(), s.status, "only an information request (PPID) has PPID steps");
    }
  }

  private void atLastPpidStep(Agency agency, Action action) {
    ppidOnly(action);
    List<String> steps = agency.rules().ppid().steps();
    if (!steps.getLast().equals(s.ppidStep)) {
      throw new IllegalTransitionException(
          action.wireName(),
          s.status,
          "the request is decided after " + steps.getLast() + ", it is at " + s.ppidStep);
    }
  }

  private static String eventId() {
    return UUID.randomUUID().toString();
  }

  public String id() {
    return id;
  }

  public String ticket() {
    return s.ticket;
  }

  public String agencyCode() {
    return s.agencyCode;
  }

  public CaseStatus status() {
    return s.status;
  }

  public CaseType caseType() {
    return s.caseType;
  }

  public Channel channel() {
    return s.channel;
  }

  public @Nullable ReplyAddress replyAddress() {
    return s.replyAddress;
  }

  public List<String> missing() {
    return s.missing;
  }

  public List<String> invalid() {
    return s.invalid;
  }

  public @Nullable String ppidStep() {
    return s.ppidStep;
  }

  public @Nullable String division() {
    return s.division;
  }

  public @Nullable String slaClass() {
    return s.slaClass;
  }

  public @Nullable String mergedIntoTicket() {
    return s.mergedIntoTicket;
  }

  public List<ReplyAddress> otherReporters() {
    return List.copyOf(s.otherReporters);
  }

  public @Nullable Survey survey() {
    return s.survey;
  }

  public List<AuditEntry> audit() {
    return List.copyOf(s.timeline);
  }

  /** Open cases take citizen messages; closed ones (and merged ones) do not. */
  public boolean open() {
    return !EnumSet.of(
            CaseStatus.RESOLVED, CaseStatus.ARCHIVED, CaseStatus.REJECTED, CaseStatus.MERGED)
        .contains(s.status);
  }
}
