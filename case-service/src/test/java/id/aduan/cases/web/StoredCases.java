package id.aduan.cases.web;

import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A routed Bandung case as read from the store, for views and controllers under test. */
final class StoredCases {

  static final Instant AT = Instant.parse("2026-11-02T03:00:00Z");

  private StoredCases() {}

  static CaseDocument routed(String ticket, @Nullable String citizenKey, boolean unreadable) {
    CaseState.Builder state =
        CaseState.received(
            ticket, "BDG", CaseType.COMPLAINT, Channel.WHATSAPP, "AUTOMATIC", AT, AT);
    state.status = CaseStatus.ROUTED;
    state.citizenKey = citizenKey;
    return new CaseDocument("c-1", state.build(), List.of(), false, 1L, unreadable);
  }
}
