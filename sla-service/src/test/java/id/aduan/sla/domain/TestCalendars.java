package id.aduan.sla.domain;

import id.aduan.agency.Agency;
import java.util.stream.Collectors;

/** Agencies' working days on the bundled national calendar, for tests in any package. */
public final class TestCalendars {

  private static final HolidayCalendar NATIONAL = HolidayCalendarTest.bundled();

  private TestCalendars() {}

  public static WorkingDays of(Agency agency) {
    return new WorkingDays(
        agency.timeZone(),
        agency.officeHours().open(),
        agency.officeHours().close(),
        NATIONAL,
        agency.rules().sla().daysOff().stream()
            .map(Agency.DayOff::date)
            .collect(Collectors.toSet()));
  }
}
