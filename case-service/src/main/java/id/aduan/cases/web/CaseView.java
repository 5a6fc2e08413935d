package id.aduan.cases.web;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A case as the officer API shows it. */
record CaseView(
    String ticket,
    String agencyCode,
    CaseStatus status,
    CaseType caseType,
    Channel channel,
    Instant receivedAt,
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
        doc.receivedAt(),
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
