package id.aduan.cases.persistence;

import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.Classifier;
import id.aduan.cases.domain.Completeness;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.messaging.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A case as stored. Events the case caused and that are not yet on Kafka ride in {@code outbox} (an
 * embedded outbox: one document, one atomic write; see docs/adr/0002-embedded-outbox.md).
 */
@Document("cases")
public record CaseDocument(
    @Id String id,
    String ticket,
    String agencyCode,
    CaseStatus status,
    CaseType caseType,
    Channel channel,
    String intakeMode,
    Instant receivedAt,
    Instant openedAt,
    @Nullable ReplyAddress replyAddress,
    @Nullable String citizenName,
    List<Message> messages,
    Map<String, Deadline> deadlines,
    List<TimelineEntry> timeline,
    List<Outbox.Entry> outbox,
    boolean outboxPending,
    @Version @Nullable Long version,
    @Nullable String slaClass,
    @Nullable String topic,
    @Nullable String division,
    @Nullable String suggestedDivision,
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
    List<DuplicateSuspect> duplicateSuspects,
    Map<String, String> form,
    @Nullable String citizenKey,
    List<String> identityKeys,
    @Nullable Instant lastCitizenMessageAt,
    @Nullable String assignee,
    Case.@Nullable Survey survey,
    Classifier.@Nullable Proposal proposal,
    boolean personalDataUnreadable) {

  /** Missing lists read as empty: documents written before a field existed stay readable. */
  @PersistenceCreator
  public CaseDocument {
    messages = messages == null ? List.of() : List.copyOf(messages);
    deadlines = deadlines == null ? Map.of() : Map.copyOf(deadlines);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    outbox = outbox == null ? List.of() : List.copyOf(outbox);
    missing = missing == null ? List.of() : List.copyOf(missing);
    invalid = invalid == null ? List.of() : List.copyOf(invalid);
    otherReporters = otherReporters == null ? List.of() : List.copyOf(otherReporters);
    mergedTickets = mergedTickets == null ? List.of() : List.copyOf(mergedTickets);
    duplicateSuspects = duplicateSuspects == null ? List.of() : List.copyOf(duplicateSuspects);
    form = form == null ? Map.of() : Map.copyOf(form);
    identityKeys = identityKeys == null ? List.of() : List.copyOf(identityKeys);
  }

  /**
   * The shape before {@code personalDataUnreadable} was added, so that existing callers keep
   * compiling. That flag is never stored: the personal-data codec sets it as a case is read, when a
   * personal value could not be decrypted (docs/adr/0025).
   */
  public CaseDocument(
      String id,
      String ticket,
      String agencyCode,
      CaseStatus status,
      CaseType caseType,
      Channel channel,
      String intakeMode,
      Instant receivedAt,
      Instant openedAt,
      @Nullable ReplyAddress replyAddress,
      @Nullable String citizenName,
      List<Message> messages,
      Map<String, Deadline> deadlines,
      List<TimelineEntry> timeline,
      List<Outbox.Entry> outbox,
      boolean outboxPending,
      @Nullable Long version,
      @Nullable String slaClass,
      @Nullable String topic,
      @Nullable String division,
      @Nullable String suggestedDivision,
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
      List<DuplicateSuspect> duplicateSuspects,
      Map<String, String> form,
      @Nullable String citizenKey,
      List<String> identityKeys,
      @Nullable Instant lastCitizenMessageAt,
      @Nullable String assignee,
      Case.@Nullable Survey survey,
      Classifier.@Nullable Proposal proposal) {
    this(
        id,
        ticket,
        agencyCode,
        status,
        caseType,
        channel,
        intakeMode,
        receivedAt,
        openedAt,
        replyAddress,
        citizenName,
        messages,
        deadlines,
        timeline,
        outbox,
        outboxPending,
        version,
        slaClass,
        topic,
        division,
        suggestedDivision,
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
        duplicateSuspects,
        form,
        citizenKey,
        identityKeys,
        lastCitizenMessageAt,
        assignee,
        survey,
        proposal,
        false);
  }

  /** The shape before {@code assignee} was added, so that existing callers keep compiling. */
  public CaseDocument(
      String id,
      String ticket,
      String agencyCode,
      CaseStatus status,
      CaseType caseType,
      Channel channel,
      String intakeMode,
      Instant receivedAt,
      Instant openedAt,
      @Nullable ReplyAddress replyAddress,
      @Nullable String citizenName,
      List<Message> messages,
      Map<String, Deadline> deadlines,
      List<TimelineEntry> timeline,
      List<Outbox.Entry> outbox,
      boolean outboxPending,
      @Nullable Long version,
      @Nullable String slaClass,
      @Nullable String topic,
      @Nullable String division,
      @Nullable String suggestedDivision,
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
      List<DuplicateSuspect> duplicateSuspects,
      Map<String, String> form,
      @Nullable String citizenKey,
      List<String> identityKeys,
      @Nullable Instant lastCitizenMessageAt) {
    this(
        id,
        ticket,
        agencyCode,
        status,
        caseType,
        channel,
        intakeMode,
        receivedAt,
        openedAt,
        replyAddress,
        citizenName,
        messages,
        deadlines,
        timeline,
        outbox,
        outboxPending,
        version,
        slaClass,
        topic,
        division,
        suggestedDivision,
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
        duplicateSuspects,
        form,
        citizenKey,
        identityKeys,
        lastCitizenMessageAt,
        null,
        null,
        null);
  }

  /** The walking skeleton's shape: a case with no lifecycle details yet. */
  public CaseDocument(
      String id,
      String ticket,
      String agencyCode,
      CaseStatus status,
      CaseType caseType,
      Channel channel,
      String intakeMode,
      Instant receivedAt,
      Instant openedAt,
      @Nullable ReplyAddress replyAddress,
      @Nullable String citizenName,
      List<Message> messages,
      Map<String, Deadline> deadlines,
      List<TimelineEntry> timeline,
      List<Outbox.Entry> outbox,
      boolean outboxPending,
      @Nullable Long version) {
    this(
        id,
        ticket,
        agencyCode,
        status,
        caseType,
        channel,
        intakeMode,
        receivedAt,
        openedAt,
        replyAddress,
        citizenName,
        messages,
        deadlines,
        timeline,
        outbox,
        outboxPending,
        version,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        null,
        List.of(),
        null,
        null,
        null,
        null);
  }

  /** A likely duplicate flagged at intake, for an officer to confirm by merging. */
  public record DuplicateSuspect(
      String caseId, String ticket, double similarity, List<String> reasons) {}

  /** A file of a message: what the completeness check looks at. */
  public record FileInfo(@Nullable String fileName, String mediaType) {}

  /** One citizen or officer message on the case. */
  public record Message(
      String messageId,
      Channel channel,
      String direction,
      @Nullable String providerMessageId,
      @Nullable String text,
      Instant at,
      List<String> attachmentIds,
      List<FileInfo> files) {

    @PersistenceCreator
    public Message {
      attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
      files = files == null ? List.of() : List.copyOf(files);
    }

    public Message(
        String messageId,
        Channel channel,
        String direction,
        @Nullable String providerMessageId,
        @Nullable String text,
        Instant at,
        List<String> attachmentIds) {
      this(messageId, channel, direction, providerMessageId, text, at, attachmentIds, List.of());
    }
  }

  /** A deadline as the SLA service last reported it. */
  public record Deadline(String clock, Instant deadline, String state, Instant updatedAt) {}

  /** An audit entry: who did what, when, from which state and why. */
  public record TimelineEntry(
      Instant at,
      String actor,
      String action,
      @Nullable CaseStatus from,
      CaseStatus to,
      @Nullable String reason) {}

  /** The case as the domain works on it. */
  public Case toCase() {
    return new Case(
        new Case.Snapshot(
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
            timeline.stream()
                .map(
                    t ->
                        new AuditEntry(t.at(), t.actor(), t.action(), t.from(), t.to(), t.reason()))
                .toList(),
            survey));
  }

  /**
   * This document after the domain changed the case: its state, its audit trail and the events to
   * publish appended to the outbox, all in the one document that is written atomically.
   */
  public CaseDocument with(Case c, List<Outbox.Entry> newEvents) {
    Case.Snapshot s = c.snapshot();
    List<Outbox.Entry> pending = new java.util.ArrayList<>(outbox);
    pending.addAll(newEvents);
    return new CaseDocument(
        id,
        ticket,
        agencyCode,
        s.status(),
        s.caseType(),
        channel,
        intakeMode,
        receivedAt,
        openedAt,
        replyAddress,
        citizenName,
        messages,
        deadlines,
        s.audit().stream()
            .map(
                a -> new TimelineEntry(a.at(), a.actor(), a.action(), a.from(), a.to(), a.reason()))
            .toList(),
        pending,
        !pending.isEmpty(),
        version,
        s.slaClass(),
        s.topic(),
        s.division(),
        suggestedDivision,
        s.missing(),
        s.invalid(),
        s.resumeTo(),
        s.ppidStep(),
        s.resolution(),
        s.rejectionCode(),
        s.rejectionReason(),
        s.mergedIntoTicket(),
        s.otherReporters(),
        s.mergedTickets(),
        duplicateSuspects,
        form,
        citizenKey,
        identityKeys,
        lastCitizenMessageAt,
        assignee,
        s.survey(),
        proposal,
        personalDataUnreadable);
  }

  /** The same document with one more citizen message (and the identity it revealed). */
  public CaseDocument withMessage(Message message, List<String> moreIdentityKeys) {
    List<Message> all = new java.util.ArrayList<>(messages);
    all.add(message);
    java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>(identityKeys);
    keys.addAll(moreIdentityKeys);
    return new CaseDocument(
        id,
        ticket,
        agencyCode,
        status,
        caseType,
        channel,
        intakeMode,
        receivedAt,
        openedAt,
        replyAddress,
        citizenName,
        all,
        deadlines,
        timeline,
        outbox,
        outboxPending,
        version,
        slaClass,
        topic,
        division,
        suggestedDivision,
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
        duplicateSuspects,
        form,
        citizenKey,
        List.copyOf(keys),
        message.at().isAfter(lastCitizenMessageAt == null ? Instant.MIN : lastCitizenMessageAt)
            ? message.at()
            : lastCitizenMessageAt,
        assignee,
        survey,
        proposal,
        personalDataUnreadable);
  }

  /** Form keys under which a reporter's wish for anonymity or confidentiality is kept. */
  public static final String ANONYMOUS = "reporterAnonymous";

  public static final String CONFIDENTIAL = "reporterConfidential";

  /** The reporter asked not to be identified (LAPOR! anonim, an unsigned complaint-box slip). */
  public boolean anonymous() {
    return "true".equals(form.get(ANONYMOUS));
  }

  /** The report must not be published (LAPOR! rahasia). */
  public boolean confidential() {
    return "true".equals(form.get(CONFIDENTIAL));
  }

  /** The form entries that carry a reporter's flags, for a case opened from a channel message. */
  public static Map<String, String> reporterFlags(boolean anonymous, boolean confidential) {
    Map<String, String> flags = new java.util.LinkedHashMap<>();
    if (anonymous) {
      flags.put(ANONYMOUS, "true");
    }
    if (confidential) {
      flags.put(CONFIDENTIAL, "true");
    }
    return flags;
  }

  /**
   * This document with an officer's bookkeeping that is not a lifecycle transition (an assignment,
   * an internal note, a reply to the citizen): one more audit entry, perhaps a message and events.
   */
  public CaseDocument withOfficerEntry(
      TimelineEntry entry,
      @Nullable String newAssignee,
      @Nullable Message officerMessage,
      List<Outbox.Entry> newEvents) {
    List<TimelineEntry> moreTimeline = new java.util.ArrayList<>(timeline);
    moreTimeline.add(entry);
    List<Message> moreMessages = new java.util.ArrayList<>(messages);
    if (officerMessage != null) {
      moreMessages.add(officerMessage);
    }
    List<Outbox.Entry> pending = new java.util.ArrayList<>(outbox);
    pending.addAll(newEvents);
    return new CaseDocument(
        id,
        ticket,
        agencyCode,
        status,
        caseType,
        channel,
        intakeMode,
        receivedAt,
        openedAt,
        replyAddress,
        citizenName,
        moreMessages,
        deadlines,
        moreTimeline,
        pending,
        !pending.isEmpty(),
        version,
        slaClass,
        topic,
        division,
        suggestedDivision,
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
        duplicateSuspects,
        form,
        citizenKey,
        identityKeys,
        lastCitizenMessageAt,
        newAssignee == null ? assignee : newAssignee,
        survey,
        proposal,
        personalDataUnreadable);
  }

  /** What the completeness check looks at: every inbound text and file, and the form. */
  public Completeness.Evidence evidence() {
    List<String> texts = new java.util.ArrayList<>();
    List<Completeness.Attachment> files = new java.util.ArrayList<>();
    for (Message m : messages) {
      if (!"INBOUND".equals(m.direction())) {
        continue;
      }
      if (m.text() != null) {
        texts.add(m.text());
      }
      for (FileInfo f : m.files()) {
        files.add(new Completeness.Attachment(f.fileName(), f.mediaType(), m.text()));
      }
    }
    return new Completeness.Evidence(texts, files, form);
  }

  /** All inbound text of the case, for duplicate detection. */
  public String citizenText() {
    StringBuilder text = new StringBuilder();
    for (Message m : messages) {
      if ("INBOUND".equals(m.direction()) && m.text() != null) {
        text.append(m.text()).append('\n');
      }
    }
    if (form.get("description") != null) {
      text.append(form.get("description"));
    }
    return text.toString();
  }
}
