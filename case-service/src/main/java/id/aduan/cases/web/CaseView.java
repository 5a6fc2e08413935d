package id.aduan.cases.web;

import id.aduan.cases.persistence.CaseDocument;
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
    List<CaseDocument.DuplicateSuspect> duplicateSuspects,
    List<MessageView> messages,
    List<AttachmentView> attachments,
    Map<String, CaseDocument.Deadline> deadlines,
    List<CaseDocument.TimelineEntry> timeline,
    id.aduan.cases.domain.Case.@Nullable Survey survey,
    boolean personalDataUnreadable) {

  /** One message of the conversation, on whichever channel it came or went. */
  record MessageView(
      String messageId,
      Channel channel,
      String direction,
      String text,
      Instant at,
      List<String> attachmentIds) {}

  /** A file of a message; {@code href} downloads it where the case service can reach it. */
  record AttachmentView(
      String attachmentId,
      String messageId,
      Channel channel,
      @Nullable String fileName,
      @Nullable String mediaType,
      String href) {}

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
      @Nullable Proposal proposal) {}

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

  static CaseView of(CaseDocument doc) {
    List<MessageView> messages = new ArrayList<>();
    List<AttachmentView> attachments = new ArrayList<>();
    for (CaseDocument.Message m : doc.messages()) {
      messages.add(
          new MessageView(
              m.messageId(),
              m.channel(),
              m.direction(),
              m.text() == null ? "" : PiiText.mask(m.text()),
              m.at(),
              m.attachmentIds()));
      for (int i = 0; i < m.attachmentIds().size(); i++) {
        CaseDocument.FileInfo file =
            m.files().size() == m.attachmentIds().size() ? m.files().get(i) : null;
        String id = m.attachmentIds().get(i);
        attachments.add(
            new AttachmentView(
                id,
                m.messageId(),
                m.channel(),
                file == null ? null : file.fileName(),
                file == null ? null : file.mediaType(),
                "/api/v1/cases/" + doc.ticket() + "/attachments/" + id));
      }
    }
    return new CaseView(
        doc.ticket(),
        doc.agencyCode(),
        doc.status(),
        doc.caseType(),
        doc.channel(),
        doc.intakeMode(),
        doc.receivedAt(),
        doc.version() == null ? 0 : doc.version(),
        doc.slaClass(),
        doc.topic(),
        doc.division(),
        doc.suggestedDivision(),
        doc.assignee(),
        reporter(doc),
        classification(doc),
        doc.missing(),
        doc.invalid(),
        doc.ppidStep(),
        doc.resolution(),
        doc.rejectionCode(),
        doc.rejectionReason() == null ? null : PiiText.mask(doc.rejectionReason()),
        doc.mergedIntoTicket(),
        doc.mergedTickets(),
        doc.duplicateSuspects(),
        messages,
        attachments,
        doc.deadlines(),
        doc.timeline().stream()
            .map(
                t ->
                    new CaseDocument.TimelineEntry(
                        t.at(),
                        t.actor(),
                        t.action(),
                        t.from(),
                        t.to(),
                        t.reason() == null ? null : PiiText.mask(t.reason())))
            .toList(),
        doc.survey() == null
            ? null
            : new id.aduan.cases.domain.Case.Survey(
                doc.survey().rating(),
                doc.survey().comment() == null ? null : PiiText.mask(doc.survey().comment()),
                doc.survey().answeredAt(),
                doc.survey().messageId()),
        doc.personalDataUnreadable());
  }

  static Reporter reporter(CaseDocument doc) {
    if (doc.anonymous()) {
      return new Reporter("Anonim", null, null, true, doc.confidential());
    }
    String name = doc.citizenName() != null ? doc.citizenName() : doc.form().get("name");
    return new Reporter(
        name == null ? null : PiiText.maskName(name),
        doc.replyAddress() == null ? null : PiiText.maskValue(doc.replyAddress().recipientId()),
        doc.replyAddress() == null ? null : doc.replyAddress().channel(),
        false,
        doc.confidential());
  }

  private static Classification classification(CaseDocument doc) {
    List<String> explanation = new ArrayList<>();
    if (doc.suggestedDivision() != null) {
      explanation.add(
          "intake suggested " + doc.suggestedDivision() + " from the words of its duties");
    }
    for (CaseDocument.TimelineEntry t : doc.timeline()) {
      if (CLASSIFYING.contains(t.action())) {
        explanation.add(
            t.action()
                + " by "
                + t.actor()
                + (t.reason() == null ? "" : ": " + PiiText.mask(t.reason())));
      }
    }
    return new Classification(
        doc.caseType(),
        doc.topic(),
        doc.slaClass(),
        doc.division(),
        doc.suggestedDivision(),
        explanation,
        doc.proposal() == null
            ? null
            : new Proposal(
                doc.proposal().caseType(),
                doc.proposal().slaClass(),
                doc.proposal().topic(),
                doc.proposal().division(),
                doc.proposal().confidence(),
                doc.proposal().unsure(),
                doc.proposal().explanation().stream().map(PiiText::mask).toList()));
  }
}
