package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An administrator sees on the case view that its personal data could not be decrypted. */
class CaseViewUnreadableTest {

  @Test
  void theViewCarriesTheFlagTheCodecSetAsTheCaseWasRead() {
    assertThat(
            CaseView.of(StoredCases.routed("PSR-2026-000001", null, true).versioned(), null)
                .personalDataUnreadable())
        .isTrue();
    assertThat(
            CaseView.of(StoredCases.routed("PSR-2026-000001", null, false).versioned(), null)
                .personalDataUnreadable())
        .isFalse();
  }
}
