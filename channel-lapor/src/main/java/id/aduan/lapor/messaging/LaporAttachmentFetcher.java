package id.aduan.lapor.messaging;

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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Downloads a report's attachments into GridFS while the report is polled, before its complaint is
 * published, so the complaint links them ({@code storageRef}, {@code sha256}). A download that
 * fails never holds the report back: the complaint names the attachment as FAILED, the failure is
 * recorded, and {@link #retryDue} tries again later and announces the file, once stored, as a
 * {@code lapor-attachment} message that replies to the report.
 */
@Component
public class LaporAttachmentFetcher {

  private static final Logger log = LoggerFactory.getLogger(LaporAttachmentFetcher.class);
  private final LaporGateway lapor;
  private final LaporAttachments attachments;
  private final EventPublisher publisher;
  private final LaporProperties.Attachments settings;
  private final MeterRegistry meters;
  private final Clock clock;

  LaporAttachmentFetcher(
      LaporGateway lapor,
      LaporAttachments attachments,
      EventPublisher publisher,
      LaporProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.lapor = lapor;
    this.attachments = attachments;
    this.publisher = publisher;
    this.settings = properties.attachments();
    this.meters = meters;
    this.clock = clock;
  }

  /** The attachments a complaint carries, and the entries to mark linked once it is on Kafka. */
  public record Fetched(List<ComplaintReceived.Attachment> attachments, List<String> entryIds) {}

  /**
   * Fetches the attachments of {@code report} that no complaint has carried yet (all of them for a
   * report seen for the first time; a new one added to a known report).
   */
  public Fetched fetchNew(String laporAgencyId, LaporReport report, ComplaintReceived complaint) {
    List<ComplaintReceived.Attachment> out = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (LaporReport.Attachment a : report.attachments()) {
      Entry known = attachments.of(report.trackingId(), a.id());
      if (known != null && known.linked()) {
        continue;
      }
      Entry entry = known != null ? known : entry(laporAgencyId, report, a, complaint);
      if (known == null || known.status() == Status.PENDING) {
        entry = firstAttempt(entry);
      }
      ids.add(entry.id());
      out.add(attachment(entry));
    }
    return new Fetched(out, ids);
  }

  /** The complaint carrying these attachments was acknowledged: their retries may begin. */
  public void linked(Fetched fetched) {
    attachments.linked(fetched.entryIds());
  }

  /**
   * Tries the failed downloads that are due; each stored one is published as an attachment of its
   * report. A Kafka failure leaves it pending, to try again.
   */
  public void retryDue() {
    for (Entry entry : attachments.due(clock.instant(), 100)) {
      FetchedFile file = lapor.fetch(entry.url(), settings.maxSize().toBytes());
      switch (file.outcome()) {
        case FETCHED -> {
          Entry stored = store(entry, file);
          publisher.publish(
              Topics.COMPLAINTS_INBOUND,
              stored.agencyCode() + ":" + stored.senderId(),
              lateAttachment(stored),
              stored.agencyCode());
          attachments.save(stored);
          count(stored, "retried_stored");
        }
        case TOO_LARGE -> {
          attachments.save(entry.with(Status.TOO_LARGE, entry.attempts() + 1, null));
          count(entry, "too_large");
        }
        case FAILED -> failedAgain(entry, file);
      }
    }
  }

  private Entry firstAttempt(Entry entry) {
    if (entry.sizeBytes() > settings.maxSize().toBytes()) {
      // LAPOR! says it is too large: do not fetch what would be refused.
      Entry tooLarge = entry.with(Status.TOO_LARGE, 0, null);
      attachments.save(tooLarge);
      count(entry, "too_large");
      return tooLarge;
    }
    FetchedFile file = lapor.fetch(entry.url(), settings.maxSize().toBytes());
    Entry result =
        switch (file.outcome()) {
          case FETCHED -> store(entry, file);
          case TOO_LARGE -> entry.with(Status.TOO_LARGE, entry.attempts() + 1, null);
          case FAILED ->
              entry.with(
                  Status.PENDING,
                  entry.attempts() + 1,
                  clock.instant().plus(settings.retryInterval()));
        };
    attachments.save(result);
    count(
        entry,
        switch (result.status()) {
          case STORED -> "stored";
          case TOO_LARGE -> "too_large";
          default -> "failed";
        });
    if (result.status() == Status.PENDING) {
      log.warn(
          "a LAPOR! attachment of agency {} could not be fetched ({}); retried later",
          entry.agencyCode(),
          file.failure());
    }
    return result;
  }

  private void failedAgain(Entry entry, FetchedFile file) {
    int attempts = entry.attempts() + 1;
    if (attempts >= settings.maxAttempts()) {
      attachments.save(entry.with(Status.GAVE_UP, attempts, null));
      count(entry, "gave_up");
      log.warn(
          "gave up a LAPOR! attachment of agency {} after {} attempts ({})",
          entry.agencyCode(),
          attempts,
          file.failure());
      return;
    }
    // Waits longer after each failure: a file LAPOR! lost should not be asked for every minute.
    Instant next = clock.instant().plus(settings.retryInterval().multipliedBy(attempts));
    attachments.save(entry.with(Status.PENDING, attempts, next));
    count(entry, "failed");
  }

  private Entry store(Entry entry, FetchedFile file) {
    byte[] bytes = file.bytes() == null ? new byte[0] : file.bytes();
    String type =
        file.mediaType() != null
            ? file.mediaType()
            : entry.mediaType() != null ? entry.mediaType() : "application/octet-stream";
    LaporAttachments.Stored stored = attachments.store(entry, type, bytes);
    return entry.storedAs(stored.storageRef(), stored.sha256(), bytes.length, type);
  }

  private static Entry entry(
      String laporAgencyId, LaporReport report, LaporReport.Attachment a, ComplaintReceived c) {
    return new Entry(
        Entry.key(report.trackingId(), a.id()),
        report.trackingId(),
        a.id(),
        c.agencyCode(),
        laporAgencyId,
        a.url(),
        // A file name can name the reporter ("ktp_dewi.jpg"): none for an anonymous report.
        report.anonymous() ? null : a.fileName(),
        a.mediaType(),
        a.sizeBytes(),
        Status.PENDING,
        0,
        null,
        null,
        null,
        c.sender().channelUserId(),
        c.sender().anonymous(),
        c.sender().confidential(),
        false);
  }

  private static ComplaintReceived.Attachment attachment(Entry e) {
    return new ComplaintReceived.Attachment(
        e.attachmentId(),
        e.mediaType() == null ? "application/octet-stream" : e.mediaType(),
        e.fileName(),
        e.sizeBytes(),
        e.sha256(),
        e.storageRef(),
        switch (e.status()) {
          case STORED -> "STORED";
          case TOO_LARGE -> "TOO_LARGE";
          case PENDING, GAVE_UP -> "FAILED";
        });
  }

  private ComplaintReceived lateAttachment(Entry e) {
    Map<String, String> metadata =
        Map.of(
            "laporTrackingId", e.trackingId(),
            "laporAttachmentId", e.attachmentId(),
            "change", "attachment",
            "anonymous", Boolean.toString(e.anonymous()),
            "confidential", Boolean.toString(e.confidential()));
    return new ComplaintReceived(
        UUID.randomUUID().toString(),
        clock.instant(),
        e.agencyCode(),
        Channel.LAPOR,
        e.laporAgencyId(),
        e.trackingId() + "/attachment/" + e.attachmentId(),
        new ComplaintReceived.Sender(e.senderId(), null, e.anonymous(), e.confidential()),
        "lapor-attachment",
        null,
        null,
        List.of(attachment(e)),
        null,
        e.trackingId(),
        List.of(e.trackingId()),
        clock.instant(),
        metadata,
        null);
  }

  private void count(Entry e, String outcome) {
    meters
        .counter(
            "aduan.media.downloads",
            "channel",
            "lapor",
            "agency",
            e.agencyCode(),
            "outcome",
            outcome)
        .increment();
  }
}
