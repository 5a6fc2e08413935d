package id.aduan.sla.persistence;

import id.aduan.sla.config.SlaProperties;
import id.aduan.sla.domain.DueLevel;
import id.aduan.sla.domain.DueSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Where due moments are filed so that finding what is due costs only what is due, however many
 * clocks are open (docs/adr/0012-due-slots.md). Time is cut into buckets of {@code
 * aduan.sla.scan.bucket}; each bucket has a counter, and its entries have the ids {@code <bucket>/0
 * .. <bucket>/<count-1>}. The scan reads a bucket's counter and then its entries by id, which any
 * MongoDB, and the wire-protocol stand-in, answers from the {@code _id} index, never by scanning
 * the collection.
 */
@Repository
public class DueSlots {

  static final String ENTRIES = "sla_due";
  static final String BUCKETS = "sla_due_buckets";
  static final String CURSOR = "sla_scan";
  private static final int PAGE = 500;

  private final MongoTemplate mongo;
  private final long bucketSeconds;

  DueSlots(MongoTemplate mongo, SlaProperties properties) {
    this.mongo = mongo;
    this.bucketSeconds = Math.max(1, properties.scan().bucket().toSeconds());
  }

  /** A filed due moment of one clock's schedule version ({@code level}: its stored key). */
  public record Entry(@Id String id, String clockId, int version, String level, Instant at) {

    /** The level that comes due. */
    public DueLevel dueLevel() {
      return DueLevel.parse(level);
    }
  }

  record Bucket(@Id String id, long count) {}

  record Cursor(@Id String id, long bucket) {}

  public long bucketOf(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), bucketSeconds);
  }

  /**
   * Files a clock's due moments. A moment already past is filed under the current bucket, which the
   * scan reads again on its next run, so nothing is filed behind it; and never under a bucket a
   * scan has closed (its clock may be ahead of this one's, docs/adr/0012): a moment that landed in
   * one that a scan closed while it was filed is filed again after it (its level still fires once,
   * by its claim).
   */
  public void file(String clockId, int version, List<DueSchedule.Due> due, Instant now) {
    Map<Long, List<DueSchedule.Due>> byBucket = new TreeMap<>();
    long current = bucketOf(now);
    // The scan starts after the cursor; making sure one exists before anything is filed means no
    // entry can lie behind the first scan.
    mongo.upsert(
        Query.query(Criteria.where("_id").is("cursor")),
        new Update().setOnInsert("bucket", current - 1),
        Cursor.class,
        CURSOR);
    long floor = Math.max(current, closed() + 1);
    for (DueSchedule.Due d : due) {
      byBucket.computeIfAbsent(Math.max(bucketOf(d.at()), floor), b -> new ArrayList<>()).add(d);
    }
    while (!byBucket.isEmpty()) {
      for (var bucket : byBucket.entrySet()) {
        insert(clockId, version, bucket.getKey(), bucket.getValue());
      }
      // A scan closes buckets before it reads them: what is in a bucket still open now, it reads.
      long closed = closed();
      List<DueSchedule.Due> behind =
          byBucket.entrySet().stream()
              .filter(b -> b.getKey() <= closed)
              .flatMap(b -> b.getValue().stream())
              .toList();
      byBucket = behind.isEmpty() ? Map.of() : Map.of(closed + 1, behind);
    }
  }

  private void insert(String clockId, int version, long bucket, List<DueSchedule.Due> entries) {
    Bucket counter =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(String.valueOf(bucket))),
            new Update().inc("count", (long) entries.size()),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Bucket.class,
            BUCKETS);
    long first = counter.count() - entries.size();
    List<Entry> docs = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      DueSchedule.Due d = entries.get(i);
      docs.add(new Entry(bucket + "/" + (first + i), clockId, version, d.level().key(), d.at()));
    }
    mongo.insert(docs, ENTRIES);
  }

  /**
   * Closes every bucket up to {@code bucket} to filing, before a scan reads them; never moves
   * backwards.
   */
  public void close(long bucket) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is("closed")),
        new Update().max("bucket", bucket),
        Cursor.class,
        CURSOR);
  }

  /** The last bucket closed to filing ({@link Long#MIN_VALUE} before the first scan). */
  private long closed() {
    Cursor closed = mongo.findById("closed", Cursor.class, CURSOR);
    return closed == null ? Long.MIN_VALUE : closed.bucket();
  }

  /**
   * The buckets in {@code [from, to]} that hold entries, with their counts, read by id in pages (a
   * long pause between scans costs a few reads, not one per bucket).
   */
  public Map<Long, Long> filled(long from, long to) {
    Map<Long, Long> filled = new TreeMap<>();
    for (long start = from; start <= to; start += PAGE) {
      List<String> ids =
          LongStream.rangeClosed(start, Math.min(to, start + PAGE - 1))
              .mapToObj(String::valueOf)
              .toList();
      for (Bucket b :
          mongo.find(Query.query(Criteria.where("_id").in(ids)), Bucket.class, BUCKETS)) {
        filled.put(Long.parseLong(b.id()), b.count());
      }
    }
    return filled;
  }

  /** The {@code count} entries filed under {@code bucket}, read by id. */
  public List<Entry> entries(long bucket, long count) {
    List<Entry> entries = new ArrayList<>();
    for (long from = 0; from < count; from += PAGE) {
      List<String> ids =
          LongStream.range(from, Math.min(count, from + PAGE))
              .mapToObj(i -> bucket + "/" + i)
              .toList();
      entries.addAll(mongo.find(Query.query(Criteria.where("_id").in(ids)), Entry.class, ENTRIES));
    }
    return entries;
  }

  /** Removes a bucket the scan has finished with (it lies wholly in the past). */
  public void drop(long bucket, List<Entry> entries) {
    for (int from = 0; from < entries.size(); from += PAGE) {
      List<String> ids =
          entries.subList(from, Math.min(entries.size(), from + PAGE)).stream()
              .map(Entry::id)
              .toList();
      mongo.remove(Query.query(Criteria.where("_id").in(ids)), ENTRIES);
    }
    mongo.remove(Query.query(Criteria.where("_id").is(String.valueOf(bucket))), BUCKETS);
  }

  /** The last bucket every instance's scan has finished, or empty before the first scan. */
  public OptionalLong finished() {
    Cursor cursor = mongo.findById("cursor", Cursor.class, CURSOR);
    return cursor == null ? OptionalLong.empty() : OptionalLong.of(cursor.bucket());
  }

  /** Records that every bucket up to {@code bucket} is finished; never moves backwards. */
  public void finish(long bucket) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is("cursor")),
        new Update().max("bucket", bucket),
        Cursor.class,
        CURSOR);
  }
}
