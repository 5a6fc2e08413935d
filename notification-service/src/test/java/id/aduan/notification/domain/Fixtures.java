package id.aduan.notification.domain;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Events and views of one case per agency, as the decision and rendering tests use them. */
final class Fixtures {

  static final AgencyCatalog AGENCIES = AgencyCatalog.bundled();
  static final Instant AT = Instant.parse("2026-11-20T03:15:00Z");

  private Fixtures() {}

  static Agency agency(String code) {
    return AGENCIES.byCode(code).orElseThrow();
  }

  static String ticket(String code) {
    return code + "-2026-000123";
  }

  static ReplyAddress whatsapp(String code) {
    return new ReplyAddress(
        Channel.WHATSAPP, agency(code).channels().whatsapp().phoneNumberId(), "6281234567890");
  }

  static ReplyAddress email(String code) {
    return new ReplyAddress(
        Channel.EMAIL, agency(code).channels().mailboxes().getFirst(), "warga@example.test");
  }

  static CaseView view(String code, @Nullable ReplyAddress preferred, @Nullable String division) {
    return new CaseView(
        "c-1",
        ticket(code),
        code,
        "id",
        CaseStatus.ROUTED,
        division,
        null,
        preferred,
        preferred == null ? List.of() : List.of(preferred),
        "wamid.IN-1",
        null,
        false);
  }

  static CaseEvent.CaseOpened opened(String code, @Nullable ReplyAddress to, String language) {
    return new CaseEvent.CaseOpened(
        "evt-1",
        AT,
        "c-1",
        ticket(code),
        code,
        CaseStatus.RECEIVED,
        to == null ? Channel.FRONT_DESK : to.channel(),
        "ONLINE",
        CaseType.COMPLAINT,
        null,
        AT,
        to,
        "wamid.IN-1",
        language);
  }
}
