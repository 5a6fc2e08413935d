package id.aduan.whatsapp.domain;

import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import java.util.List;

/**
 * What one webhook POST holds, after normalization: citizen messages to publish, delivery statuses,
 * and parts that cannot become either (dead-lettered with their reason).
 */
public record WebhookBatch(
    List<ComplaintReceived> messages, List<DeliveryReceipt> receipts, List<Rejected> rejected) {

  /** A part of the payload that is acknowledged to Meta but not processed. */
  public record Rejected(String reason, String detail, String json) {}
}
