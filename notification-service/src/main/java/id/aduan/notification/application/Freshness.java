package id.aduan.notification.application;

import id.aduan.contracts.CaseEvent;
import id.aduan.notification.config.NotificationProperties;
import id.aduan.notification.domain.CaseView;
import id.aduan.notification.domain.Notice;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Events older than {@code aduan.notification.stale-after} still update the read model but, as a
 * rule, tell nobody: a consumer group that starts on a topic's history (a new binding, a reset
 * offset) must not send citizens and officers a burst of old news.
 *
 * <p>One exception (docs/adr/0038): the citizen's outcome (answer, resolution, rejection) of an
 * event that is still the case's current state and younger than {@code
 * aduan.notification.outcome-catch-up} is still due. After an outage of a day the citizen would
 * otherwise never hear how the complaint ended. Dispatch stores every notice under a deterministic
 * id, so an outcome that was already sent stays quiet on a replay. Every notice left out is counted
 * and logged (purpose and ticket), never dropped without a trace.
 */
@Component
public class Freshness {

  private static final Logger log = LoggerFactory.getLogger(Freshness.class);

  /** What a citizen must hear even late: how the complaint ended. */
  static final Set<String> OUTCOMES = Set.of("ANSWER", "RESOLUTION", "REJECTION");

  private final Duration staleAfter;
  private final Duration outcomeCatchUp;
  private final Clock clock;
  private final MeterRegistry meters;

  public Freshness(NotificationProperties properties, Clock clock, MeterRegistry meters) {
    this.staleAfter = properties.staleAfter();
    this.outcomeCatchUp = properties.outcomeCatchUp();
    this.clock = clock;
    this.meters = meters;
  }

  /** True when the event is too old to notify about (counted by topic). */
  public boolean stale(Instant occurredAt, String topic) {
    if (occurredAt.plus(staleAfter).isAfter(clock.instant())) {
      return false;
    }
    meters.counter("aduan.notification.stale.events", "topic", topic).increment();
    return true;
  }

  /**
   * Of a stale case event's notices, those still due: the citizen's outcome, when the event is
   * still the case's state (not reopened, resolved or rejected since) and within the catch-up
   * window. The rest is counted ({@code aduan.notification.stale.notices}, outcome {@code skipped})
   * and logged.
   */
  public List<Notice> stillDue(CaseEvent event, @Nullable CaseView view, List<Notice> notices) {
    boolean current =
        view != null
            && view.status() == event.status()
            && event.occurredAt().plus(outcomeCatchUp).isAfter(clock.instant());
    List<Notice> due =
        notices.stream()
            .filter(
                n ->
                    current
                        && n.audience() == Notice.Audience.CITIZEN
                        && n.key().isEmpty()
                        && OUTCOMES.contains(n.purpose()))
            .toList();
    for (Notice notice : notices) {
      boolean sent = due.contains(notice);
      meters
          .counter(
              "aduan.notification.stale.notices",
              "purpose",
              notice.purpose(),
              "outcome",
              sent ? "due_late" : "skipped")
          .increment();
      log.info(
          "{} notice {} of {} ({}, {} old): {}",
          sent ? "Late" : "Skipped",
          notice.purpose(),
          event.ticket(),
          event.getClass().getSimpleName(),
          Duration.between(event.occurredAt(), clock.instant()),
          sent
              ? "the case's outcome, never told to the citizen yet"
              : "stale (older than " + staleAfter + ")");
    }
    return due;
  }
}
