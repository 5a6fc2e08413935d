package id.aduan.cases.messaging;

import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code recordDeadlines}: consumes {@code sla.events.v1} and keeps each case's deadlines and SLA
 * state as the SLA service reports them, so officers see them on the case. Setting a value is
 * idempotent, so redeliveries are harmless.
 */
@Component("recordDeadlines")
class RecordDeadlines implements Consumer<Message<byte[]>> {

  private final Cases cases;
  private final EventPublisher publisher;

  private final id.aduan.cases.application.CaseService service;

  RecordDeadlines(
      Cases cases, EventPublisher publisher, id.aduan.cases.application.CaseService service) {
    this.service = service;
    this.cases = cases;
    this.publisher = publisher;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object event = publisher.readOrDeadLetter(message, Topics.SLA_EVENTS, null).orElse(null);
    if (event == null) {
      return;
    }
    switch (event) {
      case SlaEvent.SlaClockStarted e ->
          record(e, e.deadline(), id.aduan.contracts.ClockState.RUNNING.name());
      case SlaEvent.SlaClockPaused e ->
          cases
              .byId(e.caseId())
              .map(c -> c.state().deadlines().get(e.clock()))
              .ifPresent(d -> record(e, d.deadline(), id.aduan.contracts.ClockState.PAUSED.name()));
      case SlaEvent.SlaClockResumed e ->
          record(e, e.deadline(), id.aduan.contracts.ClockState.RUNNING.name());
      case SlaEvent.SlaDeadlineChanged e ->
          // A reclassified or extended clock keeps its state (it may be paused or late).
          record(
              e,
              e.deadline(),
              cases
                  .byId(e.caseId())
                  .map(c -> c.state().deadlines().get(e.clock()))
                  .map(CaseState.Deadline::state)
                  .orElse(id.aduan.contracts.ClockState.RUNNING.name()));
      case SlaEvent.SlaWarning e ->
          record(e, e.deadline(), id.aduan.contracts.ClockState.WARNING.name());
      case SlaEvent.SlaBreached e -> {
        record(e, e.deadline(), id.aduan.contracts.ClockState.BREACHED.name());
        if (SlaEvent.LAPOR_CLOSE.equals(e.clock())) {
          service.closeWithoutReply(e.caseId());
        }
      }
      case SlaEvent.SlaEscalated e ->
          record(e, e.deadline(), id.aduan.contracts.ClockState.BREACHED.name());
      case SlaEvent.SlaClockStopped e ->
          record(
              e,
              e.deadline(),
              e.late()
                  ? id.aduan.contracts.ClockState.STOPPED_LATE.name()
                  : id.aduan.contracts.ClockState.MET.name());
      default -> {
        // Not an SLA event: nothing to record.
      }
    }
  }

  private void record(SlaEvent event, java.time.Instant deadline, String state) {
    cases.recordDeadline(
        event.caseId(), new CaseState.Deadline(event.clock(), deadline, state, event.occurredAt()));
  }
}
