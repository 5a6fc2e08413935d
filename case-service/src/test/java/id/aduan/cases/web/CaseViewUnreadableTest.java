package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An administrator sees on the case view that its personal data could not be decrypted. */
class CaseViewUnreadableTest {

  private static CaseDocument read(boolean unreadable) {
    Instant t = Instant.parse("2026-11-02T03:00:00Z");
    return new CaseDocument(
        "c1",
        "PSR-2026-000001",
        "PSR",
        CaseStatus.ROUTED,
        CaseType.COMPLAINT,
        Channel.WHATSAPP,
        "AUTOMATIC",
        t,
        t,
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
        null,
        List.of(),
        null,
        null,
        null,
        null,
        unreadable);
  }

  @Test
  void theViewCarriesTheFlagTheCodecSetAsTheCaseWasRead() {
    assertThat(CaseView.of(read(true)).personalDataUnreadable()).isTrue();
    assertThat(CaseView.of(read(false)).personalDataUnreadable()).isFalse();
  }
}
