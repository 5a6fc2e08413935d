package id.aduan.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the H2 backend's collection data maps: the stock {@link ObjectDataType}, whose
 * bytes it writes exactly (the file format is the stock backend's), but each document is
 * Java-serialized once until it changes instead of at every write of its B-tree page.
 *
 * <p>The commit before every reply (ADR 0042) writes every page a command changed, and a leaf page
 * holds some dozens of documents: the stock type serialized all of them again, changed or not, and
 * {@code ObjectOutputStream.writeObject} under {@code FileStore.serializeAndStore} was the store's
 * top cost under the end-to-end benchmark. Here a document's bytes are kept by the identity of the
 * {@link Document} object, weakly (they go when MVStore's page cache lets the document go) and at
 * most {@value #MAX_KEPT} of them (then the memo is emptied).
 *
 * <p>The backend changes a stored document in place ({@code AbstractMongoCollection.updateDocument}
 * edits the object the map holds and puts the same object back, {@code H2Collection.handleUpdate});
 * {@link IndexingH2Collection} calls {@link #changed} there, before the put, so the next write
 * serializes the new content (ADR 0058).
 */
final class DocumentValueType extends ObjectDataType {

  static final int MAX_KEPT = 500_000;

  /** {@code ObjectDataType.TYPE_SERIALIZED_OBJECT}: the tag of a Java-serialized value. */
  private static final byte SERIALIZED = 19;

  /** A document by identity, weakly: equal documents are different objects. */
  private static final class Same extends WeakReference<Document> {
    private final int hash;

    Same(Document document, ReferenceQueue<Document> queue) {
      super(document, queue);
      this.hash = System.identityHashCode(document);
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Same same)) {
        return false;
      }
      Document document = get();
      return document != null && document == same.get();
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final ConcurrentHashMap<Same, byte[]> kept = new ConcurrentHashMap<>();
  private final ReferenceQueue<Document> collected = new ReferenceQueue<>();
  private final LongAdder serialized = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final AtomicLong changes = new AtomicLong();

  /**
   * What the stock type estimates a serialized value to take in memory (for MVStore's page cache):
   * twice its bytes, as a moving average over the values written and read; the stock type keeps it
   * privately, so it is kept here the same way for documents.
   */
  private volatile int averageSize = 10_000;

  @Override
  public void write(WriteBuffer buff, Object obj) {
    if (!(obj instanceof Document document)) {
      super.write(buff, obj);
      return;
    }
    written.increment();
    byte[] data = bytes(document);
    averageSize = (int) ((data.length * 2 + 15L * averageSize) / 16);
    buff.put(SERIALIZED).putVarInt(data.length).put(data);
  }

  @Override
  public Object read(ByteBuffer buff) {
    int start = buff.position();
    Object value = super.read(buff);
    if (value instanceof Document) {
      averageSize = (int) ((2L * (buff.position() - start) + 15L * averageSize) / 16);
    }
    return value;
  }

  @Override
  public int getMemory(Object obj) {
    return obj instanceof Document ? averageSize : super.getMemory(obj);
  }

  /** The backend is about to store {@code document} again after changing it in place. */
  void changed(Document document) {
    changes.incrementAndGet();
    kept.remove(new Same(document, null));
  }

  private byte[] bytes(Document document) {
    Same key = new Same(document, null);
    byte[] data = kept.get(key);
    if (data != null) {
      return data;
    }
    // A commit may serialize a document while a command changes it (the stock backend has the same
    // race, and writes the page again after the command's put). Bytes serialized while any change
    // was under way are not kept: the count of changes is read before serializing and checked
    // after keeping them, and changed() counts before it removes.
    long before = changes.get();
    data = serialize(document);
    serialized.increment();
    expunge();
    if (kept.size() >= MAX_KEPT) {
      kept.clear();
    }
    Same entry = new Same(document, collected);
    kept.put(entry, data);
    if (changes.get() != before) {
      kept.remove(entry, data);
    }
    return data;
  }

  private void expunge() {
    for (Object gone; (gone = collected.poll()) != null; ) {
      kept.remove(gone);
    }
  }

  /** How many documents this type has serialized (for tests). */
  long serialized() {
    return serialized.sum();
  }

  /** How many documents this type has written, serialized or kept (for tests). */
  long written() {
    return written.sum();
  }

  /** How many documents' bytes are kept (for tests). */
  int kept() {
    expunge();
    return kept.size();
  }
}
