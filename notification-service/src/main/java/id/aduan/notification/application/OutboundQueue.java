package id.aduan.notification.application;

import id.aduan.contracts.OutboundMessage;
import id.aduan.support.messaging.Outbox;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a decided message goes out: an outbox entry for its channel's outbound topic, stored with
 * the decision, then published.
 */
public interface OutboundQueue {

  /** The entry for {@code message} on its channel's topic, keyed by the recipient. */
  Outbox.Entry entry(OutboundMessage message);

  /** Publishes each entry and calls {@code published} after each one; throws on a failure. */
  void publish(List<Outbox.Entry> entries, Consumer<Outbox.Entry> published);
}
