package id.aduan.cases.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.CaseService;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.messaging.CloudEvents;
import id.aduan.messaging.EventPublisher;
import id.aduan.messaging.UnreadableMessageException;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code openCase}: consumes {@code complaints.inbound.v1}. A message opens a case with a ticket
 * number or joins the citizen's open case (threading, completeness and duplicate checks are the
 * {@link CaseService}'s); the case and its events are written in one document, then published. A
 * redelivered message finds its case and only re-publishes what is still pending.
 */
@Component("openCase")
class OpenCase implements Consumer<Message<byte[]>> {

  private final CloudEvents cloudEvents;
  private final AgencyCatalog agencies;
  private final CaseService service;
  private final EventPublisher publisher;

  OpenCase(
      CloudEvents cloudEvents,
      AgencyCatalog agencies,
      CaseService service,
      EventPublisher publisher) {
    this.cloudEvents = cloudEvents;
    this.agencies = agencies;
    this.service = service;
    this.publisher = publisher;
  }

  @Override
  public void accept(Message<byte[]> message) {
    ComplaintReceived complaint;
    Agency agency;
    try {
      complaint = cloudEvents.read(message.getPayload(), ComplaintReceived.class);
      agency =
          agencies
              .byCode(complaint.agencyCode())
              .orElseThrow(
                  () ->
                      new UnreadableMessageException(
                          "UNKNOWN_AGENCY",
                          "agency " + complaint.agencyCode() + " is not configured"));
    } catch (UnreadableMessageException e) {
      publisher.deadLetter(
          Topics.dlq(Topics.COMPLAINTS_INBOUND), message, e.reason(), e.getMessage());
      return;
    }
    service.receive(complaint, agency);
  }
}
