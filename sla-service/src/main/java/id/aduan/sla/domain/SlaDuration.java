package id.aduan.sla.domain;

/**
 * How long a stage may take, in the unit the agency's standard uses: "4 hari kerja" is 4 {@link
 * Unit#WORKING_DAYS}, Pasuruan's "3 hari" is 3 {@link Unit#CALENDAR_DAYS}, Buton's walk-in "1 jam"
 * is 1 {@link Unit#WORKING_HOURS}.
 */
public record SlaDuration(int amount, Unit unit) {

  public enum Unit {
    /** Close of office hours on the Nth working day after day 0. */
    WORKING_DAYS,
    /** Close of office hours N calendar days after day 0, whatever day that is. */
    CALENDAR_DAYS,
    /** N hours of office time on working days, counted from receipt. */
    WORKING_HOURS,
    /** N hours of the clock, day and night. */
    HOURS
  }

  public SlaDuration {
    if (amount < 0) {
      throw new IllegalArgumentException("a duration cannot be negative: " + amount);
    }
  }

  /** The stored form, e.g. {@code 4 working-days}, which {@link #parse} reads back. */
  public String text() {
    return amount + " " + unit.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code "4 working-days"}, {@code "3 calendar-days"}, {@code "1 working-hours"}... */
  public static SlaDuration parse(String text) {
    String[] parts = text.strip().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not '<number> working-days|calendar-days|working-hours|hours'");
    }
    Unit unit =
        switch (parts[1]) {
          case "working-days", "working-day" -> Unit.WORKING_DAYS;
          case "calendar-days", "calendar-day", "days", "day" -> Unit.CALENDAR_DAYS;
          case "working-hours", "working-hour" -> Unit.WORKING_HOURS;
          case "hours", "hour" -> Unit.HOURS;
          default ->
              throw new IllegalArgumentException(
                  "'" + parts[1] + "' is not working-days, calendar-days, working-hours or hours");
        };
    try {
      return new SlaDuration(Integer.parseInt(parts[0]), unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + parts[0] + "' is not a whole number");
    }
  }
}
