package id.aduan.sla.application;

import id.aduan.sla.domain.SlaClock;
import id.aduan.support.messaging.Outbox;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored clock: which case it times ({@code id = caseId/clock}), the division the case is with,
 * the clock itself and the events it queued that are not on the topic yet ({@code outbox}).
 */
public record TrackedClock(
    String id,
    String caseId,
    String ticket,
    String agencyCode,
    @Nullable String division,
    SlaClock clock,
    List<Outbox.Entry> outbox) {

  public TrackedClock {
    outbox = List.copyOf(outbox);
  }

  /** The id of a case's clock. */
  public static String idOf(String caseId, String clock) {
    return caseId + "/" + clock;
  }
}
