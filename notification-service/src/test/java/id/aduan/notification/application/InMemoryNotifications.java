package id.aduan.notification.application;

import id.aduan.notification.domain.Part;
import id.aduan.notification.persistence.NotificationDocument;
import id.aduan.support.messaging.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The decisions in a map, each write conditional as in {@code persistence.Notifications}. */
public final class InMemoryNotifications implements NotificationStore {

  private final Map<String, NotificationDocument> docs = new LinkedHashMap<>();

  @Override
  public synchronized boolean insert(NotificationDocument doc) {
    return docs.putIfAbsent(doc.id(), doc) == null;
  }

  @Override
  public synchronized Optional<NotificationDocument> byId(String id) {
    return Optional.ofNullable(docs.get(id));
  }

  @Override
  public synchronized void published(String id) {
    NotificationDocument doc = docs.get(id);
    if (doc != null) {
      docs.put(id, with(doc, doc.state(), doc.outboundEventId(), List.of(), false, doc.parts()));
    }
  }

  @Override
  public synchronized void markPublished(String id, String eventId) {
    NotificationDocument doc = docs.get(id);
    if (doc != null) {
      List<Outbox.Entry> left =
          doc.outbox().stream().filter(e -> !e.eventId().equals(eventId)).toList();
      docs.put(
          id, with(doc, doc.state(), doc.outboundEventId(), left, !left.isEmpty(), doc.parts()));
    }
  }

  @Override
  public synchronized Optional<NotificationDocument> heldFor(String toKey, String caseId) {
    return docs.values().stream()
        .filter(d -> d.state().equals(NotificationDocument.HELD))
        .filter(d -> toKey.equals(d.toKey()) && caseId.equals(d.caseId()))
        .filter(d -> "CITIZEN".equals(d.audience()))
        .filter(d -> d.parts().stream().allMatch(Part::automatic))
        .findFirst();
  }

  @Override
  public synchronized boolean addPart(String heldId, Part part) {
    NotificationDocument held = docs.get(heldId);
    if (held == null
        || !held.state().equals(NotificationDocument.HELD)
        || held.parts().stream().anyMatch(p -> p.sourceId().equals(part.sourceId()))) {
      return false;
    }
    List<Part> parts = new ArrayList<>(held.parts());
    parts.add(part);
    docs.put(
        heldId,
        with(
            held,
            held.state(),
            held.outboundEventId(),
            held.outbox(),
            held.outboxPending(),
            parts));
    return true;
  }

  @Override
  public synchronized List<NotificationDocument> due(Instant now, int limit) {
    return docs.values().stream()
        .filter(d -> d.state().equals(NotificationDocument.HELD))
        .filter(d -> d.sendAt() != null && !d.sendAt().isAfter(now))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean release(
      NotificationDocument held, String outboundEventId, Outbox.Entry entry) {
    NotificationDocument now = docs.get(held.id());
    if (now == null
        || !now.state().equals(NotificationDocument.HELD)
        || now.partCount() != held.partCount()) {
      return false;
    }
    docs.put(
        held.id(),
        with(now, NotificationDocument.SENT, outboundEventId, List.of(entry), true, now.parts()));
    return true;
  }

  @Override
  public synchronized boolean close(NotificationDocument held) {
    NotificationDocument now = docs.get(held.id());
    if (now == null || !now.state().equals(NotificationDocument.HELD)) {
      return false;
    }
    docs.put(
        held.id(),
        with(
            now,
            NotificationDocument.CLOSED,
            now.outboundEventId(),
            now.outbox(),
            now.outboxPending(),
            now.parts()));
    return true;
  }

  public synchronized List<NotificationDocument> all() {
    return List.copyOf(docs.values());
  }

  /** Part counts follow the parts, as {@code $push} with {@code $inc} does in MongoDB. */
  private static NotificationDocument with(
      NotificationDocument d,
      String state,
      @Nullable String outboundEventId,
      List<Outbox.Entry> outbox,
      boolean outboxPending,
      List<Part> parts) {
    return new NotificationDocument(
        d.id(),
        d.sourceEventId(),
        d.caseId(),
        d.purpose(),
        outboundEventId,
        d.decidedAt(),
        outbox,
        outboxPending,
        state,
        d.agencyCode(),
        d.ticket(),
        d.audience(),
        d.to(),
        d.toKey(),
        d.language(),
        d.sendAt(),
        parts,
        d.partCount() + parts.size() - d.parts().size(),
        d.mergedInto(),
        d.tried());
  }
}
