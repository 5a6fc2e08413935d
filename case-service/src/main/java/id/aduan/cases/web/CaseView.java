package id.aduan.cases.web;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A case as the officer API shows it. {@code version} is what an action must send back. Personal
 * data of the front-desk form (name, address, NIK) is not in it: role-scoped access is issue 7.
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
    Map<String, CaseDocument.Deadline> deadlines,
    List<CaseDocument.TimelineEntry> timeline) {

  record MessageView(
      String messageId, Channel channel, String direction, String text, Instant at) {}

  static CaseView of(CaseDocument doc) {
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
        doc.missing(),
        doc.invalid(),
        doc.ppidStep(),
        doc.resolution(),
        doc.rejectionCode(),
        doc.rejectionReason(),
        doc.mergedIntoTicket(),
        doc.mergedTickets(),
        doc.duplicateSuspects(),
        doc.messages().stream()
            .map(
                m ->
                    new MessageView(
                        m.messageId(),
                        m.channel(),
                        m.direction(),
                        m.text() == null ? "" : m.text(),
                        m.at()))
            .toList(),
        doc.deadlines(),
        doc.timeline());
  }
}
