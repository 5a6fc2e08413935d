package id.aduan.notification.messaging;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.Topics;
import id.aduan.notification.application.Notify;
import id.aduan.support.messaging.EventPublisher;
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

  private final Notify notify;
  private final AgencyCatalog agencies;
  private final EventPublisher publisher;

  FollowDeliveryReceipts(Notify notify, AgencyCatalog agencies, EventPublisher publisher) {
    this.notify = notify;
    this.agencies = agencies;
    this.publisher = publisher;
  }

  @Override
  public void accept(Message<byte[]> message) {
    publisher
        .readAsOrDeadLetter(message, Topics.DELIVERY_RECEIPTS, DeliveryReceipt.class)
        .ifPresent(receipt -> notify.onReceipt(receipt, agencies::byCode));
  }
}
