package id.aduan.sla.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * National holidays and collective leave (cuti bersama) by date, and the years whose joint decree
 * is loaded. Parsed from a line-based file a non-programmer can edit (see {@code
 * calendar/indonesia.txt}); every error names the source, the line and the reason.
 */
public final class HolidayCalendar {

  /** Why the office is closed on a date. */
  public record DayOff(LocalDate date, Kind kind, String name) {}

  public enum Kind {
    HOLIDAY,
    CUTI_BERSAMA
  }

  private final Map<LocalDate, DayOff> daysOff;
  private final Map<Integer, String> decrees;

  public HolidayCalendar(Map<LocalDate, DayOff> daysOff, Map<Integer, String> decrees) {
    this.daysOff = Collections.unmodifiableMap(new TreeMap<>(daysOff));
    this.decrees = Collections.unmodifiableMap(new TreeMap<>(decrees));
  }

  public static HolidayCalendar empty() {
    return new HolidayCalendar(Map.of(), Map.of());
  }

  public boolean isDayOff(LocalDate date) {
    return daysOff.containsKey(date);
  }

  /** True when the decree of {@code year} is loaded, so its days off are known. */
  public boolean hasDecree(int year) {
    return decrees.containsKey(year);
  }

  public Set<Integer> decreeYears() {
    return decrees.keySet();
  }

  public Map<LocalDate, DayOff> daysOff() {
    return daysOff;
  }

  /**
   * The dates whose status differs between this calendar and {@code other}: a day off added or
   * removed, or a year whose decree was loaded or withdrawn (all its dates change meaning).
   */
  public Set<LocalDate> changedDates(HolidayCalendar other) {
    Set<LocalDate> changed = new TreeSet<>();
    Stream.concat(daysOff.keySet().stream(), other.daysOff.keySet().stream())
        .filter(d -> daysOff.containsKey(d) != other.daysOff.containsKey(d))
        .forEach(changed::add);
    Stream.concat(decrees.keySet().stream(), other.decrees.keySet().stream())
        .filter(y -> decrees.containsKey(y) != other.decrees.containsKey(y))
        .forEach(
            y -> LocalDate.of(y, 1, 1).datesUntil(LocalDate.of(y + 1, 1, 1)).forEach(changed::add));
    return changed;
  }

  /**
   * Parses the calendar file format: {@code decree <year> <text>}, {@code <date> holiday <name>},
   * {@code <date> cuti-bersama <name>}, blank lines and {@code #} comments.
   *
   * @throws CalendarFileException naming {@code source}, the line and the reason
   */
  public static HolidayCalendar parse(String source, List<String> lines) {
    Map<LocalDate, DayOff> days = new TreeMap<>();
    Map<Integer, String> decrees = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int line = i + 1;
      String text = lines.get(i).strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] parts = text.split("\\s+", 3);
      if (parts[0].equals("decree")) {
        if (parts.length < 3) {
          throw new CalendarFileException(source, line, "a decree line is: decree <year> <text>");
        }
        int year;
        try {
          year = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          throw new CalendarFileException(source, line, "'" + parts[1] + "' is not a year");
        }
        if (decrees.put(year, parts[2]) != null) {
          throw new CalendarFileException(source, line, "a second decree line for " + year);
        }
        continue;
      }
      LocalDate date;
      try {
        date = LocalDate.parse(parts[0]);
      } catch (DateTimeParseException e) {
        throw new CalendarFileException(
            source, line, "'" + parts[0] + "' is neither 'decree' nor a date (yyyy-mm-dd)");
      }
      if (parts.length < 3) {
        throw new CalendarFileException(
            source, line, "a day off is: <yyyy-mm-dd> holiday|cuti-bersama <name>");
      }
      Kind kind =
          switch (parts[1]) {
            case "holiday" -> Kind.HOLIDAY;
            case "cuti-bersama" -> Kind.CUTI_BERSAMA;
            default ->
                throw new CalendarFileException(
                    source, line, "'" + parts[1] + "' must be 'holiday' or 'cuti-bersama'");
          };
      if (days.put(date, new DayOff(date, kind, parts[2])) != null) {
        throw new CalendarFileException(source, line, date + " is listed twice");
      }
    }
    for (LocalDate date : days.keySet()) {
      if (!decrees.containsKey(date.getYear())) {
        throw new CalendarFileException(
            source,
            0,
            date + " is listed but the file has no 'decree " + date.getYear() + "' line");
      }
    }
    return new HolidayCalendar(days, decrees);
  }
}
