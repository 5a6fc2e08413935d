package id.aduan.cases.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.documents.CaseDocuments;
import id.aduan.cases.documents.Language;
import id.aduan.cases.documents.PublicLinks;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code keepDocuments}: consumes the case service's own {@code cases.events.v1} (its own consumer
 * group, so that it sees every partition) and renders the documents when they come into being
 * (docs/adr/0055): the berita acara of a resolution, kept per resolution, and the case record of an
 * archived case, kept per case version; both masked, in Bahasa Indonesia. Keeping is idempotent (a
 * redelivery finds the kept document); a rendering that fails is retried by the binder and, after
 * that, rendered when first asked for, so nothing is lost. An event the case has moved past (a
 * resolution reopened since, an archived case changed since) renders nothing.
 */
@Component("keepDocuments")
class KeepDocuments implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final Cases cases;
  private final CaseDocuments documents;
  private final EventPublisher publisher;
  private final MeterRegistry meters;

  KeepDocuments(
      AgencyCatalog agencies,
      Cases cases,
      CaseDocuments documents,
      EventPublisher publisher,
      MeterRegistry meters) {
    this.agencies = agencies;
    this.cases = cases;
    this.documents = documents;
    this.publisher = publisher;
    this.meters = meters;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object event = publisher.readOrDeadLetter(message, Topics.CASES_EVENTS, null).orElse(null);
    if (!(event instanceof CaseEvent e)) {
      return;
    }
    switch (e) {
      case CaseEvent.CaseResolved resolved -> keepBeritaAcara(resolved);
      case CaseEvent.CaseStatusChanged changed when changed.status() == CaseStatus.ARCHIVED ->
          keepCaseRecord(changed);
      default -> {
        // Only a resolution and an archiving make a document.
      }
    }
  }

  private void keepBeritaAcara(CaseEvent.CaseResolved resolved) {
    Optional<Agency> agency = agencies.byCode(resolved.agencyCode());
    VersionedCase c = cases.byId(resolved.caseId()).map(CaseDocument::versioned).orElse(null);
    if (agency.isEmpty() || c == null) {
      count("berita-acara", "case_missing");
      return;
    }
    long resolution = resolved.occurredAt().toEpochMilli();
    boolean current =
        PublicLinks.resolvedAt(c.state()).map(at -> at.toEpochMilli() == resolution).orElse(false);
    if (!current) {
      count("berita-acara", "superseded");
      return;
    }
    documents.beritaAcara(c, agency.get(), Language.ID, resolution);
    count("berita-acara", "kept");
  }

  private void keepCaseRecord(CaseEvent.CaseStatusChanged archived) {
    Optional<Agency> agency = agencies.byCode(archived.agencyCode());
    VersionedCase c = cases.byId(archived.caseId()).map(CaseDocument::versioned).orElse(null);
    if (agency.isEmpty() || c == null) {
      count("case-record", "case_missing");
      return;
    }
    if (c.state().status() != CaseStatus.ARCHIVED) {
      count("case-record", "superseded");
      return;
    }
    documents.render(c, agency.get(), CaseDocuments.Kind.CASE_RECORD, Language.ID, false);
    count("case-record", "kept");
  }

  private void count(String document, String outcome) {
    meters
        .counter("aduan.cases.documents.kept", "document", document, "outcome", outcome)
        .increment();
  }
}
