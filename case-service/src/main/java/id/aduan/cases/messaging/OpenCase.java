package id.aduan.cases.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.CaseService;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.support.StageLatency;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code openCase}: consumes {@code complaints.inbound.v1}. A message opens a case with a ticket
 * number or joins the citizen's open case (threading, completeness and duplicate checks are the
 * {@link CaseService}'s); the case and its events are written in one document, then published. A
 * redelivered message finds its case and only re-publishes what is still pending. A message that is
 * not a citizen message, or names an agency not configured, goes to the dead-letter topic.
 */
@Component("openCase")
class OpenCase implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final CaseService service;
  private final EventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock;

  OpenCase(
      AgencyCatalog agencies,
      CaseService service,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock) {
    this.agencies = agencies;
    this.service = service;
    this.publisher = publisher;
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
    service.receive(complaint, agency);
    StageLatency.since(meters, StageLatency.INTAKE_TO_CASE, complaint.receivedAt(), clock);
  }
}
