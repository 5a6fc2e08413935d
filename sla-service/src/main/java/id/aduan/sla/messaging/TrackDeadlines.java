package id.aduan.sla.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Topics;
import id.aduan.sla.application.DeadlineTracking;
import id.aduan.support.messaging.EventPublisher;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code trackDeadlines}: consumes {@code cases.events.v1} and hands each case event to {@link
 * DeadlineTracking}, which keeps the case's clocks in step (README, "Consumes and produces").
 * Unreadable input, an unknown agency and an extension in an unknown unit are dead-lettered here.
 */
@Component("trackDeadlines")
class TrackDeadlines implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final DeadlineTracking tracking;
  private final EventPublisher publisher;

  TrackDeadlines(AgencyCatalog agencies, DeadlineTracking tracking, EventPublisher publisher) {
    this.agencies = agencies;
    this.tracking = tracking;
    this.publisher = publisher;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object event = publisher.readOrDeadLetter(message, Topics.CASES_EVENTS, null).orElse(null);
    if (!(event instanceof CaseEvent caseEvent)) {
      return;
    }
    switch (caseEvent) {
      case CaseEvent.CaseOpened opened ->
          agency(message, opened).ifPresent(a -> tracking.opened(opened, a));
      case CaseEvent.InformationRequested requested -> tracking.informationRequested(requested);
      case CaseEvent.InformationReceived received ->
          agency(message, received).ifPresent(a -> tracking.informationReceived(received, a));
      case CaseEvent.CaseClassified classified -> {
        // The classifier's proposal at intake is not a decision: the clocks follow the officer's.
        if (!classified.proposal()) {
          agency(message, classified).ifPresent(a -> tracking.classified(classified, a));
        }
      }
      case CaseEvent.CaseRouted routed -> tracking.handedTo(routed, routed.division());
      case CaseEvent.CaseAssigned assigned -> tracking.handedTo(assigned, assigned.division());
      case CaseEvent.CaseStatusChanged changed -> {
        if (changed.status() == CaseStatus.IN_PROGRESS) {
          tracking.workStarted(changed);
        }
      }
      case CaseEvent.CaseAnswered answered ->
          agency(message, answered).ifPresent(a -> tracking.answered(answered, a));
      case CaseEvent.CitizenMessageAdded added -> tracking.closingStopped(added);
      case CaseEvent.CaseReopened reopened ->
          agency(message, reopened).ifPresent(a -> tracking.reopened(reopened, a));
      case CaseEvent.CaseDeadlineExtended extended ->
          agency(message, extended).ifPresent(a -> extend(message, extended, a));
      case CaseEvent.CaseResolved resolved -> tracking.finished(resolved);
      case CaseEvent.CaseRejected rejected -> tracking.finished(rejected);
      case CaseEvent.CaseMerged merged -> tracking.merged(merged);
      // The head's disposition that the complaint is handled starts its handling (docs/adr/0051);
      // one that does not is followed by the rejection, which stops every clock.
      case CaseEvent.CaseDispositioned dispositioned when dispositioned.handled() ->
          tracking.dispositioned(dispositioned);
      default -> {
        // Any other case event (one added to the contract later) moves no clock.
      }
    }
  }

  private void extend(
      Message<byte[]> message, CaseEvent.CaseDeadlineExtended extended, Agency agency) {
    if (tracking.extended(extended, agency) == DeadlineTracking.Outcome.BAD_EXTENSION_UNIT) {
      publisher.deadLetter(
          Topics.dlq(Topics.CASES_EVENTS),
          message,
          "BAD_EXTENSION",
          "extension of case " + extended.caseId() + " has unit " + extended.unit());
    }
  }

  private Optional<Agency> agency(Message<byte[]> message, CaseEvent event) {
    Optional<Agency> agency = agencies.byCode(event.agencyCode());
    if (agency.isEmpty()) {
      publisher.deadLetter(
          Topics.dlq(Topics.CASES_EVENTS),
          message,
          "UNKNOWN_AGENCY",
          "agency " + event.agencyCode() + " is not configured");
    }
    return agency;
  }
}
