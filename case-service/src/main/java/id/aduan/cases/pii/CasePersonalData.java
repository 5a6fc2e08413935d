package id.aduan.cases.pii;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.support.pii.PiiCipher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterLoadEvent;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveEvent;
import org.springframework.stereotype.Component;

/**
 * Encrypts a case's personal data as it is written and decrypts it as it is read, below the
 * mapping: the domain and the use cases work on clear values and never see a key; the stored
 * document holds no NIK or phone number in clear (docs/adr/0020). Encrypted: the reporter's address
 * on their channel (phone number, email, user id) and those of merged reporters, the reporter's
 * name, the front-desk form's identity fields, every NIK and phone number inside message texts,
 * form texts and audit reasons (in place, so that the other words stay searchable), and the pending
 * events of the outbox (they carry addresses and texts). {@code piiLookup} holds keyed hashes of
 * the NIKs and phone numbers for exact lookups.
 *
 * <p>What is decrypted is decided by position, never by content (docs/adr/0025): a value encrypted
 * whole is stored as a sub-document {@code {ciphertext: "enc:v1:..."}} where the schema has a
 * string, a shape no citizen's text can take; texts are decrypted only in their tokens, and a
 * citizen's own token opener is escaped on the way in. A value that cannot be decrypted (a retired
 * key, damage) does not fail the read: it reads as {@link #UNREADABLE}, the case is flagged ({@code
 * personalDataUnreadable}) and counted ({@link UnreadablePersonalData}), and when the case is
 * written again the stored ciphertext is kept as it was.
 */
@Component
public class CasePersonalData extends AbstractMongoEventListener<CaseDocument> {

  /** What an unreadable personal value reads as (Bahasa Indonesia first). */
  public static final String UNREADABLE =
      "[data pribadi tidak dapat dibaca / personal data unreadable]";

  /** The field of the sub-document that holds a value encrypted whole. */
  static final String CIPHERTEXT = "ciphertext";

  /** The flag set on a case as it is read; never stored. */
  static final String FLAG = "personalDataUnreadable";

  /** Form fields encrypted whole: they identify the reporter. */
  private static final Set<String> IDENTITY_FIELDS =
      Set.of("nik", "phone", "name", "address", "email");

  private final PiiCipher cipher;
  private final UnreadablePersonalData unreadable;
  private final Function<Object, @Nullable Document> storedById;

  @Autowired
  CasePersonalData(
      PiiCipher cipher, UnreadablePersonalData unreadable, ObjectProvider<MongoTemplate> mongo) {
    this(
        cipher,
        unreadable,
        id ->
            mongo
                .getObject()
                .getCollection(mongo.getObject().getCollectionName(CaseDocument.class))
                .find(new Document("_id", id))
                .first());
  }

  CasePersonalData(
      PiiCipher cipher,
      UnreadablePersonalData unreadable,
      Function<Object, @Nullable Document> storedById) {
    this.cipher = cipher;
    this.unreadable = unreadable;
    this.storedById = storedById;
  }

  @Override
  public void onBeforeSave(BeforeSaveEvent<CaseDocument> event) {
    Document doc = event.getDocument();
    if (doc != null) {
      encrypt(doc);
    }
  }

  @Override
  public void onAfterLoad(AfterLoadEvent<CaseDocument> event) {
    decrypt(event.getDocument());
  }

  // ---------------------------------------------------------------- writing

