package id.aduan.lapor.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.lapor.config.LaporProperties;
import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.LaporGateway.FetchedFile;
import id.aduan.lapor.domain.LaporReport;
import id.aduan.lapor.persistence.LaporAttachments;
import id.aduan.lapor.persistence.LaporAttachments.Entry;
import id.aduan.lapor.persistence.LaporAttachments.Status;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.util.unit.DataSize;

/**
 * The attachment rules with the edges replaced (unit test of our own code): what is fetched, how a
 * failure waits longer each time and is given up, and that a retried file is recorded as stored
 * only after Kafka acknowledged its message.
 */
class LaporAttachmentFetcherTest {

  private static final Instant NOW = Instant.parse("2026-03-05T04:00:00Z");
  private final LaporGateway lapor = mock(LaporGateway.class);
  private final LaporAttachments store = mock(LaporAttachments.class);
  private final EventPublisher publisher = mock(EventPublisher.class);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final LaporAttachmentFetcher fetcher =
      new LaporAttachmentFetcher(
          lapor, store, publisher, properties(), meters, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void givenADeclaredSizeOverTheLimit_thenTooLargeWithoutFetching() {
    LaporReport report =
        report(new LaporReport.Attachment("a1", "x.pdf", "application/pdf", 5000, "u"));

    var fetched = fetcher.fetchNew("LAPOR-BTN", report, complaint());

    assertThat(fetched.attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo("TOO_LARGE"));
    verify(lapor, never()).fetch(anyString(), anyLong());
  }

  @Test
  void givenAFirstDownloadFails_thenTheComplaintSaysFailed_andARetryIsDueAfterTheInterval() {
    when(lapor.fetch(eq("u"), anyLong())).thenReturn(FetchedFile.failed("HTTP 503"));
    LaporReport report = report(new LaporReport.Attachment("a1", "x.jpg", "image/jpeg", 10, "u"));

    var fetched = fetcher.fetchNew("LAPOR-BTN", report, complaint());

    assertThat(fetched.attachments())
        .extracting(ComplaintReceived.Attachment::status)
        .containsExactly("FAILED");
    ArgumentCaptor<Entry> saved = ArgumentCaptor.forClass(Entry.class);
    verify(store).save(saved.capture());
    assertThat(saved.getValue().status()).isEqualTo(Status.PENDING);
    assertThat(saved.getValue().linked())
        .as("not retried before the complaint is on Kafka")
        .isFalse();
    assertThat(saved.getValue().nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
  }

  @Test
  void givenARetryFailsAgain_thenItWaitsLonger_andAtTheLastAttemptItIsGivenUp() {
    when(lapor.fetch(anyString(), anyLong())).thenReturn(FetchedFile.failed("HTTP 404"));
    when(store.due(any(), eq(100))).thenReturn(List.of(pending(1), pending(2)));

    fetcher.retryDue();

    ArgumentCaptor<Entry> saved = ArgumentCaptor.forClass(Entry.class);
    verify(store, org.mockito.Mockito.times(2)).save(saved.capture());
    assertThat(saved.getAllValues().get(0).status()).isEqualTo(Status.PENDING);
    assertThat(saved.getAllValues().get(0).nextAttemptAt())
        .isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(saved.getAllValues().get(1).status()).isEqualTo(Status.GAVE_UP);
    assertThat(
            meters
                .counter(
                    "aduan.media.downloads",
                    "channel",
                    "lapor",
                    "agency",
                    "BTN",
                    "outcome",
                    "gave_up")
                .count())
        .isEqualTo(1);
    verify(publisher, never()).publish(anyString(), anyString(), any(), any());
  }

  @Test
  void givenKafkaDoesNotAcknowledgeARetriedFile_thenItIsNotRecordedAsStored() {
    when(lapor.fetch(anyString(), anyLong()))
        .thenReturn(FetchedFile.fetched(new byte[] {1, 2, 3}, "image/jpeg"));
    when(store.due(any(), eq(100))).thenReturn(List.of(pending(1)));
    when(store.store(any(), anyString(), any()))
        .thenReturn(new LaporAttachments.Stored("ref", "abc"));
    doThrow(new IllegalStateException("Kafka did not acknowledge"))
        .when(publisher)
        .publish(eq(Topics.COMPLAINTS_INBOUND), anyString(), any(), any());

    assertThatThrownBy(fetcher::retryDue).hasMessageContaining("acknowledge");

    verify(store, never()).save(any());
  }

  private static Entry pending(int attempts) {
    return new Entry(
        "LAPOR-1/a" + attempts,
        "LAPOR-1",
        "a" + attempts,
        "BTN",
        "LAPOR-BTN",
        "u",
        "x.jpg",
        "image/jpeg",
        10,
        Status.PENDING,
        attempts,
        NOW,
        null,
        null,
        "u-1",
        false,
        false,
        true);
  }

  private static LaporProperties properties() {
    return new LaporProperties(
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
        new LaporProperties.Attachments(DataSize.ofKilobytes(1), Duration.ofMinutes(1), 3),
        20);
  }

  private static ComplaintReceived complaint() {
    return new ComplaintReceived(
        "e1",
        NOW,
        "BTN",
        Channel.LAPOR,
        "LAPOR-BTN",
        "LAPOR-1",
        new ComplaintReceived.Sender("u-1", "Warga", false, false),
        "lapor-report",
        "Judul",
        "Isi",
        List.of(),
        null,
        null,
        List.of("LAPOR-1"),
        NOW,
        Map.of(),
        null);
  }

  private static LaporReport report(LaporReport.Attachment attachment) {
    return new LaporReport(
        "LAPOR-1",
        null,
        1,
        "Judul",
        "Isi",
        null,
        null,
        List.of(),
        "disposisi",
        NOW,
        NOW,
        false,
        false,
        null,
        null,
        List.of(attachment),
        List.of(),
        List.of());
  }
}
