package id.aduan.contracts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A fact about a deadline, on {@link Topics#SLA_EVENTS}, keyed by case id. A case may run several
 * clocks at once ({@code clock} names one: e.g. {@code completion}, {@code start-of-handling},
 * {@code walk-in-reception}, {@code lapor-follow-up}).
 */
public sealed interface SlaEvent {

  /**
   * SP4N-LAPOR!'s closing clock: an answered report closes after 10 working days without the
   * reporter's reply. Its breach is the moment the case service closes the report.
   */
  String LAPOR_CLOSE = "lapor-close";

  String eventId();

  Instant occurredAt();

  String caseId();

  String ticket();

  String agencyCode();

  String clock();

  /**
   * @param policy the SLA class or stage the deadline comes from, e.g. {@code default/completion}
   * @param provisional the deadline reaches into a year with no holiday decree loaded
   */
  record SlaClockStarted(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      String clock,
      String policy,
      Instant startedAt,
      Instant deadline,
      boolean provisional)
      implements SlaEvent {}

  record SlaClockPaused(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      String clock,
      Instant pausedAt)
      implements SlaEvent {}

  record SlaClockResumed(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      String clock,
      Instant resumedAt,
      Instant deadline,
      boolean provisional)
      implements SlaEvent {}

  /** The deadline moved (reclassification, calendar change). */
  record SlaDeadlineChanged(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      String clock,
      Instant deadline,
      boolean provisional,
      String reason)
      implements SlaEvent {}

  /** {@code fraction} of the allowed time has been used (e.g. 0.5, 0.8). */
  record SlaWarning(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      String clock,
      double fraction,
      Instant deadline,
      @Nullable String division)
      implements SlaEvent {}

  record SlaBreached(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      String clock,
      Instant deadline,
      @Nullable String division)
      implements SlaEvent {}

  /** The breach was escalated to the next role of the agency's chain (level 1, 2, ...). */
  record SlaEscalated(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      String clock,
      int level,
      String role,
      Instant deadline)
      implements SlaEvent {}

  /** The clock stopped: met when {@code late} is false. */
  record SlaClockStopped(
      String eventId,
      Instant occurredAt,
      String caseId,
      String ticket,
      String agencyCode,
      String clock,
      Instant deadline,
      Instant stoppedAt,
      boolean late)
      implements SlaEvent {}
}
