package id.aduan.lapor.scheduling;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.UnreadableAnswerException;
import id.aduan.lapor.messaging.LaporAttachmentFetcher;
import id.aduan.lapor.messaging.LaporIntake;
import id.aduan.lapor.persistence.LaporTopics;
import id.aduan.lapor.persistence.RawResponses;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls every agency that has a LAPOR! agency id, one after the other; one agency's failure is
 * counted and logged and does not keep the others waiting. Also synchronises the category tree.
 */
@Component
class PollLapor {

  private static final Logger log = LoggerFactory.getLogger(PollLapor.class);
  private final AgencyCatalog agencies;
  private final LaporIntake intake;
  private final LaporAttachmentFetcher attachments;
  private final LaporGateway lapor;
  private final LaporTopics topics;
  private final RawResponses archive;
  private final MeterRegistry meters;
  private final Clock clock;

  PollLapor(
      AgencyCatalog agencies,
      LaporIntake intake,
      LaporAttachmentFetcher attachments,
      LaporGateway lapor,
      LaporTopics topics,
      RawResponses archive,
      MeterRegistry meters,
      Clock clock) {
    this.agencies = agencies;
    this.intake = intake;
    this.attachments = attachments;
    this.lapor = lapor;
    this.topics = topics;
    this.archive = archive;
    this.meters = meters;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${aduan.lapor.poll-interval:30s}",
      initialDelayString = "${aduan.lapor.poll-initial-delay:5s}")
  void pollAll() {
    for (Agency agency : agencies.all()) {
      if (agency.channels().laporAgencyId() == null) {
        continue;
      }
      try {
        intake.poll(agency);
        intake.recheck(agency);
      } catch (RuntimeException e) {
        meters
            .counter(
                "aduan.lapor.polls",
                "agency",
                agency.code(),
                "outcome",
                "failed",
                "reason",
                e.getClass().getSimpleName())
            .increment();
        log.warn(
            "polling LAPOR! for {} failed; the watermark stays: {}", agency.code(), e.toString());
      }
    }
  }

  /** Failed attachment downloads, tried again; Kafka down leaves them pending. */
  @Scheduled(
      fixedDelayString = "${aduan.lapor.attachments.retry-interval:1m}",
      initialDelayString = "${aduan.lapor.poll-initial-delay:5s}")
  void retryAttachments() {
    try {
      attachments.retryDue();
    } catch (RuntimeException e) {
      log.warn("retrying LAPOR! attachments failed: {}", e.toString());
    }
  }

  @Scheduled(
      fixedDelayString = "${aduan.lapor.topic-sync-interval:6h}",
      initialDelayString = "${aduan.lapor.poll-initial-delay:5s}")
  void syncTopics() {
    try {
      LaporGateway.Topics tree = lapor.topics();
      archive.archive("topics", "*", tree.raw(), clock.instant());
      topics.replaceWith(tree.topics(), clock.instant());
      meters.counter("aduan.lapor.topic.syncs", "outcome", "ok").increment();
    } catch (UnreadableAnswerException e) {
      // Archived as for report pages; the categories stay as they were.
      archive.archive("unreadable", "*", e.raw() == null ? "" : e.raw(), clock.instant());
      meters
          .counter("aduan.lapor.unreadable.responses", "agency", "*", "kind", "topics")
          .increment();
      meters.counter("aduan.lapor.topic.syncs", "outcome", "failed").increment();
      log.warn("LAPOR!'s category tree could not be read: {}", e.getMessage());
    } catch (RuntimeException e) {
      meters.counter("aduan.lapor.topic.syncs", "outcome", "failed").increment();
      log.warn("synchronising LAPOR! categories failed: {}", e.toString());
    }
  }
}
