package id.aduan.whatsapp.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import id.aduan.support.ProcessedKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Dedup keys of what this adapter has already handed to Kafka (inbound {@code wamid}s, receipts as
 * {@code wamid/status}, outbound message ids). Kept at least 7 days: the production MongoDB expires
 * them through a TTL index on {@code at}.
 *
 * <p>Keys of inbound messages are recorded off the webhook's acknowledgement path ({@link
 * #rememberSoon}): they are visible to {@link #seen} at once from memory and written to MongoDB in
 * batches by one background thread. Losing such a key (a crash before the write) can only publish a
 * redelivered message again, which the case service absorbs (docs/adr/0014).
 */
@Repository
public class ProcessedIds implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ProcessedIds.class);
  static final String COLLECTION = "processed_ids";
  private static final int BATCH = 1000;
  private final MongoTemplate mongo;
  private final ProcessedKeys keys;
  private final Map<String, Date> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final BlockingQueue<Lookup> lookups = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Thread reader;
  private volatile boolean running = true;

  ProcessedIds(MongoTemplate mongo) {
    this.mongo = mongo;
    this.keys = new ProcessedKeys(mongo, COLLECTION, Duration.ofDays(8));
    this.writer = Thread.ofPlatform().daemon().name("processed-ids-writer").start(this::writeLoop);
    this.reader = Thread.ofPlatform().daemon().name("processed-ids-reader").start(this::readLoop);
  }

  public boolean seen(String kind, String id) {
    return pending.containsKey(kind + ":" + id) || keys.seen(kind, id);
  }

  /**
   * Like {@link #seen}, without holding the caller: the lookups of concurrent webhooks are answered
   * together by one query on {@code _id} (one round trip for many webhooks).
   */
  public CompletableFuture<Boolean> seenSoon(String kind, String id) {
    String key = kind + ":" + id;
    if (pending.containsKey(key)) {
      return CompletableFuture.completedFuture(true);
    }
    Lookup lookup = new Lookup(key, new CompletableFuture<>());
    lookups.add(lookup);
    return lookup.answer();
  }

  private record Lookup(String key, CompletableFuture<Boolean> answer) {}

  private void readLoop() {
    List<Lookup> batch = new ArrayList<>();
    while (running) {
      try {
        Lookup first = lookups.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        lookups.drainTo(batch, BATCH - 1);
        Set<String> found = new HashSet<>();
        List<String> asked = new ArrayList<>(batch.size());
        for (Lookup lookup : batch) {
          if (pending.containsKey(lookup.key())) {
            found.add(lookup.key());
          } else {
            asked.add(lookup.key());
          }
        }
        if (!asked.isEmpty()) {
          mongo
              .getCollection(COLLECTION)
              .find(new Document("_id", new Document("$in", asked)))
              .projection(new Document("_id", 1))
              .forEach(d -> found.add(d.getString("_id")));
        }
        for (Lookup lookup : batch) {
          lookup.answer().complete(found.contains(lookup.key()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        batch.forEach(lookup -> lookup.answer().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /** Records the id; returns false when it was already there (another delivery won the race). */
  public boolean remember(String kind, String id, Instant at) {
    return keys.remember(kind, id, at);
  }

  /**
   * Records the id without waiting for MongoDB: {@link #seen} answers true from now on, and the key
   * is written within moments (an existing key is left as it is).
   */
  public void rememberSoon(String kind, String id, Instant at) {
    String key = kind + ":" + id;
    if (pending.putIfAbsent(key, Date.from(at)) == null) {
      queue.add(key);
    }
  }

  public void forget(String kind, String id) {
    keys.forget(kind, id);
  }

  /** Writes every key recorded so far (for shutdown and tests). */
  public void flush() {
    List<String> batch = new ArrayList<>();
    while (queue.drainTo(batch, BATCH) > 0) {
      write(batch);
      batch.clear();
    }
  }

  private void writeLoop() {
    List<String> batch = new ArrayList<>();
    while (running) {
      try {
        String first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // MongoDB unavailable: the keys stay in memory (seen() still answers) and are retried.
        log.warn("dedup keys could not be written yet, retrying: {}", e.getClass().getSimpleName());
        queue.addAll(batch);
        sleepQuietly();
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<String> batch) {
    List<Document> documents = new ArrayList<>(batch.size());
    for (String key : batch) {
      Date at = pending.get(key);
      if (at != null) {
        documents.add(
            new Document("_id", key)
                .append("kind", key.substring(0, key.indexOf(':')))
                .append("at", at));
      }
    }
    if (documents.isEmpty()) {
      return;
    }
    try {
      mongo.getCollection(COLLECTION).insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
    }
    batch.forEach(pending::remove);
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    running = false;
    writer.join(2000);
    reader.join(2000);
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("{} dedup keys were not written at shutdown", pending.size());
    }
  }
}
