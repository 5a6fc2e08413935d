package id.aduan.cases.domain;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a case is: its lifecycle (status, classification, routing, resolution, audit trail)
 * and what it holds (the conversation and its files, deadlines, the front-desk form, the reporter's
 * identity keys, duplicate suspects, the classifier's proposal, the survey answer). The store keeps
 * it as it is, in an envelope with the id, the version and the outbox ({@code
 * persistence/CaseDocument}, docs/adr/0034); officers' views read it. Changed only through copies:
 * one {@link Builder} holds the only field-by-field restatement.
 */
public record CaseState(
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
    List<AuditEntry> timeline,
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

  /** Missing lists read as empty: documents written before a field existed stay readable. */
  public CaseState {
    messages = messages == null ? List.of() : List.copyOf(messages);
    deadlines = deadlines == null ? Map.of() : Map.copyOf(deadlines);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    missing = missing == null ? List.of() : List.copyOf(missing);
    invalid = invalid == null ? List.of() : List.copyOf(invalid);
    otherReporters = otherReporters == null ? List.of() : List.copyOf(otherReporters);
    mergedTickets = mergedTickets == null ? List.of() : List.copyOf(mergedTickets);
    duplicateSuspects = duplicateSuspects == null ? List.of() : List.copyOf(duplicateSuspects);
    form = form == null ? Map.of() : Map.copyOf(form);
    identityKeys = identityKeys == null ? List.of() : List.copyOf(identityKeys);
  }

  /** A likely duplicate flagged at intake, for an officer to confirm by merging. */
  public record DuplicateSuspect(
      String caseId, String ticket, double similarity, List<String> reasons) {}

  /**
   * A stored file of a message: what the completeness check looks at, and where its bytes are.
   * {@code attachmentId} is the adapter's name for it and {@code storageRef} its GridFS id, by
   * which alone it is served (docs/adr/0028); both are absent on files kept before they were
   * recorded.
   */
  public record FileInfo(
      @Nullable String fileName,
      String mediaType,
      @Nullable String attachmentId,
      @Nullable String storageRef,
      @Nullable String requirement,
      @Nullable String store) {

    /** The store of files the case service keeps itself ({@code persistence/CaseFiles}). */
    public static final String CASE_FILES = "case-files";

    /** A file of a channel's store (the shape before the case kept files of its own). */
    public FileInfo(
        @Nullable String fileName,
        String mediaType,
        @Nullable String attachmentId,
        @Nullable String storageRef) {
      this(fileName, mediaType, attachmentId, storageRef, null, null);
    }

    /**
     * A file kept in the case service's own store (docs/adr/0052): by its stored id, typed by its
     * bytes, perhaps labelled with the intake requirement it satisfies ({@code kk}, {@code ktp}).
     */
    public static FileInfo caseFile(
        String storedId,
        @Nullable String declaredName,
        String sniffedType,
        @Nullable String requirement) {
      return new FileInfo(declaredName, sniffedType, storedId, storedId, requirement, CASE_FILES);
    }

    /** Kept in the case service's own store, not a channel's. */
    public boolean inCaseFiles() {
      return CASE_FILES.equals(store);
    }
  }

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

    public Message {
      attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
      files = files == null ? List.of() : List.copyOf(files);
    }
  }

  /** A deadline as the SLA service last reported it. */
  public record Deadline(String clock, Instant deadline, String state, Instant updatedAt) {}

  /** Form keys under which a reporter's wish for anonymity or confidentiality is kept. */
  public static final String ANONYMOUS = "reporterAnonymous";

  public static final String CONFIDENTIAL = "reporterConfidential";

  /**
   * Form key of the requirement ids whose originals were presented at the desk and handed back
   * (comma-separated): they count as satisfied (docs/adr/0052).
   */
  public static final String PRESENTED = "presentedAtDesk";

  /** The requirement ids whose originals an officer saw at the desk. */
  public java.util.Set<String> presented() {
    String value = form.get(PRESENTED);
    if (value == null || value.isBlank()) {
      return java.util.Set.of();
    }
    return java.util.Set.copyOf(java.util.Arrays.asList(value.split(",")));
  }

  /** How many files the case holds in the case service's own store (for its per-case limit). */
  public int caseFileCount() {
    int count = 0;
    for (Message m : messages) {
      count += (int) m.files().stream().filter(FileInfo::inCaseFiles).count();
    }
    return count;
  }

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
    Map<String, String> flags = new LinkedHashMap<>();
    if (anonymous) {
      flags.put(ANONYMOUS, "true");
    }
    if (confidential) {
      flags.put(CONFIDENTIAL, "true");
    }
    return flags;
  }

  /** What the completeness check looks at: every inbound text and file, and the form. */
  public Completeness.Evidence evidence() {
    List<String> texts = new ArrayList<>();
    List<Completeness.Attachment> files = new ArrayList<>();
    for (Message m : messages) {
      if (!"INBOUND".equals(m.direction())) {
        continue;
      }
      if (m.text() != null) {
        texts.add(m.text());
      }
      for (FileInfo f : m.files()) {
        files.add(
            new Completeness.Attachment(f.fileName(), f.mediaType(), m.text(), f.requirement()));
      }
    }
    return new Completeness.Evidence(texts, files, form, presented());
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

  /** The same case with one more citizen message (and the identity it revealed). */
  public CaseState withMessage(Message message, List<String> moreIdentityKeys) {
    Builder b = toBuilder();
    b.messages.add(message);
    LinkedHashSet<String> keys = new LinkedHashSet<>(identityKeys);
    keys.addAll(moreIdentityKeys);
    b.identityKeys = List.copyOf(keys);
    if (lastCitizenMessageAt == null || message.at().isAfter(lastCitizenMessageAt)) {
      b.lastCitizenMessageAt = message.at();
    }
    return b.build();
  }

  /**
   * The same case with an officer's bookkeeping that is not a lifecycle transition (an assignment,
   * an internal note, a reply to the citizen): one more audit entry, perhaps a message.
   */
  public CaseState withOfficerEntry(
      AuditEntry entry, @Nullable String newAssignee, @Nullable Message officerMessage) {
    Builder b = toBuilder();
    b.timeline.add(entry);
    if (officerMessage != null) {
      b.messages.add(officerMessage);
    }
    if (newAssignee != null) {
      b.assignee = newAssignee;
    }
    return b.build();
  }

  /** The same case with a deadline as the SLA service reported it. */
  public CaseState withDeadline(Deadline deadline) {
    Builder b = toBuilder();
    b.deadlines.put(deadline.clock(), deadline);
    return b.build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A new case's state: what it is received as, before the domain opens it. */
  public static Builder received(
      String ticket,
      String agencyCode,
      CaseType caseType,
      Channel channel,
      String intakeMode,
      Instant receivedAt,
      Instant openedAt) {
    Builder b = new Builder();
    b.ticket = ticket;
    b.agencyCode = agencyCode;
    b.status = CaseStatus.RECEIVED;
    b.caseType = caseType;
    b.channel = channel;
    b.intakeMode = intakeMode;
    b.receivedAt = receivedAt;
    b.openedAt = openedAt;
    return b;
  }

  /** The one place a case's state is copied field by field. */
  public static final class Builder {
    public String ticket;
    public String agencyCode;
    public CaseStatus status;
    public CaseType caseType;
    public Channel channel;
    public String intakeMode;
    public Instant receivedAt;
    public Instant openedAt;
    public @Nullable ReplyAddress replyAddress;
    public @Nullable String citizenName;
    public List<Message> messages = new ArrayList<>();
    public Map<String, Deadline> deadlines = new LinkedHashMap<>();
    public List<AuditEntry> timeline = new ArrayList<>();
    public @Nullable String slaClass;
    public @Nullable String topic;
    public @Nullable String division;
    public @Nullable String suggestedDivision;
    public List<String> missing = new ArrayList<>();
    public List<String> invalid = new ArrayList<>();
    public @Nullable CaseStatus resumeTo;
    public @Nullable String ppidStep;
    public CaseEvent.@Nullable ResolutionRecord resolution;
    public @Nullable String rejectionCode;
    public @Nullable String rejectionReason;
    public @Nullable String mergedIntoTicket;
    public List<ReplyAddress> otherReporters = new ArrayList<>();
    public List<String> mergedTickets = new ArrayList<>();
    public List<DuplicateSuspect> duplicateSuspects = new ArrayList<>();
    public Map<String, String> form = new LinkedHashMap<>();
    public @Nullable String citizenKey;
    public List<String> identityKeys = new ArrayList<>();
    public @Nullable Instant lastCitizenMessageAt;
    public @Nullable String assignee;
    public Case.@Nullable Survey survey;
    public Classifier.@Nullable Proposal proposal;

    private Builder() {}

    private Builder(CaseState s) {
      ticket = s.ticket;
      agencyCode = s.agencyCode;
      status = s.status;
      caseType = s.caseType;
      channel = s.channel;
      intakeMode = s.intakeMode;
      receivedAt = s.receivedAt;
      openedAt = s.openedAt;
      replyAddress = s.replyAddress;
      citizenName = s.citizenName;
      messages = new ArrayList<>(s.messages);
      deadlines = new LinkedHashMap<>(s.deadlines);
      timeline = new ArrayList<>(s.timeline);
      slaClass = s.slaClass;
      topic = s.topic;
      division = s.division;
      suggestedDivision = s.suggestedDivision;
      missing = s.missing;
      invalid = s.invalid;
      resumeTo = s.resumeTo;
      ppidStep = s.ppidStep;
      resolution = s.resolution;
      rejectionCode = s.rejectionCode;
      rejectionReason = s.rejectionReason;
      mergedIntoTicket = s.mergedIntoTicket;
      otherReporters = s.otherReporters;
      mergedTickets = s.mergedTickets;
      duplicateSuspects = s.duplicateSuspects;
      form = s.form;
      citizenKey = s.citizenKey;
      identityKeys = s.identityKeys;
      lastCitizenMessageAt = s.lastCitizenMessageAt;
      assignee = s.assignee;
      survey = s.survey;
      proposal = s.proposal;
    }

    public CaseState build() {
      return new CaseState(
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
          proposal);
    }
  }
}
