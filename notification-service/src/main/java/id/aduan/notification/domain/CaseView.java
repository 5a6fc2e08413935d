package id.aduan.notification.domain;

import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What this service knows about a case, kept from {@code cases.events.v1} and {@code
 * sla.events.v1}: where the citizen can be reached, who works the case, and whether it is late.
 *
 * @param preferred the address the citizen used last (answers go there)
 * @param known every address the citizen used on this case (fallbacks when one fails)
 * @param deadline the completion deadline as the SLA service last reported it
 */
public record CaseView(
    String caseId,
    String ticket,
    String agencyCode,
    String language,
    @Nullable CaseStatus status,
    @Nullable String division,
    @Nullable String officer,
    @Nullable ReplyAddress preferred,
    List<ReplyAddress> known,
    @Nullable String sourceMessageId,
    @Nullable Instant deadline,
    boolean late) {

  public CaseView {
    known = known == null ? List.of() : List.copyOf(known);
  }

  /** Still needs work: not resolved, rejected, merged or archived. */
  public boolean open() {
    return status == null
        || switch (status) {
          case RESOLVED, REJECTED, MERGED, ARCHIVED -> false;
          default -> true;
        };
  }

  /** Late when the SLA service said so, or when the deadline has passed. */
  public boolean lateAt(Instant now) {
    return late || (deadline != null && deadline.isBefore(now));
  }
}
