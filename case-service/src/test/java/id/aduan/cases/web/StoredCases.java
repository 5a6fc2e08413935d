package id.aduan.cases.web;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A routed Bandung case as read from the store, for views and controllers under test. */
final class StoredCases {

  static final Instant AT = Instant.parse("2026-11-02T03:00:00Z");

  private StoredCases() {}

  static CaseDocument routed(String ticket, @Nullable String citizenKey, boolean unreadable) {
    return new CaseDocument(
        "c-1",
        ticket,
        "BDG",
        CaseStatus.ROUTED,
        CaseType.COMPLAINT,
        Channel.WHATSAPP,
        "AUTOMATIC",
        AT,
        AT,
        null,
        null,
        List.of(),
        Map.of(),
        List.of(),
        List.of(),
        false,
        1L,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        citizenKey,
        List.of(),
        null,
        null,
        null,
        null,
        unreadable);
  }
}
