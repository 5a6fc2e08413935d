package id.aduan.cases.application;

import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The figures of the operations dashboard, computed from cases only (no personal data: counts,
 * states and durations). Volumes and medians over the cases received in the window; the backlog
 * over every case still open; SLA figures over the clocks the SLA service reported to the cases.
 */
public final class OperationsReport {

  /** Timeline actions that are an officer's first visible handling of a case. */
  private static final Set<String> NOT_A_RESPONSE = Set.of("opened", "invalid-input");

  private OperationsReport() {}

  public record Volume(LocalDate day, String agency, String channel, long count) {}

  public record Backlog(String agency, String division, CaseStatus status, long count) {}

  /**
   * @param met clocks that stopped in time
   * @param late clocks that breached or stopped late
   * @param compliance met / (met + late), null when nothing has stopped or breached yet
   */
  public record Sla(
      long running,
      long paused,
      long warning,
      long met,
      long late,
      @Nullable Double compliance,
      List<DayCount> breachesPerDay) {}

  public record DayCount(LocalDate day, long count) {}

  /** Medians in seconds, null when no case of the window got that far. */
  public record Medians(
      @Nullable Long firstResponseSeconds,
      long firstResponseSamples,
      @Nullable Long resolutionSeconds,
      long resolutionSamples) {}

  public record Summary(
      Instant from,
      Instant to,
      List<String> agencies,
      long received,
      List<Volume> volumes,
      List<Backlog> backlog,
      Sla sla,
      Medians medians) {}

  public static Summary of(
      List<String> agencies,
      Collection<CaseDocument> received,
      Collection<CaseDocument> open,
      Instant from,
      Instant to,
      ZoneId zone) {
    Map<String, Long> volumes = new TreeMap<>();
    List<Long> firstResponses = new ArrayList<>();
    List<Long> resolutions = new ArrayList<>();
    for (CaseDocument c : received) {
      LocalDate day = LocalDate.ofInstant(c.state().receivedAt(), zone);
      volumes.merge(
          day + "|" + c.state().agencyCode() + "|" + c.state().channel().name(), 1L, Long::sum);
      c.state().timeline().stream()
          .filter(t -> !NOT_A_RESPONSE.contains(t.action()) && !"system".equals(t.actor()))
          .map(AuditEntry::at)
          .min(Instant::compareTo)
          .ifPresent(at -> firstResponses.add(seconds(c.state().receivedAt(), at)));
      c.state().timeline().stream()
          .filter(t -> t.to() == CaseStatus.RESOLVED && t.from() != CaseStatus.RESOLVED)
          .map(AuditEntry::at)
          .min(Instant::compareTo)
          .ifPresent(at -> resolutions.add(seconds(c.state().receivedAt(), at)));
    }
    Map<String, Long> backlog = new TreeMap<>();
    for (CaseDocument c : open) {
      String division = c.state().division() == null ? "-" : c.state().division();
      backlog.merge(
          c.state().agencyCode() + "|" + division + "|" + c.state().status().name(), 1L, Long::sum);
    }
    return new Summary(
        from,
        to,
        List.copyOf(agencies),
        received.size(),
        volumes.entrySet().stream()
            .map(
                e -> {
                  String[] k = e.getKey().split("\\|");
                  return new Volume(LocalDate.parse(k[0]), k[1], k[2], e.getValue());
                })
            .toList(),
        backlog.entrySet().stream()
            .map(
                e -> {
                  String[] k = e.getKey().split("\\|");
                  return new Backlog(k[0], k[1], CaseStatus.valueOf(k[2]), e.getValue());
                })
            .toList(),
        sla(received, open, zone),
        new Medians(
            median(firstResponses),
            firstResponses.size(),
            median(resolutions),
            resolutions.size()));
  }

  private static Sla sla(
      Collection<CaseDocument> received, Collection<CaseDocument> open, ZoneId zone) {
    long running = 0;
    long paused = 0;
    long warning = 0;
    for (CaseDocument c : open) {
      for (CaseState.Deadline d : c.state().deadlines().values()) {
        switch (id.aduan.contracts.ClockState.of(d.state())) {
          case RUNNING -> running++;
          case PAUSED -> paused++;
          case WARNING -> warning++;
          case null, default -> {}
        }
      }
    }
    long met = 0;
    long late = 0;
    Map<LocalDate, Long> breaches = new TreeMap<>();
    for (CaseDocument c : received) {
      for (CaseState.Deadline d : c.state().deadlines().values()) {
        switch (id.aduan.contracts.ClockState.of(d.state())) {
          case MET -> met++;
          case BREACHED, STOPPED_LATE -> {
            late++;
            Instant when = d.deadline() == null ? d.updatedAt() : d.deadline();
            breaches.merge(LocalDate.ofInstant(when, zone), 1L, Long::sum);
          }
          case null, default -> {}
        }
      }
    }
    Double compliance = met + late == 0 ? null : (double) met / (met + late);
    return new Sla(
        running,
        paused,
        warning,
        met,
        late,
        compliance,
        breaches.entrySet().stream().map(e -> new DayCount(e.getKey(), e.getValue())).toList());
  }

  private static long seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toSeconds());
  }

  static @Nullable Long median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
