package id.aduan.support.messaging;

import id.aduan.contracts.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded outbox: events a service caused are stored inside the document that changed (one
 * atomic write), published, and then removed from it. This class makes the entries and publishes
 * them; each service stores them in its own documents (docs/adr/0002-embedded-outbox.md).
 */
public final class Outbox {

  private final EventPublisher publisher;
  private final CloudEvents cloudEvents;
  private final Traces traces;

  /**
   * {@code json} is no longer used (bodies come from {@link CloudEvents#bodyText}); kept for
   * callers.
   */
  public Outbox(EventPublisher publisher, CloudEvents cloudEvents, JsonMapper json) {
    this(publisher, cloudEvents, json, Traces.NONE);
  }

  /**
   * @param traces captures the trace context of the work that writes an entry and continues it when
   *     the entry is published (docs/adr/0033)
   */
  public Outbox(EventPublisher publisher, CloudEvents cloudEvents, JsonMapper json, Traces traces) {
    this.publisher = publisher;
    this.cloudEvents = cloudEvents;
    this.traces = traces;
  }

  /**
   * An event waiting to be published; {@code json} is the contract record's body as it goes on the
   * topic (personal components encrypted, docs/adr/0026), so the store never holds them in clear;
   * {@code key} is the partition key as it goes to Kafka (a keyed hash, see {@link
   * CloudEvents#key}); {@code traceparent} the trace context of the work that wrote it (null when
   * none was traced, docs/adr/0033).
   */
  public record Entry(
      String eventId,
      String topic,
      String key,
      String type,
      @Nullable String subject,
      String json,
      @Nullable String traceparent) {}

  public Entry entry(String topic, String key, Object record, @Nullable String subject) {
    return new Entry(
        CloudEvents.eventId(record),
        topic,
        cloudEvents.key(key),
        EventTypes.typeOf(record.getClass()),
        subject,
        cloudEvents.bodyText(record),
        traces.current());
  }

  /**
   * Publishes every entry of one document's outbox, then removes them all in one write ({@code
   * emptied}, which answers false when the document changed since it was read, e.g. another writer
   * added an entry) instead of one or two writes per entry (issue 20). When {@code emptied} says
   * no, or Kafka refuses an entry part way, each entry published so far is removed on its own
   * ({@code published}, as {@link #publish} does) and what was not published stays for the next
   * attempt. Throws what Kafka threw.
   */
  public void publishAll(List<Entry> entries, BooleanSupplier emptied, Consumer<Entry> published) {
    if (entries.isEmpty()) {
      return;
    }
    List<Entry> done = new ArrayList<>();
    try {
      publish(entries, done::add);
    } catch (RuntimeException e) {
      done.forEach(published);
      throw e;
    }
    if (!emptied.getAsBoolean()) {
      done.forEach(published);
    }
  }

  /**
   * Publishes each entry, waiting for Kafka, and calls {@code published} after each one. Throws on
   * the first entry Kafka does not acknowledge; what was not marked stays for the next attempt. The
   * stored body goes to Kafka as it is: it is already the body the topic carries (personal
   * components sealed), so it is neither read back nor written again (docs/adr/0060).
   */
  public void publish(List<Entry> entries, Consumer<Entry> published) {
    for (Entry entry : entries) {
      Class<?> type =
          EventTypes.classOf(entry.type())
              .orElseThrow(() -> new IllegalStateException("unknown outbox type " + entry.type()));
      Message<byte[]> message = cloudEvents.toMessage(entry, type);
      traces.continued(
          entry.traceparent(),
          "aduan.outbox.publish",
          () -> publisher.send(entry.topic(), message));
      published.accept(entry);
    }
  }
}
