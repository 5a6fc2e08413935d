package id.aduan.whatsapp.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import id.aduan.support.pii.PiiCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

/**
 * When each citizen last wrote to each agency number: the start of WhatsApp's 24-hour
 * customer-service window. Keyed by {@code <phone-number-id>:<keyed hash of the citizen>} (HMAC
 * with the personal-data lookup key, docs/adr/0026: the store holds no phone number); older than
 * the window plus a day, an entry is useless and expires. Entries written before under the clear
 * number are no longer found: they only make one window look closed (a template) until the citizen
 * writes again, and expire within 48 hours.
 *
 * <p>Recorded off the webhook's acknowledgement path: {@link #recordInbound} only notes the time,
 * and one background thread writes the notes in batches (one round trip for many webhooks). Until
 * written, {@link #lastInbound} answers from the note. A note lost in a crash can only make the
 * window look shorter (a template instead of free text), never longer.
 */
@Repository
public class CustomerWindows implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(CustomerWindows.class);
  static final String COLLECTION = "customer_windows";
  private static final Duration WRITE_GRANULARITY = Duration.ofMinutes(1);
  private static final int RECENT_LIMIT = 50_000;
  private final MongoTemplate mongo;
  private final PiiCipher cipher;

  /** What this instance wrote (or noted) last per citizen; cleared when it grows too large. */
  private final Map<String, Instant> recentlyRecorded = new ConcurrentHashMap<>();

  private final Map<String, Instant> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  CustomerWindows(MongoTemplate mongo, PiiCipher cipher) {
    this.mongo = mongo;
    this.cipher = cipher;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("lastInboundAt", Sort.Direction.ASC).expire(Duration.ofHours(48)));
    this.writer = Thread.ofPlatform().daemon().name("customer-windows-writer").start(this::loop);
  }

  /**
   * Records an inbound message; a late (older) webhook never moves the window back. A citizen
   * writing several messages in a row is written once a minute at most: the stored start is then at
   * most a minute early, which can only make the window look shorter (a template sent a minute
   * early), never longer, and it saves a MongoDB write on most webhooks.
   */
  public void recordInbound(String phoneNumberId, String citizen, Instant at) {
    String key = key(phoneNumberId, citizen);
    Instant recorded = recentlyRecorded.get(key);
    if (recorded != null && !at.isAfter(recorded.plus(WRITE_GRANULARITY))) {
      return;
    }
    if (recentlyRecorded.size() > RECENT_LIMIT) {
      recentlyRecorded.clear();
    }
    recentlyRecorded.merge(key, at, CustomerWindows::later);
    if (pending.merge(key, at, CustomerWindows::later) == at) {
      queue.add(key);
    }
  }

  public @Nullable Instant lastInbound(String phoneNumberId, String citizen) {
    String key = key(phoneNumberId, citizen);
    Instant noted = pending.get(key);
    Window window = mongo.findById(key, Window.class, COLLECTION);
    Instant stored = window == null ? null : window.lastInboundAt();
    if (noted == null) {
      return stored;
    }
    return stored == null ? noted : later(noted, stored);
  }

  /** Writes every note taken so far (for shutdown and tests). */
  public void flush() {
    List<String> batch = new ArrayList<>();
    while (queue.drainTo(batch, 1000) > 0) {
      write(batch);
      batch.clear();
    }
  }

  private void loop() {
    List<String> batch = new ArrayList<>();
    while (running) {
      try {
        String first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 999);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn(
            "customer windows could not be written yet, retrying: {}",
            e.getClass().getSimpleName());
        queue.addAll(batch);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<String> batch) {
    List<UpdateOneModel<Document>> updates = new ArrayList<>(batch.size());
    Map<String, Instant> written = new java.util.HashMap<>();
    for (String key : batch) {
      Instant at = pending.get(key);
      if (at != null && written.putIfAbsent(key, at) == null) {
        updates.add(
            new UpdateOneModel<>(
                Filters.eq("_id", key),
                Updates.max("lastInboundAt", Date.from(at)),
                new UpdateOptions().upsert(true)));
      }
    }
    if (updates.isEmpty()) {
      return;
    }
    mongo.getCollection(COLLECTION).bulkWrite(updates);
    // A newer note taken meanwhile stays pending (and queued) for the next round.
    written.forEach(pending::remove);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private String key(String phoneNumberId, String citizen) {
    return phoneNumberId + ":" + cipher.lookup("wa", citizen);
  }

  @Override
  public void destroy() throws InterruptedException {
    running = false;
    writer.join(2000);
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("{} customer windows were not written at shutdown", pending.size());
    }
  }

  record Window(String id, Instant lastInboundAt) {}
}