  void encrypt(Document doc) {
    doc.remove(FLAG);
    Writing w = new Writing(doc);
    if (doc.get("replyAddress") instanceof Document reply) {
      w.address(reply, () -> field(w.stored("replyAddress"), "recipientId"));
    }
    List<Document> reporters = documents(doc.get("otherReporters"));
    for (int i = 0; i < reporters.size(); i++) {
      int at = i;
      w.address(
          reporters.get(i),
          () -> field(element(w.storedValue("otherReporters"), at), "recipientId"));
    }
    w.whole(doc, "citizenName", () -> w.storedValue("citizenName"));
    if (doc.get("form") instanceof Document form) {
      for (String key : List.copyOf(form.keySet())) {
        if (IDENTITY_FIELDS.contains(key)) {
          w.identityField(form, key);
        } else {
          w.text(form, key, w.lookups, () -> field(w.stored("form"), key));
        }
      }
    }
    for (Document message : documents(doc.get("messages"))) {
      Object messageId = message.get("messageId");
      w.text(
          message,
          "text",
          w.lookups,
          () -> field(find(w.storedValue("messages"), "messageId", messageId), "text"));
    }
    List<Document> timeline = documents(doc.get("timeline"));
    for (int i = 0; i < timeline.size(); i++) {
      int at = i;
      w.text(
          timeline.get(i),
          "reason",
          new LinkedHashSet<>(),
          () -> field(element(w.storedValue("timeline"), at), "reason"));
    }
    for (Document entry : documents(doc.get("outbox"))) {
      Object eventId = entry.get("eventId");
      w.whole(
          entry, "json", () -> field(find(w.storedValue("outbox"), "eventId", eventId), "json"));
    }
    if (w.kept && w.storedValue(Cases.PII_LOOKUP) instanceof List<?> old) {
      // The lookups of the values kept as they were stay findable.
      old.forEach(k -> w.lookups.add(String.valueOf(k)));
    }
    doc.put(Cases.PII_LOOKUP, new ArrayList<>(w.lookups));
  }

  /** One write: its lookups, and the stored document, fetched only if a value must be kept. */
  private final class Writing {
    final Document doc;
    final Set<String> lookups = new LinkedHashSet<>();
    @Nullable Document stored;
    boolean fetched;
    boolean kept;

    Writing(Document doc) {
      this.doc = doc;
    }

    @Nullable Object storedValue(String field) {
      if (!fetched) {
        fetched = true;
        Object id = doc.get("_id");
        stored = id == null ? null : storedById.apply(id);
      }
      return stored == null ? null : stored.get(field);
    }

    @Nullable Document stored(String field) {
      return storedValue(field) instanceof Document d ? d : null;
    }

    /**
     * A value read as {@link #UNREADABLE} is written back as it was stored (its ciphertext), never
     * as the marker encrypted over it.
     */
    @Nullable Object keep(ValueAt old) {
      Object value = old.get();
      if (value != null) {
        kept = true;
      }
      return value;
    }

    void address(Document address, ValueAt storedId) {
      if (address.get("recipientId") instanceof String id) {
        if (id.equals(UNREADABLE)) {
          Object old = keep(storedId);
          if (old != null) {
            address.put("recipientId", old);
            return;
          }
        }
        if (PiiText.isPhone(id) && id.replaceAll("[\\d+ \\-]", "").isEmpty()) {
          lookups.add(cipher.lookup("phone", PiiText.normalizePhone(id)));
        }
        address.put("recipientId", seal(id));
      }
    }

    void identityField(Document form, String key) {
      if (form.get(key) instanceof String value && !value.equals(UNREADABLE)) {
        if (key.equals("nik")) {
          lookups.add(cipher.lookup("nik", PiiText.normalizeNik(value)));
        } else if (key.equals("phone")) {
          lookups.add(cipher.lookup("phone", PiiText.normalizePhone(value)));
        }
      }
      whole(form, key, () -> field(stored("form"), key));
    }

    void whole(Document holder, String field, ValueAt old) {
      if (holder.get(field) instanceof String value) {
        Object kept = value.equals(UNREADABLE) ? keep(old) : null;
        holder.put(field, kept != null ? kept : seal(value));
      }
    }

    void text(Document holder, String field, Set<String> into, ValueAt old) {
      if (holder.get(field) instanceof String value) {
        Object kept = value.equals(UNREADABLE) ? keep(old) : null;
        holder.put(field, kept != null ? kept : PiiText.encryptIn(value, cipher, into));
      }
    }
  }

