package id.aduan.support.messaging;

import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The MongoDB side of the embedded outbox (docs/adr/0002-embedded-outbox.md), the same for every
 * document that carries one: a list field {@code outbox} of {@link Outbox.Entry} and a flag {@code
 * outboxPending} that is true while the list is not empty (indexed, so that a sweep finds the
 * backlog without reading every document). Each service's repository holds one.
 */
public final class OutboxDocuments {

  private static final Logger log = LoggerFactory.getLogger(OutboxDocuments.class);
  private final MongoOperations mongo;

  public OutboxDocuments(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** Inserts a new document with its outbox; false when one with its id exists (a redelivery). */
  public boolean insert(Object document) {
    try {
      mongo.insert(document);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /**
   * Removes a published entry; the pending flag falls only when nothing else waits. Both writes
   * select by {@code _id} and plain fields only: the MongoDB wire-protocol stand-in answers a query
   * with an array condition ({@code $size}, an element match) by reading the whole collection. A
   * writer that pushes entries increments {@code outboxSeq}, so the flag never falls over an entry
   * pushed between the two writes.
   */
  public void markPublished(Class<?> type, String id, String eventId) {
    markPublished(mongo.getCollectionName(type), id, eventId, "outboxSeq");
  }

  /**
   * As {@link #markPublished(Class, String, String)}, for documents whose writers move another
   * field on every change (e.g. an optimistic-locking {@code version}): the flag falls only if
   * {@code guardField} still holds what it held right after the entry was removed.
   */
  public void markPublished(String collection, String id, String eventId, String guardField) {
    Document after =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(id)),
            new Update().pull("outbox", Query.query(Criteria.where("eventId").is(eventId))),
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            collection);
    if (after != null && after.getList("outbox", Object.class, List.of()).isEmpty()) {
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(id).and(guardField).is(after.get(guardField))),
          new Update().set("outboxPending", false),
          collection);
    }
  }

  /** Up to {@code limit} documents whose outbox still holds events. */
  public <T> List<T> pending(Class<T> type, int limit) {
    return mongo.find(Query.query(Criteria.where("outboxPending").is(true)).limit(limit), type);
  }

  /**
   * Publishes what a crash or a Kafka outage left in the outboxes of up to {@code limit} documents
   * of {@code type}, removing each entry once Kafka acknowledged it. Stops at the first failure
   * (Kafka is likely down; the next sweep tries again) and returns how many documents it emptied.
   */
  public <T> int sweep(
      Outbox outbox,
      Class<T> type,
      int limit,
      Function<T, String> id,
      Function<T, List<Outbox.Entry>> entries) {
    int emptied = 0;
    for (T doc : pending(type, limit)) {
      String docId = id.apply(doc);
      try {
        outbox.publish(entries.apply(doc), e -> markPublished(type, docId, e.eventId()));
        emptied++;
      } catch (RuntimeException e) {
        log.warn("{} outbox not published yet: {}", type.getSimpleName(), e.getMessage());
        break;
      }
    }
    return emptied;
  }
}
