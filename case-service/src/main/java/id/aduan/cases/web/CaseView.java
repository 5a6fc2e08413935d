package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.pii.PiiText;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A case as the officer API shows it. {@code version} is what an action must send back (or {@code
 * If-Match}). Personal data is masked here for every role: NIKs and phone numbers in texts keep
 * their first four and last two digits, the reporter's name its initials, an anonymous reporter is
 * "Anonim" with no contact. The clear values are at {@code GET .../personal-data}, for the roles
 * that need them, audited.
 */
record CaseView(
    String ticket,
    String agencyCode,
    CaseStatus status,
    CaseType caseType,
    Channel channel,
    String intakeMode,
    Instant receivedAt,
    long version,
    @Nullable String slaClass,
    @Nullable String topic,
    @Nullable String division,
    @Nullable String suggestedDivision,
    @Nullable String assignee,
    Reporter reporter,
    Classification classification,
    List<String> missing,
    List<String> invalid,
    @Nullable String ppidStep,
    CaseEvent.@Nullable ResolutionRecord resolution,
    @Nullable String rejectionCode,
    @Nullable String rejectionReason,
    @Nullable String mergedIntoTicket,
    List<String> mergedTickets,
    List<CaseState.DuplicateSuspect> duplicateSuspects,
    List<MessageView> messages,
    List<AttachmentView> attachments,
    Map<String, CaseState.Deadline> deadlines,
    List<AuditEntry> timeline,
    id.aduan.cases.domain.Case.@Nullable Survey survey,
    boolean personalDataUnreadable,
    List<TimelineView.Entry> entries) {

  /** One message of the conversation, on whichever channel it came or went. */
  record MessageView(
      String messageId,
      Channel channel,
      String direction,
      String text,
      Instant at,
      List<String> attachmentIds) {}

  /**
   * A file of a message; {@code href} downloads it where the case service can reach it, and {@code
   * fileId} is its last segment (the file's own id; {@code attachmentId} is the adapter's name for
   * it, unique only within its message).
   */
  record AttachmentView(
      String attachmentId,
      String messageId,
      Channel channel,
      @Nullable String fileName,
      @Nullable String mediaType,
      String href,
      String fileId) {}

  /**
   * Who reported, masked. {@code anonymous}: the reporter asked not to be identified (their
   * identity is never shown to a division); {@code confidential}: the report is not to be published
   * (rahasia).
   */
  record Reporter(
      @Nullable String name,
      @Nullable String contact,
      @Nullable Channel contactChannel,
      boolean anonymous,
      boolean confidential) {}

  /**
   * What the case is and where it goes, and why: the suggestion the intake made from the divisions'
   * duties, and every officer's classify and route decision with its reason.
   */
  record Classification(
      CaseType caseType,
      @Nullable String topic,
      @Nullable String slaClass,
      @Nullable String division,
      @Nullable String suggestedDivision,
      List<String> explanation,
      @Nullable Proposal proposal,
      List<TimelineView.ExplanationPart> parts) {}

  /** The classifier's proposal at intake: what, where, how sure, why; unsure means triage. */
  record Proposal(
      CaseType caseType,
      @Nullable String slaClass,
      @Nullable String topic,
      @Nullable String division,
      double confidence,
      boolean unsure,
      List<String> explanation) {}

  private static final Set<String> CLASSIFYING =
      Set.of("classified", "reclassified", "routed", "rerouted", "classify", "route");

  /**
   * The view of {@code doc}; {@code agency} (the case's) gives the labels of requirements and
   * divisions in {@code entries} and the classification's {@code parts}.
   */
  static CaseView of(VersionedCase doc, @Nullable Agency agency) {
    List<MessageView> messages = new ArrayList<>();
    List<AttachmentView> attachments = new ArrayList<>();
    for (CaseState.Message m : doc.state().messages()) {
      messages.add(
          new MessageView(
              m.messageId(),
              m.channel(),
              m.direction(),
              m.text() == null ? "" : PiiText.mask(m.text()),
              m.at(),
              m.attachmentIds()));
      boolean recorded = m.files().stream().anyMatch(f -> f.attachmentId() != null);
      for (int i = 0; i < m.attachmentIds().size(); i++) {
        String id = m.attachmentIds().get(i);
        CaseState.FileInfo file = fileOf(m, i, recorded);
        // A stored file is served by its storage reference; any other is named by the adapter's id
        // (a file not stored, or kept before references were recorded: docs/adr/0028).
        String fileId = file != null && file.storageRef() != null ? file.storageRef() : id;
        attachments.add(
            new AttachmentView(
                id,
                m.messageId(),
                m.channel(),
                file == null ? null : file.fileName(),
                file == null ? null : file.mediaType(),
                "/api/v1/cases/" + doc.state().ticket() + "/attachments/" + fileId,
                fileId));
      }
    }
    return new CaseView(
        doc.state().ticket(),
        doc.state().agencyCode(),
        doc.state().status(),
        doc.state().caseType(),
        doc.state().channel(),
        doc.state().intakeMode(),
        doc.state().receivedAt(),
        doc.version(),
        doc.state().slaClass(),
        doc.state().topic(),
        doc.state().division(),
        doc.state().suggestedDivision(),
        doc.state().assignee(),
        reporter(doc.state()),
        classification(doc.state(), agency),
        doc.state().missing(),
        doc.state().invalid(),
        doc.state().ppidStep(),
        doc.state().resolution(),
        doc.state().rejectionCode(),
        doc.state().rejectionReason() == null ? null : PiiText.mask(doc.state().rejectionReason()),
        doc.state().mergedIntoTicket(),
        doc.state().mergedTickets(),
        doc.state().duplicateSuspects(),
        messages,
        attachments,
        doc.state().deadlines(),
        doc.state().timeline().stream()
            .map(
                t ->
                    new AuditEntry(
                        t.at(),
                        t.actor(),
                        t.action(),
                        t.from(),
                        t.to(),
                        t.reason() == null ? null : PiiText.mask(t.reason())))
            .toList(),
        doc.state().survey() == null
            ? null
            : new id.aduan.cases.domain.Case.Survey(
                doc.state().survey().rating(),
                doc.state().survey().comment() == null
                    ? null
                    : PiiText.mask(doc.state().survey().comment()),
                doc.state().survey().answeredAt(),
                doc.state().survey().messageId()),
        doc.personalDataUnreadable(),
        TimelineView.of(doc.state().timeline(), agency));
  }

  static Reporter reporter(CaseState state) {
    if (state.anonymous()) {
      return new Reporter("Anonim", null, null, true, state.confidential());
    }
    String name = state.citizenName() != null ? state.citizenName() : state.form().get("name");
    return new Reporter(
        name == null ? null : PiiText.maskName(name),
        state.replyAddress() == null ? null : PiiText.maskValue(state.replyAddress().recipientId()),
        state.replyAddress() == null ? null : state.replyAddress().channel(),
        false,
        state.confidential());
  }

  private static Classification classification(CaseState state, @Nullable Agency agency) {
    List<String> explanation = new ArrayList<>();
    if (state.suggestedDivision() != null) {
      explanation.add(
          "intake suggested " + state.suggestedDivision() + " from the words of its duties");
    }
    for (AuditEntry t : state.timeline()) {
      if (CLASSIFYING.contains(t.action())) {
        explanation.add(
            t.action()
                + " by "
                + t.actor()
                + (t.reason() == null ? "" : ": " + PiiText.mask(t.reason())));
      }
    }
    return new Classification(
        state.caseType(),
        state.topic(),
        state.slaClass(),
        state.division(),
        state.suggestedDivision(),
        explanation,
        state.proposal() == null
            ? null
            : new Proposal(
                state.proposal().caseType(),
                state.proposal().slaClass(),
                state.proposal().topic(),
                state.proposal().division(),
                state.proposal().confidence(),
                state.proposal().unsure(),
                state.proposal().explanation().stream().map(PiiText::mask).toList()),
        TimelineView.explanation(state.suggestedDivision(), state.timeline(), agency));
  }

  private static CaseState.@Nullable FileInfo fileOf(
      CaseState.Message m, int index, boolean recorded) {
    if (recorded) {
      String id = m.attachmentIds().get(index);
      return m.files().stream().filter(f -> id.equals(f.attachmentId())).findFirst().orElse(null);
    }
    return m.files().size() == m.attachmentIds().size() ? m.files().get(index) : null;
  }
}
