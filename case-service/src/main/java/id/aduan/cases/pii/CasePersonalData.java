package id.aduan.cases.pii;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.support.pii.PiiCipher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
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
 */
@Component
class CasePersonalData extends AbstractMongoEventListener<CaseDocument> {

  /** Form fields encrypted whole: they identify the reporter. */
  private static final Set<String> IDENTITY_FIELDS =
      Set.of("nik", "phone", "name", "address", "email");

  private final PiiCipher cipher;

  CasePersonalData(PiiCipher cipher) {
    this.cipher = cipher;
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

  void encrypt(Document doc) {
    Set<String> lookups = new LinkedHashSet<>();
    if (doc.get("replyAddress") instanceof Document reply) {
      encryptAddress(reply, lookups);
    }
    for (Document reporter : documents(doc.get("otherReporters"))) {
      encryptAddress(reporter, lookups);
    }
    encryptWhole(doc, "citizenName");
    if (doc.get("form") instanceof Document form) {
      for (Map.Entry<String, Object> e : form.entrySet()) {
        if (!(e.getValue() instanceof String value) || PiiCipher.isEncrypted(value)) {
          continue;
        }
        if (IDENTITY_FIELDS.contains(e.getKey())) {
          if (e.getKey().equals("nik")) {
            lookups.add(cipher.lookup("nik", PiiText.normalizeNik(value)));
          } else if (e.getKey().equals("phone")) {
            lookups.add(cipher.lookup("phone", PiiText.normalizePhone(value)));
          }
          e.setValue(cipher.encrypt(value));
        } else {
          e.setValue(PiiText.encryptIn(value, cipher, lookups));
        }
      }
    }
    for (Document message : documents(doc.get("messages"))) {
      if (message.get("text") instanceof String text) {
        message.put("text", PiiText.encryptIn(text, cipher, lookups));
      }
    }
    for (Document entry : documents(doc.get("timeline"))) {
      if (entry.get("reason") instanceof String reason) {
        entry.put("reason", PiiText.encryptIn(reason, cipher, new LinkedHashSet<>()));
      }
    }
    for (Document entry : documents(doc.get("outbox"))) {
      encryptWhole(entry, "json");
    }
    doc.put(Cases.PII_LOOKUP, new ArrayList<>(lookups));
  }

  private void encryptAddress(Document address, Set<String> lookups) {
    if (address.get("recipientId") instanceof String id && !PiiCipher.isEncrypted(id)) {
      if (PiiText.isPhone(id) && id.replaceAll("[\\d+ \\-]", "").isEmpty()) {
        lookups.add(cipher.lookup("phone", PiiText.normalizePhone(id)));
      }
      address.put("recipientId", cipher.encrypt(id));
    }
  }

  private void encryptWhole(Document doc, String field) {
    if (doc.get(field) instanceof String value && !PiiCipher.isEncrypted(value)) {
      doc.put(field, cipher.encrypt(value));
    }
  }

  /** Every encrypted string anywhere in the document back to clear. */
  void decrypt(Document doc) {
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      e.setValue(decryptValue(e.getValue()));
    }
  }

  private Object decryptValue(Object value) {
    if (value instanceof String s) {
      return PiiCipher.isEncrypted(s) ? cipher.decrypt(s) : PiiText.decryptIn(s, cipher);
    }
    if (value instanceof Document d) {
      decrypt(d);
      return d;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(decryptValue(o));
      }
      return out;
    }
    return value;
  }

  private static List<Document> documents(Object value) {
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
