package id.aduan.notification.messaging;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.notification.persistence.Attempts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code followDeliveryReceipts}: consumes {@code delivery.receipts.v1}, matched to our messages by
 * {@code outboundEventId}; records every receipt on the attempt, and on FAILED tries the citizen's
 * next known channel or alerts the case's officer, once per attempt. Receipts for messages that are
 * not ours (or name no outbound id) are counted and skipped.
 */
@Component("followDeliveryReceipts")
class FollowDeliveryReceipts implements Consumer<Message<byte[]>> {

  private final Attempts attempts;
  private final Dispatch dispatch;
  private final AgencyCatalog agencies;
  private final EventPublisher publisher;
  private final MeterRegistry meters;

  FollowDeliveryReceipts(
      Attempts attempts,
      Dispatch dispatch,
      AgencyCatalog agencies,
      EventPublisher publisher,
      MeterRegistry meters) {
    this.attempts = attempts;
    this.dispatch = dispatch;
    this.agencies = agencies;
    this.publisher = publisher;
    this.meters = meters;
  }

  @Override
  public void accept(Message<byte[]> message) {
    DeliveryReceipt receipt =
        publisher
            .readAsOrDeadLetter(message, Topics.DELIVERY_RECEIPTS, DeliveryReceipt.class)
            .orElse(null);
    if (receipt == null) {
      return;
    }
    boolean ours =
        receipt.outboundEventId() != null
            && attempts
                .receipt(
                    receipt.outboundEventId(),
                    new Attempts.Receipt(
                        receipt.status().name(), receipt.providerTime(), receipt.errorCode()))
                .isPresent();
    meters
        .counter(
            "aduan.notification.receipts",
            "channel",
            receipt.channel().name().toLowerCase(Locale.ROOT),
            "status",
            receipt.status().name().toLowerCase(Locale.ROOT),
            "outcome",
            ours ? "recorded" : "not_ours")
        .increment();
    if (ours && receipt.status() == DeliveryReceipt.Status.FAILED) {
      dispatch.failed(receipt.outboundEventId(), agencies::byCode);
    }
  }
}
