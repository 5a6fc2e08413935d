package id.aduan.sla.config;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.sla.persistence.CalendarFile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarHealthTest {

  private static final Clock NOVEMBER_2026 =
      Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private static CalendarFile calendar(Path file) {
    return new CalendarFile(
        SlaProperties.defaults(new SlaProperties.Calendar(file, Duration.ofMinutes(1))));
  }

  @Test
  void givenNo2027Decree_thenHealthAndTheGaugeNameThatYearAndTheServiceStaysUp() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    CalendarHealth health = new CalendarHealth(calendar(null), NOVEMBER_2026, meters);

    var report = health.health();
    assertThat(report.getStatus().getCode()).isEqualTo("UP");
    assertThat(report.getDetails())
        .containsEntry("missingDecrees", List.of(2027))
        .containsEntry("source", "classpath:calendar/indonesia.txt");
    assertThat(meters.get("aduan.sla.calendar.decree.missing").tag("year", "2027").gauge().value())
        .isEqualTo(1.0);
    assertThat(meters.get("aduan.sla.calendar.decree.missing").tag("year", "2026").gauge().value())
        .isZero();
  }

  @Test
  void givenTheOperatorLoadsThe2027Decree_thenNothingIsMissingAfterTheReload() throws Exception {
    Path file = dir.resolve("calendar.txt");
    Files.writeString(file, "decree 2026 SKB\n2026-12-25 holiday Natal\n");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    CalendarFile calendar = calendar(file);
    CalendarHealth health = new CalendarHealth(calendar, NOVEMBER_2026, meters);
    assertThat(health.health().getDetails()).containsKey("missingDecrees");

    Files.writeString(file, "decree 2026 SKB\n2026-12-25 holiday Natal\ndecree 2027 SKB\n");
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(10)));
    var changed = calendar.reloadIfChanged();
    health.refreshMetric();

    assertThat(changed).hasSize(365);
    assertThat(health.health().getDetails()).doesNotContainKey("missingDecrees");
    assertThat(meters.get("aduan.sla.calendar.decree.missing").tag("year", "2027").gauge().value())
        .isZero();
  }
}
