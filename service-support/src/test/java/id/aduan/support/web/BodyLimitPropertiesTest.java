package id.aduan.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Which limit a path gets: prefixes by segment, and {@code *} for one segment. */
class BodyLimitPropertiesTest {

  private final BodyLimitProperties limits =
      new BodyLimitProperties(
          DataSize.ofKilobytes(64),
          Map.of(
              "/api/v1/intake", DataSize.ofMegabytes(32),
              "/api/v1/cases/*/files", DataSize.ofMegabytes(16)));

  @Test
  void aStarStandsForExactlyOneSegment() {
    assertThat(limits.limitFor("/api/v1/cases/BDG-2026-000001/files").bytes())
        .isEqualTo(DataSize.ofMegabytes(16).toBytes());
    assertThat(limits.limitFor("/api/v1/cases/BDG-2026-000001/files").name())
        .isEqualTo("/api/v1/cases/*/files");
    // Other actions on the case keep the default.
    assertThat(limits.limitFor("/api/v1/cases/BDG-2026-000001/verify").name()).isEqualTo("default");
    assertThat(limits.limitFor("/api/v1/cases//files").name()).isEqualTo("default");
    assertThat(limits.limitFor("/api/v1/cases/files").name()).isEqualTo("default");
  }

  @Test
  void plainPrefixesStillMatchBySegment() {
    assertThat(limits.limitFor("/api/v1/intake").bytes())
        .isEqualTo(DataSize.ofMegabytes(32).toBytes());
    assertThat(limits.limitFor("/api/v1/intakes").name()).isEqualTo("default");
  }
}
