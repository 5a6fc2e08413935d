package id.aduan.notification.application;

import id.aduan.contracts.Channel;
import id.aduan.contracts.EventTypes;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.Outbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The outbound topics as a list of what was published, in order. {@link #failNext} makes the next
 * publication throw, as Kafka down would after the decision was stored.
 */
public final class InMemoryOutbound implements OutboundQueue {

  private final Map<String, OutboundMessage> made = new HashMap<>();
  private final List<OutboundMessage> published = new ArrayList<>();
  private boolean failNext;

  @Override
  public synchronized Outbox.Entry entry(OutboundMessage message) {
    made.put(message.eventId(), message);
    return new Outbox.Entry(
        message.eventId(),
        Topics.outboundFor(message.to().channel()),
        message.to().recipientId(),
        EventTypes.typeOf(OutboundMessage.class),
        message.ticket(),
        "{}",
        null);
  }

  @Override
  public synchronized void publish(List<Outbox.Entry> entries, Consumer<Outbox.Entry> done) {
    for (Outbox.Entry entry : entries) {
      if (failNext) {
        failNext = false;
        throw new IllegalStateException("broker unavailable");
      }
      published.add(made.get(entry.eventId()));
      done.accept(entry);
    }
  }

  public synchronized void failNext() {
    failNext = true;
  }

  /** Everything published about the case, in order. */
  public synchronized List<OutboundMessage> forCase(String caseId) {
    return published.stream().filter(m -> caseId.equals(m.caseId())).toList();
  }

  /** What was published about the case on one channel, in order (one outbound topic's view). */
  public synchronized List<OutboundMessage> forCase(String caseId, Channel channel) {
    return forCase(caseId).stream().filter(m -> m.to().channel() == channel).toList();
  }

  public synchronized List<OutboundMessage> all() {
    return List.copyOf(published);
  }
}
