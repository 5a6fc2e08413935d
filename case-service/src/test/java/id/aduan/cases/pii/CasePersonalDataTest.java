package id.aduan.cases.pii;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.persistence.Cases;
import id.aduan.support.pii.PiiCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The stored shape of a case: what is encrypted, what stays clear, and rotation on rewrite. */
class CasePersonalDataTest {

  private static final byte[] K1 = filled(1);
  private static final byte[] K2 = filled(2);
  private static final byte[] LOOKUP = filled(3);

  private static Document aCase() {
    return Document.parse(
        """
        {"_id": "c1", "ticket": "BDG-2026-000001", "status": "ROUTED",
         "citizenName": "Siti Aminah",
         "replyAddress": {"channel": "WHATSAPP", "channelAccountId": "100000000000001",
                          "recipientId": "6281234567890"},
         "otherReporters": [{"channel": "EMAIL", "channelAccountId": "a@b", "recipientId": "x@y.id"}],
         "form": {"nik": "3273014101900001", "name": "Siti", "description": "PKH, HP 081311112222",
                  "signed": "true"},
         "messages": [{"text": "NIK saya 3273015502880002 tolong", "providerMessageId": "wamid.1"}],
         "timeline": [{"action": "note", "reason": "telepon 081299990001"}],
         "outbox": [{"eventId": "e1", "json": "{\\"recipientId\\":\\"6281234567890\\"}"}]}
        """);
  }

  @Test
  void encryptsIdentityAndTheNumbersInsideTextsAndKeepsTheRestClear() {
    CasePersonalData codec = codec(new PiiCipher("k1", Map.of("k1", K1), LOOKUP));
    Document doc = aCase();
    codec.encrypt(doc);
    String json = doc.toJson();
    for (String clear :
        List.of(
            "3273014101900001",
            "3273015502880002",
            "81234567890",
            "81311112222",
            "81299990001",
            "Siti",
            "x@y.id")) {
      assertThat(json).as(clear).doesNotContain(clear);
    }
    assertThat(json).contains("BDG-2026-000001", "wamid.1", "NIK saya", "tolong", "PKH");
    PiiCipher cipher = new PiiCipher("k1", Map.of("k1", K1), LOOKUP);
    assertThat(doc.getList(Cases.PII_LOOKUP, String.class))
        .contains(
            cipher.lookup("nik", "3273014101900001"),
            cipher.lookup("nik", "3273015502880002"),
            cipher.lookup("phone", "6281234567890"),
            cipher.lookup("phone", "6281311112222"));

    codec.decrypt(doc);
    Document original = aCase();
    doc.remove(Cases.PII_LOOKUP);
    assertThat(doc.remove(CasePersonalData.FLAG)).isEqualTo(false);
    assertThat(doc).isEqualTo(original);
  }

  @Test
  void aRotatedKeyReadsOldDocumentsAndRewritesThemUnderTheNewKey() {
    Document doc = aCase();
    codec(new PiiCipher("k1", Map.of("k1", K1), LOOKUP)).encrypt(doc);
    CasePersonalData rotated = codec(new PiiCipher("k2", Map.of("k1", K1, "k2", K2), LOOKUP));
    rotated.decrypt(doc); // read...
    rotated.encrypt(doc); // ...and written again, as every save does
    assertThat(doc.get("form", Document.class).get("nik", Document.class).getString("ciphertext"))
        .startsWith("enc:v1:k2:");
    assertThat(doc.toJson()).doesNotContain("enc:v1:k1:");
    codec(new PiiCipher("k2", Map.of("k2", K2), LOOKUP)).decrypt(doc);
    assertThat(doc.get("form", Document.class).getString("nik")).isEqualTo("3273014101900001");
  }

  private static CasePersonalData codec(PiiCipher cipher) {
    return new CasePersonalData(
        cipher, new UnreadablePersonalData(new SimpleMeterRegistry()), id -> null);
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }
}
