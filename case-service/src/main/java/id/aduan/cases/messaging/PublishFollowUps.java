package id.aduan.cases.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.persistence.PublishedFollowUps;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Topics;
import id.aduan.support.PersonalData;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code publishFollowUps}: consumes the case service's own {@code cases.events.v1} and, for an
 * agency whose standard promises it ({@code aftercare.publishFollowUps}), publishes each resolved
 * case's follow-up result without personal data; a reopened case's publication is withdrawn.
 * Confidential (rahasia) reports are never published. Publishing is an upsert by case id, so
 * redeliveries are harmless.
 */
@Component("publishFollowUps")
class PublishFollowUps implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final Cases cases;
  private final PublishedFollowUps published;
  private final EventPublisher publisher;
  private final MeterRegistry meters;

  PublishFollowUps(
      AgencyCatalog agencies,
      Cases cases,
      PublishedFollowUps published,
      EventPublisher publisher,
      MeterRegistry meters) {
    this.agencies = agencies;
    this.cases = cases;
    this.published = published;
    this.publisher = publisher;
    this.meters = meters;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object event = publisher.readOrDeadLetter(message, Topics.CASES_EVENTS, null).orElse(null);
    if (!(event instanceof CaseEvent e)) {
      return;
    }
    Optional<Agency> agency = agencies.byCode(e.agencyCode());
    if (agency.isEmpty() || !agency.get().rules().aftercare().publishFollowUps()) {
      return;
    }
    switch (e) {
      case CaseEvent.CaseResolved resolved -> publish(resolved);
      case CaseEvent.CaseReopened reopened -> {
        published.withdraw(reopened.caseId());
        count(reopened.agencyCode(), "withdrawn");
      }
      default -> {
        // Only a resolution is published.
      }
    }
  }

  private void publish(CaseEvent.CaseResolved resolved) {
    CaseDocument doc = cases.byId(resolved.caseId()).orElse(null);
    if (doc == null) {
      count(resolved.agencyCode(), "case_missing");
      return;
    }
    if (doc.state().confidential()) {
      count(resolved.agencyCode(), "confidential");
      return;
    }
    List<String> names = new ArrayList<>();
    if (doc.state().citizenName() != null) {
      names.add(doc.state().citizenName());
    }
    if (doc.state().form().get("name") != null) {
      names.add(doc.state().form().get("name"));
    }
    String whatWasDone = resolved.record() == null ? "" : resolved.record().whatWasDone();
    published.publish(
        new PublishedFollowUps.FollowUp(
            doc.id(),
            doc.state().agencyCode(),
            doc.state().ticket(),
            doc.state().topic(),
            doc.state().division(),
            doc.state().receivedAt(),
            resolved.occurredAt(),
            PersonalData.scrub(resolved.summary(), names),
            PersonalData.scrub(whatWasDone, names)));
    count(resolved.agencyCode(), "published");
  }

  private void count(String agency, String outcome) {
    meters
        .counter("aduan.cases.follow.ups.published", "agency", agency, "outcome", outcome)
        .increment();
  }
}
