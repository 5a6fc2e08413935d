package id.aduan.sla.scheduling;

import id.aduan.agency.AgencyCatalog;
import id.aduan.sla.config.SlaProperties;
import id.aduan.sla.persistence.CalendarFile;
import id.aduan.sla.persistence.DueSlots;
import id.aduan.sla.persistence.FiredLevels;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.support.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Lets the benchmark and other packages' tests build the package-private scheduling components. */
public final class SchedulingAccess {
  private SchedulingAccess() {}

  public static ClockSchedules schedules(
      AgencyCatalog agencies,
      CalendarFile calendar,
      DueSlots slots,
      SlaProperties properties,
      Clock clock) {
    return new ClockSchedules(agencies, calendar, slots, properties, clock);
  }

  /**
   * The scheduled outbox sweep, which publishes an entry once it saw it pending for {@code grace}.
   */
  public static Runnable outboxSweep(
      SlaClocks clocks, FiredLevels fired, Outbox outbox, Clock clock, java.time.Duration grace) {
    return new OutboxSweep(clocks, fired, outbox, clock, grace)::sweep;
  }

  public static DeadlineScan scan(
      DueSlots slots,
      SlaClocks clocks,
      FiredLevels fired,
      ClockSchedules schedules,
      Outbox outbox,
      MeterRegistry meters,
      Clock clock) {
    return new DeadlineScan(slots, clocks, fired, schedules, outbox, meters, clock);
  }
}
