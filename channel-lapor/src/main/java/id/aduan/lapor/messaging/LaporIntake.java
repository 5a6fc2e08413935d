package id.aduan.lapor.messaging;

import id.aduan.agency.Agency;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.Topics;
import id.aduan.lapor.config.LaporProperties;
import id.aduan.lapor.domain.KnownReport;
import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.LaporReport;
import id.aduan.lapor.domain.ReportNormalizer;
import id.aduan.lapor.domain.Sha256;
import id.aduan.lapor.domain.UnreadableAnswerException;
import id.aduan.lapor.domain.Watermark;
import id.aduan.lapor.persistence.KnownReports;
import id.aduan.lapor.persistence.RawResponses;
import id.aduan.lapor.persistence.Watermarks;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * One poll of one agency: pages through the reports LAPOR! updated since the watermark (minus the
 * overlap), hands every new (tracking id, version) to Kafka, and only then moves the watermark.
 * {@link EventPublisher#publish} returns only after Kafka acknowledged, so when Kafka or LAPOR!
 * fails part-way the watermark stays where it was and the next poll asks again; what it sees twice
 * is absorbed by the version keys.
 */
@Component
public class LaporIntake {

  private static final Logger log = LoggerFactory.getLogger(LaporIntake.class);
  private final LaporGateway lapor;
  private final LaporAttachmentFetcher fetcher;
  private final ReportNormalizer normalizer;
  private final Watermarks watermarks;
  private final KnownReports knownReports;
  private final ProcessedKeys processed;
  private final RawResponses archive;
  private final EventPublisher publisher;
  private final LaporProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  LaporIntake(
      LaporGateway lapor,
      LaporAttachmentFetcher fetcher,
      ReportNormalizer normalizer,
      Watermarks watermarks,
      KnownReports knownReports,
      @Qualifier("reportKeys") ProcessedKeys processed,
      RawResponses archive,
      EventPublisher publisher,
      LaporProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.lapor = lapor;
    this.fetcher = fetcher;
    this.normalizer = normalizer;
    this.watermarks = watermarks;
    this.knownReports = knownReports;
    this.processed = processed;
    this.archive = archive;
    this.publisher = publisher;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Polls one agency's LAPOR! queue.
   *
   * @throws RuntimeException when LAPOR! or Kafka failed; the watermark did not move
   */
  public void poll(Agency agency) {
    String laporId = Objects.requireNonNull(agency.channels().laporAgencyId());
    Watermark watermark = watermarks.of(laporId);
    Watermark next = watermark;
    Instant from = watermark.pollFrom(properties.overlap());
    @Nullable String cursor = null;
    int pages = 0;
    do {
      LaporGateway.Page page;
      try {
        page = lapor.listUpdated(laporId, from, cursor);
      } catch (UnreadableAnswerException e) {
        throw unreadablePage(agency, laporId, e);
      }
      archive.archive("reports", laporId, page.raw(), clock.instant());
      for (LaporReport report : page.reports()) {
        take(agency, laporId, report);
        next = next.advancedTo(report.updatedAt());
      }
      for (LaporGateway.Unreadable bad : page.unreadable()) {
        // Read again by every poll within the overlap: dead-lettered once per distinct content.
        deadLetterOnce(agency, laporId, "UNREADABLE_REPORT", bad.reason(), bad.json());
        count(agency, "unreadable");
      }
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < properties.maxPagesPerPoll());
    // Reached only when every report above was acknowledged by Kafka (or dead-lettered, which is
    // also an acknowledged send).
    watermarks.advance(laporId, next, clock.instant());
    meters.counter("aduan.lapor.polls", "agency", agency.code(), "outcome", "ok").increment();
  }

  private void take(Agency agency, String laporId, LaporReport report) {
    if (processed.seen("version", report.versionKey())) {
      count(agency, "duplicate");
      return;
    }
    KnownReport known = knownReports.of(report.trackingId());
    switch (normalizer.normalize(agency.code(), laporId, report, known)) {
      case ReportNormalizer.Publish(ComplaintReceived complaint) -> {
        LaporAttachmentFetcher.Fetched files = fetcher.fetchNew(laporId, report, complaint);
        publisher.publish(
            Topics.COMPLAINTS_INBOUND,
            complaint.agencyCode() + ":" + complaint.sender().channelUserId(),
            withAttachments(complaint, files.attachments()),
            complaint.agencyCode());
        fetcher.linked(files);
        count(agency, known == null ? "published" : "update_published");
      }
      case ReportNormalizer.Unchanged() -> count(agency, "own_change");
      case ReportNormalizer.Reject(String reason, String detail) -> {
        deadLetter(agency, reason, detail, report.versionKey());
        count(agency, "rejected");
      }
    }
    processed.remember("version", report.versionKey(), clock.instant());
    knownReports.save(report.trackingId(), KnownReport.of(report), clock.instant(), laporId);
  }

  /**
   * Reads again, one by one, up to {@code recheck-per-poll} of the agency's reports still open, the
   * least recently read first. LAPOR!'s listing stops showing a report dispositioned away from the
   * agency, so only this read sees the change; it is published for the case (its clocks stop). A
   * report that cannot be read is counted and logged, and its turn passes to the next one.
   */
  public void recheck(Agency agency) {
    String laporId = Objects.requireNonNull(agency.channels().laporAgencyId());
    for (String trackingId : knownReports.toRecheck(laporId, properties.recheckPerPoll())) {
      try {
        LaporGateway.Page page = lapor.report(trackingId);
        archive.archive("report", laporId, page.raw(), clock.instant());
        for (LaporReport report : page.reports()) {
          if (report.trackingId().equals(trackingId) && report.dispositionedAwayFrom(laporId)) {
            dispositionedAway(agency, laporId, report);
          }
        }
        for (LaporGateway.Unreadable bad : page.unreadable()) {
          deadLetterOnce(agency, laporId, "UNREADABLE_REPORT", bad.reason(), bad.json());
          count(agency, "unreadable");
        }
      } catch (UnreadableAnswerException e) {
        unreadablePage(agency, laporId, e);
      } catch (RuntimeException e) {
        count(agency, "recheck_failed");
        log.warn("reading LAPOR! report of {} again failed: {}", agency.code(), e.toString());
      }
      knownReports.checked(trackingId, clock.instant());
    }
  }

  private void dispositionedAway(Agency agency, String laporId, LaporReport report) {
    switch (normalizer.dispositionedAway(agency.code(), laporId, report)) {
      case ReportNormalizer.Publish(ComplaintReceived complaint) -> {
        publisher.publish(
            Topics.COMPLAINTS_INBOUND,
            complaint.agencyCode() + ":" + complaint.sender().channelUserId(),
            complaint,
            complaint.agencyCode());
        count(agency, "disposition_away");
      }
      case ReportNormalizer.Unchanged() -> count(agency, "own_change");
      case ReportNormalizer.Reject(String reason, String detail) -> {
        deadLetter(agency, reason, detail, report.versionKey());
        count(agency, "rejected");
      }
    }
    // After the publish was acknowledged: a crash before this reads it again and publishes the same
    // provider id (<tracking id>/v<n>), which the case service takes as a duplicate.
    knownReports.away(report.trackingId(), KnownReport.of(report), clock.instant());
  }

  private static ComplaintReceived withAttachments(
      ComplaintReceived c, List<ComplaintReceived.Attachment> attachments) {
    if (attachments.isEmpty()) {
      return c;
    }
    return new ComplaintReceived(
        c.eventId(),
        c.occurredAt(),
        c.agencyCode(),
        c.channel(),
        c.channelAccountId(),
        c.providerMessageId(),
        c.sender(),
        c.messageType(),
        c.subject(),
        c.text(),
        attachments,
        c.location(),
        c.inReplyTo(),
        c.references(),
        c.receivedAt(),
        c.metadata(),
        null);
  }

  /**
   * LAPOR! answered a page no mapper can read. The poll stops there and the watermark stays, so
   * nothing after it is skipped; the answer is archived, counted, and dead-lettered once per
   * distinct answer (a broken page is asked for again every poll until LAPOR! fixes it).
   */
  private UnreadableAnswerException unreadablePage(
      Agency agency, String laporId, UnreadableAnswerException e) {
    String raw = e.raw() == null ? "" : e.raw();
    archive.archive("unreadable", laporId, raw, clock.instant());
    meters
        .counter("aduan.lapor.unreadable.responses", "agency", agency.code(), "kind", "reports")
        .increment();
    deadLetterOnce(agency, laporId, "UNREADABLE_RESPONSE", String.valueOf(e.getMessage()), raw);
    return e;
  }

  /**
   * Dead-letters what LAPOR! keeps sending unchanged only the first time. The key is written after
   * the dead letter was acknowledged, so a Kafka failure in between repeats it rather than lose it.
   */
  private void deadLetterOnce(
      Agency agency, String laporId, String reason, String detail, String payload) {
    String key = laporId + "/" + Sha256.hex(payload);
    if (processed.seen(reason, key)) {
      return;
    }
    deadLetter(agency, reason, detail, payload);
    processed.remember(reason, key, clock.instant());
  }

  private void deadLetter(Agency agency, String reason, String detail, String payload) {
    DeadLetter dead =
        new DeadLetter(
            UUID.randomUUID().toString(),
            clock.instant(),
            "channel-lapor",
            Channel.LAPOR,
            reason,
            detail,
            "application/json",
            Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
    publisher.deadLetterRecord(Topics.dlq(Topics.COMPLAINTS_INBOUND), reason, dead, reason);
    log.warn("LAPOR! report of agency {} dead-lettered: {}", agency.code(), reason);
  }

  private void count(Agency agency, String outcome) {
    meters
        .counter(
            "aduan.inbound.messages",
            "channel",
            "lapor",
            "agency",
            agency.code(),
            "outcome",
            outcome)
        .increment();
  }
}
