package id.aduan.agency;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code sla} section of an agency file: escalation delays, the agency's own days off and
 * LAPOR!'s clocks. Absent, or any part of it absent, means {@link Agency.Sla#DEFAULTS}.
 *
 * <pre>
 * sla:
 *   escalationAfter: [PT0S, P1D]      # one per role of `escalation`, counted from the breach
 *   daysOff:
 *     - {date: 2026-06-01, name: "Hari jadi kabupaten"}
 *   lapor:
 *     - {clock: follow-up, duration: 5, unit: WORKING_DAYS, source: "..."}
 *     - {clock: close-without-reply, duration: 10, unit: WORKING_DAYS, source: "..."}
 * </pre>
 */
final class SlaSection {

  private static final List<String> LAPOR_CLOCKS = List.of("follow-up", "close-without-reply");

  private SlaSection() {}

  static Agency.Sla read(YamlNode root, int escalationRoles) {
    YamlNode sla = root.optional("sla").orElse(null);
    if (sla == null) {
      return Agency.Sla.DEFAULTS;
    }
    sla.allowOnly("escalationAfter", "daysOff", "lapor");
    List<Duration> after = new ArrayList<>();
    for (YamlNode d : sla.list("escalationAfter")) {
      Duration delay = d.as(Duration::parse, "an ISO-8601 duration such as PT0S or P1D");
      if (delay.isNegative()) {
        throw d.error("an escalation delay cannot be negative");
      }
      after.add(delay);
    }
    if (!after.isEmpty() && after.size() != escalationRoles) {
      throw sla.required("escalationAfter")
          .error(
              "names "
                  + after.size()
                  + " delays for "
                  + escalationRoles
                  + " escalation roles (one per role, in the same order)");
    }
    List<Agency.DayOff> daysOff = new ArrayList<>();
    Set<LocalDate> seen = new HashSet<>();
    for (YamlNode d : sla.list("daysOff")) {
      d.allowOnly("date", "name");
      LocalDate date = d.parse("date", SlaSection::date, "a date such as 2026-06-01");
      if (!seen.add(date)) {
        throw d.required("date").error("duplicate day off " + date);
      }
      daysOff.add(new Agency.DayOff(date, d.text("name")));
    }
    List<Agency.LaporClock> lapor = new ArrayList<>(Agency.Sla.DEFAULTS.lapor());
    if (sla.optional("lapor").isPresent()) {
      lapor.clear();
      Set<String> clocks = new HashSet<>();
      for (YamlNode c : sla.list("lapor")) {
        c.allowOnly("clock", "duration", "unit", "source");
        String clock = c.text("clock");
        if (!LAPOR_CLOCKS.contains(clock)) {
          throw c.required("clock")
              .error("unknown LAPOR! clock '" + clock + "' (allowed: " + LAPOR_CLOCKS + ")");
        }
        if (!clocks.add(clock)) {
          throw c.required("clock").error("duplicate LAPOR! clock '" + clock + "'");
        }
        lapor.add(
            new Agency.LaporClock(
                clock,
                RulesFile.positiveNumber(c.required("duration")),
                RulesFile.unit(c.required("unit")),
                c.text("source")));
      }
    }
    return new Agency.Sla(after, daysOff, lapor);
  }

  private static LocalDate date(String raw) {
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(raw, e);
    }
  }
}
