package id.aduan.lapor.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The updated-at watermark of one agency's poll. A poll asks from {@code watermark - overlap}:
 * LAPOR! may commit a change with an updated-at a little in the past (clock skew, long
 * transactions), and the overlap catches it; what the overlap repeats is absorbed by the (tracking
 * id, version) dedup.
 */
public record Watermark(Instant value) {

  public static final Watermark START = new Watermark(Instant.EPOCH);

  public Instant pollFrom(Duration overlap) {
    Instant from = value.minus(overlap);
    return from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from;
  }

  /** Never moves back: an older report seen through the overlap leaves the watermark as it is. */
  public Watermark advancedTo(Instant updatedAt) {
    return updatedAt.isAfter(value) ? new Watermark(updatedAt) : this;
  }
}
