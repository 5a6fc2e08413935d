package id.aduan.sla.scheduling;

import id.aduan.agency.AgencyCatalog;
import id.aduan.sla.application.DueFiling;
import id.aduan.sla.application.TrackedClock;
import id.aduan.sla.config.SlaProperties;
import id.aduan.sla.domain.DueLevel;
import id.aduan.sla.domain.DueSchedule;
import id.aduan.sla.domain.SlaClock;
import id.aduan.sla.domain.SlaPolicy;
import id.aduan.sla.persistence.CalendarFile;
import id.aduan.sla.persistence.DueSlots;
import id.aduan.sla.persistence.SlaClockDocument;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Files the due moments (warnings, breach, escalations) of a clock's current schedule version. */
@Component
public class ClockSchedules implements DueFiling {

  private final AgencyCatalog agencies;
  private final CalendarFile calendar;
  private final DueSlots slots;
  private final SlaProperties properties;
  private final Clock clock;

  ClockSchedules(
      AgencyCatalog agencies,
      CalendarFile calendar,
      DueSlots slots,
      SlaProperties properties,
      Clock clock) {
    this.agencies = agencies;
    this.calendar = calendar;
    this.slots = slots;
    this.properties = properties;
    this.clock = clock;
  }

  public void file(SlaClockDocument running) {
    file(running.tracked());
  }

  @Override
  public void file(TrackedClock running) {
    SlaClock c = running.clock();
    agencies
        .byCode(running.agencyCode())
        .ifPresent(
            agency ->
                slots.file(
                    running.id(),
                    c.scheduleVersion(),
                    c.quiet()
                        ? List.of(new DueSchedule.Due(DueLevel.BREACH, c.deadline()))
                        : DueSchedule.of(
                            c.startedAt(),
                            c.deadline(),
                            calendar.workingDaysOf(agency),
                            properties.warnings(),
                            SlaPolicy.chain(agency, properties.chain())),
                    clock.instant()));
  }

  /** The escalation chain of an agency (its file's roles and delays), or the configured default. */
  public List<DueSchedule.Escalation> chainOf(String agencyCode) {
    return agencies
        .byCode(agencyCode)
        .map(a -> SlaPolicy.chain(a, properties.chain()))
        .orElse(properties.chain());
  }
}
