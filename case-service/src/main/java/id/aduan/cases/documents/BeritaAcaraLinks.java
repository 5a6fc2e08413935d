package id.aduan.cases.documents;

import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.OutgoingEvents;
import id.aduan.contracts.CaseEvent;
import org.springframework.stereotype.Component;

/**
 * A resolution of an agency whose standard sends the berita acara to the reporter ({@code
 * aftercare.sendBeritaAcara}) carries the berita acara's public link (docs/adr/0055); the
 * notification service puts it in the resolution message. The link names the resolution, not the
 * rendered bytes, so it is ready before anything is rendered and a rendering that fails loses
 * nothing: the document is rendered when the link is first followed.
 */
@Component
class BeritaAcaraLinks implements OutgoingEvents {

  private final AgencyCatalog agencies;
  private final PublicLinks links;

  BeritaAcaraLinks(AgencyCatalog agencies, PublicLinks links) {
    this.agencies = agencies;
    this.links = links;
  }

  @Override
  public CaseEvent complete(CaseEvent event) {
    if (event instanceof CaseEvent.CaseResolved resolved
        && resolved.record() != null
        && resolved.beritaAcara() == null
        && agencies
            .byCode(resolved.agencyCode())
            .map(a -> a.rules().aftercare().sendBeritaAcara())
            .orElse(false)) {
      return resolved.withBeritaAcara(links.beritaAcara(resolved.ticket(), resolved.occurredAt()));
    }
    return event;
  }
}
