package id.aduan.notification.messaging;

import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.notification.application.OutboundQueue;
import id.aduan.support.messaging.Outbox;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** The outbound queue on Kafka: the channel's outbound topic through the embedded outbox. */
@Component
class OutboxQueue implements OutboundQueue {

  private final Outbox outbox;

  OutboxQueue(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public Outbox.Entry entry(OutboundMessage message) {
    return outbox.entry(
        Topics.outboundFor(message.to().channel()),
        message.to().recipientId(),
        message,
        message.ticket());
  }

  @Override
  public void publish(List<Outbox.Entry> entries, Consumer<Outbox.Entry> published) {
    outbox.publish(entries, published);
  }
}
