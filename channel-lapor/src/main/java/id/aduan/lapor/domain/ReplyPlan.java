package id.aduan.lapor.domain;

import id.aduan.contracts.OutboundMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link OutboundMessage} does in LAPOR!: a follow-up (tindak lanjut) with its text, and,
 * when the status table maps its purpose (and, for a rejection, its reason), a status change (e.g.
 * a REJECTION for NOT_AUTHORITY sets bukan_wewenang, which returns the report to LAPOR!'s national
 * admin; another reason closes it or only answers it, as the table says). Each step has its own
 * idempotency key derived from the message id, so a redelivery repeats neither.
 */
public record ReplyPlan(String trackingId, List<Step> steps) {

  public ReplyPlan {
    steps = List.copyOf(steps);
  }

  public sealed interface Step permits FollowUp, StatusChange {
    String idempotencyKey();
  }

  public record FollowUp(String idempotencyKey, String text) implements Step {}

  public record StatusChange(String idempotencyKey, String status, String note) implements Step {}

  /**
   * The tracking id in a provider id of ours: {@code <tracking id>}, {@code <tracking id>/v<n>} or
   * {@code <tracking id>/attachment/<id>}.
   */
  public static String trackingIdOf(String providerMessageId) {
    int slash = providerMessageId.indexOf('/');
    return slash < 0 ? providerMessageId : providerMessageId.substring(0, slash);
  }

  public static ReplyPlan of(OutboundMessage message, String trackingId, StatusTable statuses) {
    List<Step> steps = new ArrayList<>();
    String status = statuses.outbound(message.purpose(), message.reasonCode()).orElse(null);
    if (!message.text().isBlank()) {
      steps.add(new FollowUp(message.eventId() + "/follow-up", message.text()));
    }
    if (status != null) {
      // The text also goes with the change as its note: LAPOR!'s admin reads the note beside the
      // status (why it is not our authority), the reporter reads the follow-up.
      steps.add(new StatusChange(message.eventId() + "/status", status, message.text()));
    }
    return new ReplyPlan(trackingId, steps);
  }
}
