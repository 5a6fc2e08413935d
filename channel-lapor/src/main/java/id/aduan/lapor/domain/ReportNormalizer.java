package id.aduan.lapor.domain;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Turns a LAPOR! report into a {@link ComplaintReceived}, or says why it cannot. This is the one
 * place where an anonymous (anonim) report loses its reporter: nothing after the adapter ever sees
 * who sent it, only a stable opaque id derived from the tracking id. A confidential (rahasia)
 * report is flagged on the sender, so every service downstream can keep it unpublished.
 *
 * <p>The first version seen of a report carries the tracking id as its provider id, so the case
 * derived from it is the same however often or late it is polled, and a case opened for the same
 * tracking id from another channel can link up. A later version is passed on only when the reporter
 * added a follow-up or LAPOR! changed the status ({@link KnownReport}); it carries {@code <tracking
 * id>/v<version>} and points back with {@code inReplyTo}.
 */
public final class ReportNormalizer {

  /** The value of {@code metadata.laporChange} for a report dispositioned away from the agency. */
  public static final String DISPOSITION_AWAY = "disposition_away";

  private final StatusTable statuses;
  private final Map<String, Map<String, String>> divisionsByAgency;
  private final Clock clock;

  /**
   * @param divisionsByAgency agency code to (LAPOR! category id to the agency's division)
   */
  public ReportNormalizer(
      StatusTable statuses, Map<String, Map<String, String>> divisionsByAgency, Clock clock) {
    this.statuses = statuses;
    this.divisionsByAgency = Map.copyOf(divisionsByAgency);
    this.clock = clock;
  }

  public sealed interface Outcome permits Publish, Reject, Unchanged {}

  public record Publish(ComplaintReceived complaint) implements Outcome {}

  /** A new version that only echoes our own follow-up or status change: nothing to pass on. */
  public record Unchanged() implements Outcome {}

  /** Not a complaint Aduan can take; dead-lettered with the reason, never silently dropped. */
  public record Reject(String reason, String detail) implements Outcome {}

  /**
   * @param known what the adapter last knew of this report, null when it never saw it
   */
  public Outcome normalize(
      String agencyCode, String laporAgencyId, LaporReport report, @Nullable KnownReport known) {
    boolean firstSeen = known == null;
    String change = firstSeen ? "report" : known.changeIn(report).orElse(null);
    if (change == null) {
      return new Unchanged();
    }
    return publish(agencyCode, laporAgencyId, report, change, firstSeen, false);
  }

  /**
   * A report LAPOR! dispositioned away from the agency ({@link LaporReport#dispositionedAwayFrom}):
   * a status change ({@code change=status}) marked {@code laporChange=disposition_away}, so that
   * the case records it and stops its clocks.
   */
  public Outcome dispositionedAway(String agencyCode, String laporAgencyId, LaporReport report) {
    return publish(agencyCode, laporAgencyId, report, "status", false, true);
  }

  private Outcome publish(
      String agencyCode,
      String laporAgencyId,
      LaporReport report,
      String change,
      boolean firstSeen,
      boolean away) {
    String status = statuses.inbound(report.status()).orElse(null);
    if (status == null) {
      return new Reject(
          "UNKNOWN_STATUS",
          "LAPOR! status '" + report.status() + "' is not in aduan.lapor.status-map.inbound");
    }
    if (report.content().isBlank() && report.title().isBlank()) {
      return new Reject("EMPTY_REPORT", "the report has neither title nor content");
    }
    Map<String, String> metadata = new HashMap<>();
    metadata.put("laporTrackingId", report.trackingId());
    metadata.put("laporVersion", Long.toString(report.version()));
    metadata.put("laporStatus", report.status());
    metadata.put("change", change);
    if (away) {
      metadata.put("laporChange", DISPOSITION_AWAY);
    }
    metadata.put("status", status);
    metadata.put("anonymous", Boolean.toString(report.anonymous()));
    metadata.put("confidential", Boolean.toString(report.confidential()));
    putIfPresent(metadata, "laporTransactionId", report.transactionId());
    putIfPresent(metadata, "classification", report.classification());
    if (!report.tags().isEmpty()) {
      metadata.put("tags", String.join(",", report.tags()));
    }
    if (report.category() != null) {
      metadata.put("laporCategoryId", report.category().id());
      putIfPresent(metadata, "laporCategory", report.category().name());
      putIfPresent(
          metadata,
          "division",
          divisionsByAgency.getOrDefault(agencyCode, Map.of()).get(report.category().id()));
    }
    metadata.put("dispositions", Integer.toString(report.dispositions().size()));
    metadata.put("laporDispositionedAt", report.dispositionedAt().toString());
    if (!report.dispositions().isEmpty()) {
      LaporReport.Disposition last = report.dispositions().getLast();
      putIfPresent(metadata, "laporDispositionFrom", last.from());
      putIfPresent(metadata, "laporDispositionTo", last.to());
    }
    metadata.put("followUps", Integer.toString(report.followUps().size()));
    if (!report.attachments().isEmpty()) {
      metadata.put("laporAttachments", Integer.toString(report.attachments().size()));
    }
    ComplaintReceived.Location location =
        report.location() == null
                || report.location().latitude() == null
                || report.location().longitude() == null
            ? null
            : new ComplaintReceived.Location(
                report.location().latitude(),
                report.location().longitude(),
                null,
                report.location().address());
    return new Publish(
        new ComplaintReceived(
            UUID.randomUUID().toString(),
            clock.instant(),
            agencyCode,
            Channel.LAPOR,
            laporAgencyId,
            firstSeen ? report.trackingId() : report.versionKey(),
            sender(report),
            firstSeen ? "lapor-report" : "lapor-update",
            report.title().isBlank() ? null : report.title(),
            firstSeen ? report.content() : updateText(report, change),
            List.of(),
            location,
            firstSeen ? null : report.trackingId(),
            List.of(report.trackingId()),
            firstSeen ? report.dispositionedAt() : report.updatedAt(),
            metadata,
            null));
  }

  /** The reporter's newest follow-up for a follow-up; null for a status change. */
  private static @Nullable String updateText(LaporReport report, String change) {
    if (!change.equals("follow_up")) {
      return null;
    }
    return report.followUps().stream()
        .filter(f -> KnownReport.REPORTER.equals(f.author()))
        .reduce((a, b) -> b)
        .map(LaporReport.FollowUp::text)
        .orElse(null);
  }

  private static ComplaintReceived.Sender sender(LaporReport report) {
    if (report.anonymous() || report.reporter() == null) {
      // Stable per report, so replies and later versions thread, but not reversible to a person.
      return new ComplaintReceived.Sender(
          "anon-" + Sha256.hex("lapor:" + report.trackingId()).substring(0, 20),
          null,
          report.anonymous(),
          report.confidential());
    }
    return new ComplaintReceived.Sender(
        report.reporter().id(), report.reporter().name(), false, report.confidential());
  }

  private static void putIfPresent(Map<String, String> map, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }
}
