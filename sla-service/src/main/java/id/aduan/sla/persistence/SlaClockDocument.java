package id.aduan.sla.persistence;

import id.aduan.contracts.ClockState;
import id.aduan.sla.application.TrackedClock;
import id.aduan.sla.domain.DueLevel;
import id.aduan.sla.domain.SlaClock;
import id.aduan.sla.domain.SlaDuration;
import id.aduan.support.messaging.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One running clock of one case ({@code id = caseId/clock}). {@code duration} is what the policy
 * allows (e.g. {@code 5 working-days}), kept so that a calendar change can recompute the deadline.
 * {@code scheduleVersion} grows whenever the deadline moves or the clock pauses, so that due
 * moments filed for an older version are recognised as stale; {@code fired} holds the levels
 * (warnings, breach, escalations) already announced, each at most once. {@code nextDueAt} is the
 * next moment something must happen to it (a warning, the breach). {@code extension} is a granted
 * extension (e.g. {@code 7 working-days}), {@code pausedSeconds} the office time spent paused so
 * far: with {@code startedAt} and {@code duration} they give the deadline again after a calendar
 * change or a reclassification. {@code quiet} clocks announce only their moment (no warnings, no
 * escalation); {@code division} is the division the case was routed to, carried on warnings and
 * breaches.
 */
@Document("sla_clocks")
public record SlaClockDocument(
    @Id String id,
    String caseId,
    String ticket,
    String agencyCode,
    String clock,
    String policy,
    Instant startedAt,
    Instant deadline,
    @Nullable String duration,
    boolean provisional,
    String state,
    Instant nextDueAt,
    int scheduleVersion,
    List<String> fired,
    @Nullable Instant pausedAt,
    List<Outbox.Entry> outbox,
    boolean outboxPending,
    @Nullable String extension,
    long pausedSeconds,
    boolean quiet,
    @Nullable String division) {

  /** The levels announced, each claimed under this id (one per run of the clock). */
  public String claimOf(String level) {
    return claimOf(id, startedAt, level);
  }

  static String claimOf(String id, Instant startedAt, String level) {
    return id + "@" + startedAt.getEpochSecond() + "/" + level;
  }

  /** The clock this document stores. */
  public SlaClock slaClock() {
    return new SlaClock(
        clock,
        policy,
        startedAt,
        deadline,
        provisional,
        duration == null ? null : SlaDuration.parse(duration),
        extension == null ? null : SlaDuration.parse(extension),
        Duration.ofSeconds(pausedSeconds),
        ClockState.valueOf(state),
        pausedAt,
        scheduleVersion,
        fired.stream().map(DueLevel::parse).collect(Collectors.toSet()),
        quiet);
  }

  /** The stored clock with its case and pending events. */
  public TrackedClock tracked() {
    return new TrackedClock(id, caseId, ticket, agencyCode, division, slaClock(), outbox);
  }
}