  @FunctionalInterface
  private interface ValueAt {
    @Nullable Object get();
  }

  /** A value encrypted whole, in the shape no string can take. */
  private Document seal(String clear) {
    return new Document(CIPHERTEXT, cipher.encrypt(clear));
  }

  // ---------------------------------------------------------------- reading

  /**
   * The stored document back to clear, by position: only the fields that are encrypted by schema
   * are decrypted. A value that cannot be decrypted reads as {@link #UNREADABLE} and flags the
   * case.
   */
  void decrypt(Document doc) {
    Set<String> failed = new LinkedHashSet<>();
    if (doc.get("replyAddress") instanceof Document reply) {
      openWhole(reply, "recipientId", "replyAddress", failed);
    }
    for (Document reporter : documents(doc.get("otherReporters"))) {
      openWhole(reporter, "recipientId", "otherReporters", failed);
    }
    openWhole(doc, "citizenName", "citizenName", failed);
    if (doc.get("form") instanceof Document form) {
      for (String key : List.copyOf(form.keySet())) {
        if (IDENTITY_FIELDS.contains(key)) {
          openWhole(form, key, "form", failed);
        } else {
          openText(form, key, "form", failed);
        }
      }
    }
    for (Document message : documents(doc.get("messages"))) {
      openText(message, "text", "messages", failed);
    }
    for (Document entry : documents(doc.get("timeline"))) {
      openText(entry, "reason", "timeline", failed);
    }
    for (Document entry : documents(doc.get("outbox"))) {
      openWhole(entry, "json", "outbox", failed);
    }
    doc.put(FLAG, !failed.isEmpty());
    String id = doc.get("_id") == null ? null : String.valueOf(doc.get("_id"));
    if (id != null) {
      unreadable.read(id, Objects.toString(doc.get("ticket"), id), failed);
    }
  }

  private void openWhole(Document holder, String field, String kind, Set<String> failed) {
    Object value = holder.get(field);
    String stored;
    if (value instanceof Document sealed) {
      stored = sealed.get(CIPHERTEXT) instanceof String s ? s : "";
    } else if (value instanceof String s && PiiCipher.isEncrypted(s)) {
      stored = s; // written before docs/adr/0025: the ciphertext as a string, in its position
    } else {
      return; // clear (written before encryption at rest) or absent
    }
    try {
      if (!PiiCipher.isEncrypted(stored)) {
        throw new IllegalStateException("not a ciphertext");
      }
      holder.put(field, cipher.decrypt(stored));
    } catch (RuntimeException e) {
      holder.put(field, UNREADABLE);
      failed.add(kind);
    }
  }

  private void openText(Document holder, String field, String kind, Set<String> failed) {
    if (holder.get(field) instanceof String text) {
      try {
        holder.put(field, PiiText.decryptIn(text, cipher));
      } catch (RuntimeException e) {
        holder.put(field, UNREADABLE);
        failed.add(kind);
      }
    } else if (holder.get(field) instanceof Document) {
      holder.put(field, UNREADABLE); // no text is stored in this shape
      failed.add(kind);
    }
  }

  // ---------------------------------------------------------------- documents

  private static @Nullable Object field(@Nullable Document doc, String field) {
    return doc == null ? null : doc.get(field);
  }

  private static @Nullable Document element(@Nullable Object list, int index) {
    List<Document> docs = documents(list);
    return index < docs.size() ? docs.get(index) : null;
  }

  private static @Nullable Document find(
      @Nullable Object list, String key, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    for (Document d : documents(list)) {
      if (value.equals(d.get(key))) {
        return d;
      }
    }
    return null;
  }

  private static List<Document> documents(@Nullable Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    List<Document> out = new ArrayList<>();
    for (Object o : list) {
      if (o instanceof Document d) {
        out.add(d);
      }
    }
    return out;
  }
}
