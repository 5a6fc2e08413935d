package id.aduan.cases.application;

import id.aduan.contracts.CaseEvent;

/**
 * What a use case's events carry beyond the domain's own values, added just before they go into the
 * case's outbox, e.g. the berita acara's public link on a resolution (docs/adr/0055). Implemented
 * outside the application layer; none at all leaves the events as they are.
 */
public interface OutgoingEvents {

  /** The event as it is written to the outbox. */
  CaseEvent complete(CaseEvent event);
}
