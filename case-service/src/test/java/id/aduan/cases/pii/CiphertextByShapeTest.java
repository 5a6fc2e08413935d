package id.aduan.cases.pii;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.support.pii.PiiCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Citizen text can never imitate ciphertext (docs/adr/0025): what is decrypted is decided by the
 * position and shape of a stored value, never by what a string starts with; a citizen's own token
 * opener is escaped, and documents stored before this stay readable.
 */
class CiphertextByShapeTest {

  private static final byte[] K1 = filled(1);
  private static final byte[] LOOKUP = filled(3);
  private final PiiCipher cipher = new PiiCipher("k1", Map.of("k1", K1), LOOKUP);
  private final CasePersonalData codec =
      new CasePersonalData(
          cipher, new UnreadablePersonalData(new SimpleMeterRegistry()), id -> null);

  private static Document hostile() {
    return Document.parse(
        """
        {"_id": "c1", "ticket": "PSR-2026-000001", "citizenName": "enc:v1:x:y",
         "replyAddress": {"channel": "WHATSAPP", "channelAccountId": "1", "recipientId": "enc:v1:x:y"},
         "form": {"name": "enc:v1:x:y", "description": "enc:v1:x:y"},
         "messages": [{"messageId": "m1", "text": "enc:v1:x:y"},
                      {"messageId": "m2", "text": "[[pii:enc:v1:x:yy]] NIK 3273014101900001"},
                      {"messageId": "m3", "text": "[[pii! [[pii [[pii:  [[[pii:]]"}],
         "timeline": [{"action": "note", "reason": "enc:v1:k1:AAAA"}]}
        """);
  }

  @Test
  void textThatLooksLikeCiphertextIsStoredAndReadBackAsText() {
    Document doc = hostile();
    codec.encrypt(doc);
    codec.decrypt(doc);
    assertThat(doc.remove(CasePersonalData.FLAG)).isEqualTo(false);
    doc.remove("piiLookup");
    assertThat(doc).isEqualTo(hostile());
  }

  @Test
  void aCitizensTokenOpenerIsEscapedAndTheNikBesideItStillEncrypted() {
    Document doc = hostile();
    codec.encrypt(doc);
    assertThat(doc.toJson()).doesNotContain("3273014101900001");
    assertThat(doc.getList("piiLookup", String.class))
        .contains(cipher.lookup("nik", "3273014101900001"));
    String stored = doc.getList("messages", Document.class).get(1).getString("text");
    assertThat(stored).startsWith("[[pii!:enc:v1:x:yy]] NIK [[pii:enc:v1:k1:");
  }

  @Test
  void aWholeValueIsStoredInAShapeNoStringCanTake() {
    Document doc = hostile();
    codec.encrypt(doc);
    assertThat(doc.get("citizenName")).isInstanceOf(Document.class);
    assertThat(doc.get("replyAddress", Document.class).get("recipientId"))
        .isInstanceOf(Document.class);
  }

  @Test
  void aStoredTextIsDecryptedOnlyInItsTokens() {
    Document doc = new Document("_id", "c2").append("citizenName", "Siti");
    doc.append(
        "messages",
        List.of(new Document("messageId", "m1").append("text", "NIK 3273014101900001 ya")));
    codec.encrypt(doc);
    assertThat(PiiText.decryptIn("enc:v1:x:y", cipher)).isEqualTo("enc:v1:x:y");
    codec.decrypt(doc);
    assertThat(doc.getString("citizenName")).isEqualTo("Siti");
    assertThat(doc.getList("messages", Document.class).getFirst().getString("text"))
        .isEqualTo("NIK 3273014101900001 ya");
  }

  /** A document as stored before docs/adr/0025: whole values as "enc:v1:..." strings. */
  @Test
  void aDocumentInTheEarlierShapeStaysReadable() {
    String token = "[[pii:" + cipher.encrypt("3273015502880002") + "]]";
    Document earlier =
        new Document("_id", "c3")
            .append("ticket", "BDG-2026-000003")
            .append("citizenName", cipher.encrypt("Siti Aminah"))
            .append(
                "replyAddress",
                new Document("channel", "WHATSAPP")
                    .append("channelAccountId", "1")
                    .append("recipientId", cipher.encrypt("6281234567890")))
            .append(
                "otherReporters",
                List.of(
                    new Document("channel", "EMAIL")
                        .append("recipientId", cipher.encrypt("a@b.id"))))
            .append(
                "form",
                new Document("nik", cipher.encrypt("3273014101900001"))
                    .append("description", "PKH " + token))
            .append(
                "messages",
                List.of(new Document("messageId", "m1").append("text", "NIK saya " + token)))
            .append("timeline", List.of(new Document("action", "note").append("reason", token)))
            .append(
                "outbox",
                List.of(new Document("eventId", "e1").append("json", cipher.encrypt("{\"a\":1}"))));
    codec.decrypt(earlier);
    assertThat(earlier.getBoolean(CasePersonalData.FLAG)).isFalse();
    assertThat(earlier.getString("citizenName")).isEqualTo("Siti Aminah");
    assertThat(earlier.get("replyAddress", Document.class).getString("recipientId"))
        .isEqualTo("6281234567890");
    assertThat(
            earlier.getList("otherReporters", Document.class).getFirst().getString("recipientId"))
        .isEqualTo("a@b.id");
    assertThat(earlier.get("form", Document.class).getString("nik")).isEqualTo("3273014101900001");
    assertThat(earlier.get("form", Document.class).getString("description"))
        .isEqualTo("PKH 3273015502880002");
    assertThat(earlier.getList("messages", Document.class).getFirst().getString("text"))
        .isEqualTo("NIK saya 3273015502880002");
    assertThat(earlier.getList("timeline", Document.class).getFirst().getString("reason"))
        .isEqualTo("3273015502880002");
    assertThat(earlier.getList("outbox", Document.class).getFirst().getString("json"))
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void escapingIsUndoneExactly() {
    for (String text :
        List.of("[[pii", "[[pii!", "[[pii!!", "[[[pii:x]]", "a [[pii:enc:v1:k1:AAAA]] b", "")) {
      String stored = PiiText.encryptIn(text, cipher, new LinkedHashSet<>());
      assertThat(PiiText.decryptIn(stored, cipher)).as(text).isEqualTo(text);
    }
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }
}
