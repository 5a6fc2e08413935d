package id.aduan.platform;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * Fills the platform's store with cases quickly: the documents real complaints left in every
 * service's database (the case, its SLA clocks, its notification records, the channel's message
 * records) are copied with new ids, as many rounds as it takes. Only the collections that grew by
 * about one document per template complaint are copied (per-complaint collections; counters,
 * configuration and the like are left alone). In each round every string {@code _id} and every
 * string value of a unique index gets the same suffix {@code -s<round>} (so a clock's {@code
 * caseId} still names its case's copy when both are keys), numbers of unique indexes move by {@code
 * round * 10^7}, ObjectIds and UUIDs are new. Sealed personal data is copied as sealed: the copies
 * decrypt as their templates do.
 *
 * <p>The copies go to a {@link Sink}: the running store over the wire ({@link #wire}), or its data
 * file while the store process is stopped ({@link StoreFile}, ADR 0056), which writes through the
 * same server code without the wire, the per-command round trips and the running services.
 */
final class StoreSeeder {

  /** Where the copies go. */
  interface Sink {
    /** The documents in {@code database.collection}. */
    long count(String database, String collection);

    /**
     * Inserts {@code batch} unordered; returns how many documents were stored. Called from two
     * threads at once, for different collections.
     */
    long insert(String database, String collection, List<Document> batch);
  }

  /** The running store over the wire, with the driver (unordered {@code insertMany}). */
  static Sink wire(MongoClient client) {
    return new Sink() {
      @Override
      public long count(String database, String collection) {
        return client.getDatabase(database).getCollection(collection).countDocuments();
      }

      @Override
      public long insert(String database, String collection, List<Document> batch) {
        return StoreSeeder.insert(client.getDatabase(database).getCollection(collection), batch);
      }
    };
  }

  /**
   * The databases a WhatsApp complaint writes to; the others (LAPOR!'s poll, email, social) grow
   * with time, not with complaints.
   */
  private static final Set<String> COMPLAINT_DATABASES =
      Set.of("aduan-cases", "aduan-sla", "aduan-notification", "aduan-whatsapp");

  private static final int BATCH = 1000;

  /**
   * Fields whose values stand for a document's own content and are renewed in every copy like
   * unique values: a case's duplicate keys ({@code dupKeys}, ADR 0049) are derived from its text,
   * which is sealed and cannot be varied here; copies keeping their template's keys would make
   * every copy a duplicate candidate of every complaint that shares a key with its template
   * (thousands at 10^5), which a store of that many different complaints never has (ADR 0056).
   */
  static final Set<String> CONTENT_KEYS = Set.of("dupKeys");

  /** The databases and collections with their sizes. */
  static Map<String, Long> sizes(MongoClient client) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String db : client.listDatabaseNames()) {
      if (!COMPLAINT_DATABASES.contains(db)) {
        continue;
      }
      MongoDatabase database = client.getDatabase(db);
      for (String collection : database.listCollectionNames()) {
        if (collection.startsWith("system.")) {
          continue;
        }
        out.put(db + "." + collection, database.getCollection(collection).countDocuments());
      }
    }
    return out;
  }

  /** One per-complaint collection and its templates. */
  record Templates(
      String database, String collection, List<Document> documents, Set<String> keys) {}

  private final MongoClient client;
  private final List<Templates> templates = new ArrayList<>();
  private int round;

  /**
   * Picks the collections that grew by at least {@code 0.8 * complaints} between {@code before} and
   * now, and their documents as templates.
   */
  StoreSeeder(MongoClient client, Map<String, Long> before, int complaints) {
    this.client = client;
    sizes(client)
        .forEach(
            (name, size) -> {
              long grown = size - before.getOrDefault(name, 0L);
              if (grown < 0.8 * complaints) {
                return;
              }
              int dot = name.indexOf('.');
              String db = name.substring(0, dot);
              String collection = name.substring(dot + 1);
              MongoCollection<Document> c = client.getDatabase(db).getCollection(collection);
              Set<String> keys = new HashSet<>();
              for (Document index : c.listIndexes()) {
                if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                  keys.addAll(index.get("key", Document.class).keySet());
                }
              }
              keys.remove("_id");
              templates.add(new Templates(db, collection, c.find().into(new ArrayList<>()), keys));
            });
  }

  List<Templates> templates() {
    return templates;
  }

  /**
   * Copies every template over the wire until {@code database.collection} holds at least {@code
   * target} documents; returns the documents written.
   */
  long fill(String countedCollection, long target) {
    return fill(wire(client), countedCollection, target);
  }

  /**
   * Copies every template into {@code sink} until {@code database.collection} holds at least {@code
   * target} documents; returns the documents written.
   */
  long fill(Sink sink, String countedCollection, long target) {
    int dot = countedCollection.indexOf('.');
    String countedDatabase = countedCollection.substring(0, dot);
    String counted = countedCollection.substring(dot + 1);
    java.util.concurrent.atomic.LongAdder written = new java.util.concurrent.atomic.LongAdder();
    while (sink.count(countedDatabase, counted) < target) {
      int r = ++round;
      // The collections of a round side by side (the common pool and this thread: two on two
      // cores); a collection's own batches stay in order.
      templates.parallelStream()
          .forEach(
              t -> {
                List<Document> batch = new ArrayList<>(BATCH);
                for (Document template : t.documents()) {
                  batch.add(copy(template, t.keys(), r));
                  if (batch.size() == BATCH) {
                    written.add(sink.insert(t.database(), t.collection(), batch));
                    batch.clear();
                  }
                }
                if (!batch.isEmpty()) {
                  written.add(sink.insert(t.database(), t.collection(), batch));
                }
              });
    }
    return written.sum();
  }

  private static long insert(MongoCollection<Document> c, List<Document> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    try {
      c.insertMany(batch, new InsertManyOptions().ordered(false));
      return batch.size();
    } catch (MongoBulkWriteException e) {
      // A copy whose unique value could not be made new: left out, the others are in.
      return batch.size() - e.getWriteErrors().size();
    }
  }

  /** A copy of {@code template} for round {@code round}, with its keys made new. */
  static Document copy(Document template, Set<String> keys, int round) {
    Document copy = deepCopy(template);
    copy.put("_id", renew(template.get("_id"), round));
    for (String key : keys) {
      setPath(copy, key, round);
    }
    for (String key : CONTENT_KEYS) {
      if (copy.get(key) instanceof List<?> values) {
        copy.put(key, values.stream().map(v -> renew(v, round)).toList());
      }
    }
    return copy;
  }

  private static Document deepCopy(Document d) {
    Document out = new Document();
    d.forEach((k, v) -> out.put(k, deepCopyValue(v)));
    return out;
  }

  private static Object deepCopyValue(Object v) {
    if (v instanceof Document d) {
      return deepCopy(d);
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(e -> out.add(deepCopyValue(e)));
      return out;
    }
    return v;
  }

  private static void setPath(Document d, String path, int round) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      if (d.containsKey(path)) {
        d.put(path, renew(d.get(path), round));
      }
      return;
    }
    Object inner = d.get(path.substring(0, dot));
    if (inner instanceof Document doc) {
      setPath(doc, path.substring(dot + 1), round);
    } else if (inner instanceof List<?> list) {
      for (Object e : list) {
        if (e instanceof Document doc) {
          setPath(doc, path.substring(dot + 1), round);
        }
      }
    }
  }

  private static Object renew(Object value, int round) {
    return switch (value) {
      case null -> null;
      case String s -> s + "-s" + round;
      case ObjectId ignored -> new ObjectId();
      case Integer i -> i + round * 10_000_000L;
      case Long l -> l + round * 10_000_000L;
      case Binary b when b.getType() == BsonBinarySubType.UUID_STANDARD.getValue() -> {
        UUID u = UUID.randomUUID();
        yield new Binary(
            b.getType(),
            ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array());
      }
      case Document d -> {
        Document out = new Document();
        d.forEach((k, v) -> out.put(k, renew(v, round)));
        yield out;
      }
      default -> value;
    };
  }
}
