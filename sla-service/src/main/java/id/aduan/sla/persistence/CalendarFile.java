package id.aduan.sla.persistence;

import id.aduan.agency.Agency;
import id.aduan.sla.application.WorkingCalendars;
import id.aduan.sla.config.SlaProperties;
import id.aduan.sla.domain.CalendarFileException;
import id.aduan.sla.domain.HolidayCalendar;
import id.aduan.sla.domain.WorkingDays;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The national holiday calendar in force: the operator's file ({@code aduan.sla.calendar.file})
 * when set, else the one bundled with the release. A bad file at start stops the service with the
 * file, line and reason; a bad file at a reload is refused and the calendar in force stays.
 */
@Component
public class CalendarFile implements WorkingCalendars {

  static final String BUNDLED = "calendar/indonesia.txt";
  private final @Nullable Path file;
  private volatile HolidayCalendar current;
  private volatile @Nullable FileTime loadedModified;

  public CalendarFile(SlaProperties properties) {
    this.file = properties.calendar().file();
    this.loadedModified = modified();
    this.current = load();
  }

  public HolidayCalendar current() {
    return current;
  }

  /** An agency's working days on the calendar in force (its zone, office hours, days off). */
  public WorkingDays workingDaysOf(Agency agency) {
    return new WorkingDays(
        agency.timeZone(),
        agency.officeHours().open(),
        agency.officeHours().close(),
        current,
        agency.rules().sla().daysOff().stream()
            .map(Agency.DayOff::date)
            .collect(Collectors.toUnmodifiableSet()));
  }

  @Override
  public WorkingDays of(Agency agency) {
    return workingDaysOf(agency);
  }

  /** Where the calendar comes from, for health and logs. */
  public String source() {
    return file == null ? "classpath:" + BUNDLED : file.toString();
  }

  /**
   * Reads the file again if it changed since the last load.
   *
   * @return the dates whose status changed, empty when nothing changed
   * @throws CalendarFileException when the changed file cannot be used (the old calendar stays)
   */
  public synchronized Set<java.time.LocalDate> reloadIfChanged() {
    FileTime modified = modified();
    if (file == null || modified == null || modified.equals(loadedModified)) {
      return Set.of();
    }
    HolidayCalendar next = load();
    loadedModified = modified;
    Set<java.time.LocalDate> changed = current.changedDates(next);
    current = next;
    return changed;
  }

  private HolidayCalendar load() {
    return HolidayCalendar.parse(source(), lines());
  }

  private List<String> lines() {
    try {
      if (file != null) {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
      }
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(BUNDLED)) {
        if (in == null) {
          throw new IllegalStateException(BUNDLED + " is missing from the release");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the holiday calendar " + source(), e);
    }
  }

  private @Nullable FileTime modified() {
    try {
      return file == null ? null : Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return Optional.ofNullable(loadedModified).orElse(null);
    }
  }
}
