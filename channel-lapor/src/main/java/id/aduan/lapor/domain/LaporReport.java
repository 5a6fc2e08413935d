package id.aduan.lapor.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One SP4N-LAPOR! report as the agency API returns it, whatever its wire format. A report changes
 * over time (status, dispositions, follow-ups); each change raises {@code version}, and (tracking
 * id, version) identifies what the adapter has already handed on.
 *
 * @param reporter null when LAPOR! withholds it; never passed on for an anonymous report
 */
public record LaporReport(
    String trackingId,
    @Nullable String transactionId,
    long version,
    String title,
    String content,
    @Nullable String classification,
    @Nullable Category category,
    List<String> tags,
    String status,
    Instant createdAt,
    Instant updatedAt,
    boolean anonymous,
    boolean confidential,
    @Nullable Reporter reporter,
    @Nullable Location location,
    List<Attachment> attachments,
    List<Disposition> dispositions,
    List<FollowUp> followUps) {

  public LaporReport {
    tags = tags == null ? List.of() : List.copyOf(tags);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    dispositions = dispositions == null ? List.of() : List.copyOf(dispositions);
    followUps = followUps == null ? List.of() : List.copyOf(followUps);
  }

  /**
   * When LAPOR! dispositioned the report to the agency: the newest disposition's time (the list
   * holds only reports dispositioned to the agency, so the newest one brought it here), else its
   * creation. The agency's clocks count from this, not from creation: a report can wait weeks at
   * the national admin before it reaches the agency.
   */
  public Instant dispositionedAt() {
    return dispositions.stream()
        .map(Disposition::at)
        .filter(java.util.Objects::nonNull)
        .max(Instant::compareTo)
        .orElse(createdAt);
  }

  /**
   * Whether LAPOR! dispositioned the report away from {@code laporAgencyId}: its newest disposition
   * (the last of the list) names another agency id ({@code to_id}). A report without dispositions,
   * or whose newest one names no agency id, is not taken as gone: a unit's name ({@code to}) may be
   * a part of the agency, and stopping a case's clocks on a guess is worse than not stopping.
   */
  public boolean dispositionedAwayFrom(String laporAgencyId) {
    if (dispositions.isEmpty()) {
      return false;
    }
    String toId = dispositions.getLast().toId();
    return toId != null && !toId.isBlank() && !toId.strip().equalsIgnoreCase(laporAgencyId);
  }

  /** The dedup key of this version: LAPOR! repeats reports across pages and overlapping polls. */
  public String versionKey() {
    return trackingId + "/v" + version;
  }

  public record Category(String id, @Nullable String name) {}

  public record Reporter(
      String id, @Nullable String name, @Nullable String phone, @Nullable String email) {}

  public record Location(
      @Nullable Double latitude, @Nullable Double longitude, @Nullable String address) {}

  public record Attachment(
      String id,
      @Nullable String fileName,
      @Nullable String mediaType,
      long sizeBytes,
      String url) {}

  /**
   * @param to the recipient as LAPOR! names it (a unit's name)
   * @param toId the recipient's LAPOR! agency id, when LAPOR! gives it: what tells a report
   *     dispositioned away from the agency
   */
  public record Disposition(
      @Nullable String from,
      @Nullable String to,
      @Nullable Instant at,
      @Nullable String note,
      @Nullable String toId) {

    public Disposition(
        @Nullable String from, @Nullable String to, @Nullable Instant at, @Nullable String note) {
      this(from, to, at, note, null);
    }
  }

  public record FollowUp(
      String id, @Nullable String author, @Nullable Instant at, @Nullable String text) {}
}
