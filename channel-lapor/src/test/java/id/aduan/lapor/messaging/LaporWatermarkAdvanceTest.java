package id.aduan.lapor.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.Topics;
import id.aduan.lapor.config.LaporProperties;
import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.LaporReport;
import id.aduan.lapor.domain.ReportNormalizer;
import id.aduan.lapor.domain.StatusTable;
import id.aduan.lapor.domain.Watermark;
import id.aduan.lapor.persistence.KnownReports;
import id.aduan.lapor.persistence.RawResponses;
import id.aduan.lapor.persistence.Watermarks;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The watermark rule with the edges replaced (unit test of our own code): it advances to the newest
 * updated-at only after every publish returned, i.e. after Kafka acknowledged; a failed publish or
 * a failed page leaves it where it was.
 */
class LaporWatermarkAdvanceTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-05T04:00:00Z"), ZoneOffset.UTC);
  private static final Instant OLD = Instant.parse("2026-03-01T00:00:00Z");
  private final LaporGateway lapor = mock(LaporGateway.class);
  private final Watermarks watermarks = mock(Watermarks.class);
  private final ProcessedKeys processed = mock(ProcessedKeys.class);
  private final EventPublisher publisher = mock(EventPublisher.class);
  private final LaporAttachmentFetcher fetcher = mock(LaporAttachmentFetcher.class);
  private LaporIntake intake;

  @BeforeEach
  void setUp() {
    StatusTable statuses = new StatusTable(Map.of("disposisi", "ROUTED"), Map.of());
    LaporProperties properties =
        new LaporProperties(
            "http://lapor.test",
            "t",
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            50,
            20,
            Duration.ofHours(6),
            Duration.ofSeconds(10),
            new LaporProperties.Retry(3, Duration.ofMillis(1), 50, Duration.ofSeconds(1)),
            new LaporProperties.StatusMap(Map.of(), Map.of()),
            Map.of(),
            LaporProperties.Format.JSON,
            Map.of(),
            new LaporProperties.Attachments(DataSize.ofMegabytes(1), Duration.ofMinutes(1), 3),
            20);
    intake =
        new LaporIntake(
            lapor,
            fetcher,
            new ReportNormalizer(statuses, Map.of(), CLOCK),
            watermarks,
            mock(KnownReports.class),
            processed,
            mock(RawResponses.class),
            publisher,
            properties,
            new SimpleMeterRegistry(),
            CLOCK);
    when(watermarks.of("LAPOR-BTN")).thenReturn(new Watermark(OLD));
    when(fetcher.fetchNew(any(), any(), any()))
        .thenReturn(new LaporAttachmentFetcher.Fetched(List.of(), List.of()));
  }

  @Test
  void givenTwoPagesPublished_thenTheWatermarkMovesToTheNewestUpdate_askingWithTheOverlap() {
    when(lapor.listUpdated("LAPOR-BTN", OLD.minus(Duration.ofMinutes(10)), null))
        .thenReturn(page("2", report("A", "2026-03-02T00:00:00Z")));
    when(lapor.listUpdated("LAPOR-BTN", OLD.minus(Duration.ofMinutes(10)), "2"))
        .thenReturn(page(null, report("B", "2026-03-04T00:00:00Z")));

    intake.poll(AgencyCatalog.bundled().byCode("BTN").orElseThrow());

    verify(watermarks)
        .advance(eq("LAPOR-BTN"), eq(new Watermark(Instant.parse("2026-03-04T00:00:00Z"))), any());
  }

  @Test
  void givenKafkaDoesNotAcknowledge_thenTheWatermarkStays() {
    when(lapor.listUpdated(eq("LAPOR-BTN"), any(), any()))
        .thenReturn(page(null, report("A", "2026-03-02T00:00:00Z")));
    doThrow(new IllegalStateException("Kafka did not acknowledge"))
        .when(publisher)
        .publish(eq(Topics.COMPLAINTS_INBOUND), anyString(), any(), any());

    assertThatThrownBy(() -> intake.poll(AgencyCatalog.bundled().byCode("BTN").orElseThrow()))
        .hasMessageContaining("acknowledge");

    verify(watermarks, never()).advance(anyString(), any(), any());
    verify(processed, never()).remember(eq("version"), anyString(), any());
  }

  @Test
  void givenTheSecondPageFails_thenTheWatermarkStays() {
    when(lapor.listUpdated("LAPOR-BTN", OLD.minus(Duration.ofMinutes(10)), null))
        .thenReturn(page("2", report("A", "2026-03-02T00:00:00Z")));
    when(lapor.listUpdated("LAPOR-BTN", OLD.minus(Duration.ofMinutes(10)), "2"))
        .thenThrow(new IllegalStateException("LAPOR! answered 503"));

    assertThatThrownBy(() -> intake.poll(AgencyCatalog.bundled().byCode("BTN").orElseThrow()))
        .hasMessageContaining("503");

    verify(watermarks, never()).advance(anyString(), any(), any());
  }

  private static LaporGateway.Page page(String next, LaporReport... reports) {
    return new LaporGateway.Page(List.of(reports), List.of(), next, "{}");
  }

  private static LaporReport report(String id, String updatedAt) {
    return new LaporReport(
        id,
        null,
        1,
        "Judul",
        "Isi",
        null,
        null,
        List.of(),
        "disposisi",
        Instant.parse(updatedAt),
        Instant.parse(updatedAt),
        false,
        false,
        null,
        null,
        List.of(),
        List.of(),
        List.of());
  }
}
