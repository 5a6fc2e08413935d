package id.aduan.cases.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.domain.CaseIds;
import id.aduan.cases.domain.CaseOpening;
import id.aduan.cases.domain.TicketNumber;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.persistence.TicketSequences;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code openCase}: consumes {@code complaints.inbound.v1}. A message opens a case with a ticket
 * number; the case and its {@code CaseOpened} are written in one document, then published. A
 * redelivered message finds its case (the id derives from the message) and only re-publishes what
 * is still pending.
 */
@Component("openCase")
class OpenCase implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final Cases cases;
  private final TicketSequences tickets;
  private final OutboxRelay outbox;
  private final EventPublisher publisher;
  private final Outbox events;
  private final MeterRegistry meters;
  private final Clock clock;

  OpenCase(
      AgencyCatalog agencies,
      Cases cases,
      TicketSequences tickets,
      OutboxRelay outbox,
      EventPublisher publisher,
      Outbox events,
      MeterRegistry meters,
      Clock clock) {
    this.agencies = agencies;
    this.cases = cases;
    this.tickets = tickets;
    this.outbox = outbox;
    this.publisher = publisher;
    this.events = events;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object read =
        publisher
            .readOrDeadLetter(message, Topics.COMPLAINTS_INBOUND, ComplaintReceived.class)
            .orElse(null);
    if (read == null) {
      return;
    }
    if (!(read instanceof ComplaintReceived complaint)) {
      publisher.deadLetter(
          Topics.dlq(Topics.COMPLAINTS_INBOUND),
          message,
          "WRONG_TYPE",
          read.getClass().getSimpleName() + " is not a citizen message");
      return;
    }
    Agency agency = agencies.byCode(complaint.agencyCode()).orElse(null);
    if (agency == null) {
      publisher.deadLetter(
          Topics.dlq(Topics.COMPLAINTS_INBOUND),
          message,
          "UNKNOWN_AGENCY",
          "agency " + complaint.agencyCode() + " is not configured");
      return;
    }
    String caseId =
        CaseIds.forOpeningMessage(
            agency.code(), complaint.channel(), complaint.providerMessageId());
    Optional<CaseDocument> existing = cases.byId(caseId);
    if (existing.isPresent()) {
      count(agency, complaint, "duplicate");
      outbox.flush(existing.get());
      return;
    }
    int year = TicketNumber.yearOf(complaint.receivedAt(), agency.timeZone());
    String ticket = TicketNumber.format(agency.code(), year, tickets.next(agency.code(), year));
    CaseEvent.CaseOpened opened = CaseOpening.open(complaint, agency, caseId, ticket, clock);
    CaseDocument doc =
        new CaseDocument(
            caseId,
            ticket,
            agency.code(),
            opened.status(),
            opened.caseType(),
            complaint.channel(),
            opened.intakeMode(),
            complaint.receivedAt(),
            opened.occurredAt(),
            opened.replyAddress(),
            complaint.sender().displayName(),
            List.of(
                new CaseDocument.Message(
                    UUID.randomUUID().toString(),
                    complaint.channel(),
                    "INBOUND",
                    complaint.providerMessageId(),
                    complaint.text(),
                    complaint.receivedAt(),
                    complaint.attachments().stream()
                        .map(ComplaintReceived.Attachment::attachmentId)
                        .toList())),
            Map.of(),
            List.of(
                new CaseDocument.TimelineEntry(
                    opened.occurredAt(), "system", "opened", null, opened.status(), null)),
            List.of(events.entry(Topics.CASES_EVENTS, caseId, opened, ticket)),
            true,
            null);
    if (!cases.insert(doc)) {
      // Another delivery of the same message won the race; it publishes the event.
      count(agency, complaint, "duplicate");
      return;
    }
    count(agency, complaint, "opened");
    outbox.flush(doc);
  }

  private void count(Agency agency, ComplaintReceived complaint, String outcome) {
    meters
        .counter(
            "aduan.cases.inbound",
            "agency",
            agency.code(),
            "channel",
            complaint.channel().name().toLowerCase(java.util.Locale.ROOT),
            "outcome",
            outcome)
        .increment();
  }
}
