package id.aduan.lapor.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What the adapter last knew of a report: enough to tell a change the case must hear about (the
 * reporter added a follow-up, LAPOR! changed the status) from one that only echoes our own work
 * (our follow-up or status change raised the version too). Without this, every answer we post would
 * come back as a new complaint, and be answered again.
 *
 * @param reporterFollowUps follow-ups whose author is the reporter
 */
public record KnownReport(String status, int reporterFollowUps) {

  /** The author LAPOR! gives a reporter's follow-up (docs/lapor.md). */
  public static final String REPORTER = "reporter";

  public static KnownReport of(LaporReport report) {
    return new KnownReport(report.status(), reporterFollowUps(report));
  }

  /** {@code follow_up} or {@code status}, or empty when nothing the case needs changed. */
  public Optional<String> changeIn(LaporReport report) {
    if (reporterFollowUps(report) > reporterFollowUps) {
      return Optional.of("follow_up");
    }
    if (!status.toLowerCase(Locale.ROOT).equals(report.status().toLowerCase(Locale.ROOT))) {
      return Optional.of("status");
    }
    return Optional.empty();
  }

  static int reporterFollowUps(LaporReport report) {
    return (int) report.followUps().stream().filter(f -> REPORTER.equals(f.author())).count();
  }
}
