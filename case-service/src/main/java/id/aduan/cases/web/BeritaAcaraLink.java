package id.aduan.cases.web;

import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.documents.PublicLinks;
import id.aduan.cases.domain.CaseState;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The berita acara link the public status shows (docs/adr/0055): the one the resolution message
 * carried, for a resolved (or archived) case of an agency that sends it; never for a confidential
 * report, whose ticket alone must not open its record; not once it has expired.
 */
@Component
class BeritaAcaraLink {

  private final AgencyCatalog agencies;
  private final PublicLinks links;
  private final Clock clock;

  BeritaAcaraLink(AgencyCatalog agencies, PublicLinks links, Clock clock) {
    this.agencies = agencies;
    this.links = links;
    this.clock = clock;
  }

  Optional<CaseEvent.DocumentLink> of(CaseState state) {
    boolean sends =
        agencies
            .byCode(state.agencyCode())
            .map(a -> a.rules().aftercare().sendBeritaAcara())
            .orElse(false);
    if (!sends
        || state.confidential()
        || (state.status() != CaseStatus.RESOLVED && state.status() != CaseStatus.ARCHIVED)) {
      return Optional.empty();
    }
    return links.beritaAcara(state).filter(l -> clock.instant().isBefore(l.expiresAt()));
  }
}
