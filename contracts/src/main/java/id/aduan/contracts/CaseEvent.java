package id.aduan.contracts;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A fact about a case, on {@link Topics#CASES_EVENTS}, keyed by case id. Every event carries the
 * case's status after it. {@code actor} is an officer's user name, or {@code system}.
 */
public sealed interface CaseEvent {
  String eventId();

  Instant occurredAt();

  String caseId();

  String ticket();

  String agencyCode();

  CaseStatus status();

  /**
   * A new case. {@code receivedAt} is when the citizen's message or letter arrived; deadlines count
   * from it. {@code replyAddress} is null for front-desk cases without a reachable channel. {@code
   * intakeCheck} (added later) is what the first completeness check at opening asked for when it
   * asked for something: the {@link InformationRequested} that follows at the same moment names
   * this event in {@code announcedWith}, so the acknowledgement and the request reach the citizen
   * as one message. Null when nothing was asked, and in events written before it existed.
   */
  record CaseOpened(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      Channel channel,
      String intakeMode,
      CaseType caseType,
      @Nullable String slaClass,
      Instant receivedAt,
      @Nullable ReplyAddress replyAddress,
      @Nullable String sourceMessageId,
      String language,
      @Nullable IntakeCheck intakeCheck)
      implements CaseEvent {

    /** A case opened without (or before) its intake check's outcome. */
    public CaseOpened(
        String eventId,
        Instant occurredAt,
        String caseId,
        String ticket,
        String agencyCode,
        CaseStatus status,
        Channel channel,
        String intakeMode,
        CaseType caseType,
        @Nullable String slaClass,
        Instant receivedAt,
        @Nullable ReplyAddress replyAddress,
        @Nullable String sourceMessageId,
        String language) {
      this(
          eventId,
          occurredAt,
          caseId,
          ticket,
          agencyCode,
          status,
          channel,
          intakeMode,
          caseType,
          slaClass,
          receivedAt,
          replyAddress,
          sourceMessageId,
          language,
          null);
    }

    /** The same event carrying what the intake check at opening asked for. */
    public CaseOpened withIntakeCheck(@Nullable IntakeCheck check) {
      return new CaseOpened(
          eventId,
          occurredAt,
          caseId,
          ticket,
          agencyCode,
          status,
          channel,
          intakeMode,
          caseType,
          slaClass,
          receivedAt,
          replyAddress,
          sourceMessageId,
          language,
          check);
    }
  }

  /**
   * What the intake check at a case's opening asked the citizen for ({@code missing}: requirement
   * ids of the agency; {@code invalid}: reason codes, as on {@link InformationRequested}) and the
   * id of the {@link InformationRequested} event that records it.
   */
  record IntakeCheck(List<String> missing, List<String> invalid, String requestEventId) {

    public IntakeCheck {
      missing = missing == null ? List.of() : List.copyOf(missing);
      invalid = invalid == null ? List.of() : List.copyOf(invalid);
    }
  }

  /** A citizen message joined an existing case (the WhatsApp window counts from it). */
  record CitizenMessageAdded(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      String messageId,
      Instant receivedAt,
      @Nullable ReplyAddress replyAddress)
      implements CaseEvent {}

  /**
   * Something the agency's intake requirements ask for is missing: the case waits and its SLA
   * clocks pause. {@code missing} holds the ids of the agency's intake requirements (their labels,
   * in Bahasa Indonesia and English, are in the agency file); {@code invalid} holds what the
   * citizen sent that failed a check, as reason codes (e.g. {@code nik:birth-date}), never the
   * value itself. {@code announcedWith} (added later) is the id of the {@link CaseOpened} whose
   * {@code intakeCheck} already carries this request (the check at opening): the citizen is told
   * once, with the acknowledgement; null otherwise and in events written before it existed.
   */
  record InformationRequested(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      List<String> missing,
      @Nullable ReplyAddress replyAddress,
      String actor,
      List<String> invalid,
      @Nullable String announcedWith)
      implements CaseEvent {

    public InformationRequested {
      missing = missing == null ? List.of() : List.copyOf(missing);
      invalid = invalid == null ? List.of() : List.copyOf(invalid);
    }

    /** A request told to the citizen on its own. */
    public InformationRequested(
        String eventId,
        Instant occurredAt,
        String caseId,
        String ticket,
        String agencyCode,
        CaseStatus status,
        List<String> missing,
        @Nullable ReplyAddress replyAddress,
        String actor,
        List<String> invalid) {
      this(
          eventId,
          occurredAt,
          caseId,
          ticket,
          agencyCode,
          status,
          missing,
          replyAddress,
          actor,
          invalid,
          null);
    }

    /** The same request, already told to the citizen with the {@code CaseOpened} {@code id}. */
    public InformationRequested announcedWith(String openedEventId) {
      return new InformationRequested(
          eventId,
          occurredAt,
          caseId,
          ticket,
          agencyCode,
          status,
          missing,
          replyAddress,
          actor,
          invalid,
          openedEventId);
    }
  }

  /** The citizen supplied what was missing: the case resumes. */
  record InformationReceived(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status)
      implements CaseEvent {}

  record CaseClassified(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      CaseType caseType,
      @Nullable String slaClass,
      @Nullable String topic,
      @Nullable String division,
      double confidence,
      boolean unsure,
      @Personal List<String> explanation,
      String actor)
      implements CaseEvent {

    /**
     * The actor of the classifier's proposal at intake. A proposal is not a decision: the case's
     * type, class and division stay as they were until an officer classifies, so consumers that
     * follow the case (deadlines, notifications) ignore it.
     */
    public static final String PROPOSER = "classifier";

    /** Whether this is the classifier's proposal rather than an officer's decision. */
    public boolean proposal() {
      return PROPOSER.equals(actor);
    }
  }

  record CaseRouted(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      String division,
      String actor)
      implements CaseEvent {}

  record CaseAssigned(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      String division,
      String officer,
      String actor)
      implements CaseEvent {}

  /** Any other change of status (verified, in progress, archived) with who and why. */
  record CaseStatusChanged(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      CaseStatus from,
      @Personal @Nullable String reason,
      String actor)
      implements CaseEvent {}

  /**
   * An officer's answer to the citizen, to be delivered on {@code replyAddress} and to every other
   * reporter of the same matter ({@code alsoNotify}: the reporters of cases merged into this one).
   */
  record CaseAnswered(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      @Personal String text,
      @Nullable ReplyAddress replyAddress,
      String actor,
      List<ReplyAddress> alsoNotify)
      implements CaseEvent {

    public CaseAnswered {
      alsoNotify = alsoNotify == null ? List.of() : List.copyOf(alsoNotify);
    }
  }

  /**
   * Resolved with a resolution record (berita acara); {@code alsoNotify} as on {@link
   * CaseAnswered}. {@code record} is null only in events written before it existed. {@code
   * beritaAcara} is the public, expiring download link of the berita acara for the reporter, set
   * only where the agency's standard sends it ({@code aftercare.sendBeritaAcara}, docs/adr/0055).
   */
  record CaseResolved(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      @Personal String summary,
      @Nullable ReplyAddress replyAddress,
      String actor,
      @Nullable ResolutionRecord record,
      List<ReplyAddress> alsoNotify,
      @Nullable DocumentLink beritaAcara)
      implements CaseEvent {

    public CaseResolved {
      alsoNotify = alsoNotify == null ? List.of() : List.copyOf(alsoNotify);
    }

    /** Without a link to the berita acara. */
    public CaseResolved(
        String eventId,
        Instant occurredAt,
        String caseId,
        String ticket,
        String agencyCode,
        CaseStatus status,
        String summary,
        @Nullable ReplyAddress replyAddress,
        String actor,
        @Nullable ResolutionRecord record,
        List<ReplyAddress> alsoNotify) {
      this(
          eventId,
          occurredAt,
          caseId,
          ticket,
          agencyCode,
          status,
          summary,
          replyAddress,
          actor,
          record,
          alsoNotify,
          null);
    }

    /** The same event carrying the berita acara's download link. */
    public CaseResolved withBeritaAcara(DocumentLink link) {
      return new CaseResolved(
          eventId,
          occurredAt,
          caseId,
          ticket,
          agencyCode,
          status,
          summary,
          replyAddress,
          actor,
          record,
          alsoNotify,
          link);
    }
  }

  /**
   * A public download link of one of the case's documents: no login, unguessable (signed), valid
   * until {@code expiresAt}.
   */
  record DocumentLink(String url, Instant expiresAt) {}

  /**
   * The berita acara: what was done, by whom, when, with which attachments, and how the citizen was
   * told. {@code proofOfDelivery} is the receipt of a granted public-information request (PPID).
   */
  record ResolutionRecord(
      @Personal String whatWasDone,
      List<String> doneBy,
      Instant doneAt,
      List<String> attachmentIds,
      String citizenInformedVia,
      @Personal @Nullable String proofOfDelivery) {

    public ResolutionRecord {
      doneBy = doneBy == null ? List.of() : List.copyOf(doneBy);
      attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }
  }

  /**
   * Rejected with a reason. {@code reasonCode} NOT_AUTHORITY on a LAPOR! case means it is returned
   * to LAPOR!'s national admin.
   */
  record CaseRejected(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      String reasonCode,
      @Personal String reason,
      @Nullable ReplyAddress replyAddress,
      String actor)
      implements CaseEvent {}

  record CaseMerged(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      String survivorCaseId,
      String survivorTicket,
      String actor)
      implements CaseEvent {}

  record CaseReopened(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      @Personal String reason,
      String actor)
      implements CaseEvent {}

  /**
   * A deadline of the case was extended as its SLA class allows, once (e.g. a public-information
   * request by 7 working days, UU 14/2008 art. 22(8)); the requester is told why on {@code
   * replyAddress}. {@code unit} is {@code WORKING_DAYS}, {@code CALENDAR_DAYS} or {@code HOURS}.
   */
  record CaseDeadlineExtended(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      String stage,
      int extension,
      String unit,
      @Personal String reason,
      @Nullable ReplyAddress replyAddress,
      String actor)
      implements CaseEvent {}

  /**
   * The citizen answered the satisfaction survey sent after the resolution: a rating from 1 (very
   * dissatisfied) to 5 (very satisfied) and what else they wrote. Stored on the case; the case
   * stays resolved.
   */
  record SurveyAnswered(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      int rating,
      @Personal @Nullable String comment,
      String messageId)
      implements CaseEvent {}

  /**
   * The head's disposition (disposisi pimpinan, Buton's "Prosedur 2"): whether the complaint can be
   * handled and, when it can, how: {@code mode} {@link #FACE_TO_FACE} at {@code scheduledAt} in
   * {@code place}, or {@link #ONLINE} at {@code scheduledAt} by {@code method} (a video-call link,
   * a phone call). Not handled: {@code reason} says why, and a {@link CaseRejected} follows at the
   * same moment (it tells the citizen). The citizen is told a handled disposition on {@code
   * replyAddress}; the start-of-handling clock stops at it. Added to the contract later: readers
   * that do not know it ignore it.
   */
  record CaseDispositioned(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      CaseStatus status,
      boolean handled,
      @Nullable String mode,
      @Nullable Instant scheduledAt,
      @Personal @Nullable String place,
      @Personal @Nullable String method,
      @Personal @Nullable String reason,
      @Nullable ReplyAddress replyAddress,
      String actor)
      implements CaseEvent {

    /** Handled face to face (tatap muka langsung), at a time and place. */
    public static final String FACE_TO_FACE = "FACE_TO_FACE";

    /** Handled online (daring), at a time and by a method. */
    public static final String ONLINE = "ONLINE";
  }

  /**
   * A citizen asked on their own channel how their case stands ("cek BDG-2026-000123", "status",
   * "gimana aduan saya"; docs/adr/0053). Nothing on any case changes: the message joins no case,
   * reopens nothing and moves no clock. {@code cases} lists what may be told to the asker, only
   * cases of which they are the reporter; it is empty when nothing may be told (no case of theirs
   * under the number they named, or no open case on their identity): then {@code caseId} is the
   * query's own id, {@code ticket} the number they named (or empty) and {@code status} null.
   * Otherwise {@code caseId}, {@code ticket} and {@code status} are those of the first case listed.
   *
   * @param messageId the provider's id of the asking message (the answer quotes it)
   * @param receivedAt when the asking message arrived (the WhatsApp window counts from it)
   * @param askedTicket the ticket number the message named, if any
   * @param language the language of the asker's case (the agency's when none is told)
   */
  record CaseStatusRequested(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      @Nullable CaseStatus status,
      ReplyAddress replyAddress,
      String messageId,
      Instant receivedAt,
      @Nullable String askedTicket,
      List<StatusLine> cases,
      String language)
      implements CaseEvent {

    public CaseStatusRequested {
      cases = cases == null ? List.of() : List.copyOf(cases);
    }

    /** Whether anything about a case may be told to the asker. */
    public boolean found() {
      return !cases.isEmpty();
    }
  }

  /**
   * One case as a status answer shows it to its reporter: no text, division or officer.
   *
   * @param nextDeadline the earliest deadline still running that citizens are shown (as on the
   *     public status page), null when none runs
   */
  record StatusLine(
      String ticket, CaseStatus status, Instant receivedAt, @Nullable Instant nextDeadline) {}
}
