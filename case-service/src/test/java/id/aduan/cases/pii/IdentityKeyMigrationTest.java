package id.aduan.cases.pii;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.domain.IdentityKeys;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Citizens;
import id.aduan.contracts.Channel;
import id.aduan.support.pii.PiiCipher;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unkeyed identity hashes written before docs/adr/0025 are recomputed, keyed, from the decrypted
 * values of the case they are on; profiles with a hashed id get a random id per agency.
 */
class IdentityKeyMigrationTest {

  private static final String WA = "6281234567890";
  private static final String NIK = "3273014101900001";
  private static final Date AT = Date.from(java.time.Instant.parse("2026-10-01T02:00:00Z"));

  private final PiiCipher cipher = new PiiCipher("k1", Map.of("k1", filled(1)), filled(3));
  private final IdentityKeys keyed = new IdentityKeys(cipher::lookup);
  private final IdentityKeys unkeyed = new IdentityKeys(IdentityKeys.UNKEYED_SHA256);
  private EncryptingMongo db;

  @BeforeEach
  void database() {
    db = EncryptingMongo.fresh(cipher);
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** A case and a profile exactly as stored before: legacy ciphertext strings, unkeyed hashes. */
  private void storeTheEarlierShape() {
    String oldCitizen = unkeyed.citizen(Channel.WHATSAPP, WA);
    List<String> oldKeys =
        List.of(
            oldCitizen,
            unkeyed.phone(WA),
            unkeyed.nik(NIK),
            unkeyed.phone("081311112222"),
            "nik:0123456789abcdef0123456789abcdef");
    db.raw("cases")
        .insertOne(
            new Document("_id", "c-old")
                .append("ticket", "BDG-2026-000001")
                .append("agencyCode", "BDG")
                .append("status", "ROUTED")
                .append("caseType", "COMPLAINT")
                .append("channel", "WHATSAPP")
                .append("intakeMode", "AUTOMATIC")
                .append("receivedAt", AT)
                .append("openedAt", AT)
                .append("outboxPending", false)
                .append(
                    "replyAddress",
                    new Document("channel", "WHATSAPP")
                        .append("channelAccountId", "100000000000001")
                        .append("recipientId", cipher.encrypt(WA)))
                .append("citizenName", cipher.encrypt("Siti"))
                .append(
                    "messages",
                    List.of(
                        new Document("messageId", "m1")
                            .append("channel", "WHATSAPP")
                            .append("direction", "INBOUND")
                            .append(
                                "text",
                                "NIK saya [[pii:"
                                    + cipher.encrypt(NIK)
                                    + "]] HP [[pii:"
                                    + cipher.encrypt("0813-1111-2222")
                                    + "]]")
                            .append("at", AT)))
                .append("citizenKey", oldCitizen)
                .append("identityKeys", oldKeys));
    db.raw("citizens")
        .insertOne(
            new Document("_id", oldCitizen)
                .append("channel", "WHATSAPP")
                .append("displayName", "Siti")
                .append("personId", oldCitizen)
                .append("identityKeys", oldKeys)
                .append("caseIds", List.of("c-old"))
                .append("firstSeen", AT)
                .append("lastSeen", AT));
  }

  @Test
  void unkeyedHashesAreRecomputedKeyedFromTheDecryptedValues() {
    storeTheEarlierShape();
    Citizens citizens = new Citizens(db.mongo());
    IdentityKeyMigration migration = new IdentityKeyMigration(db.mongo(), citizens, keyed);

    IdentityKeyMigration.Result result = migration.migrate();

    assertThat(result).isEqualTo(new IdentityKeyMigration.Result(1, 1, 1));
    CaseDocument doc = db.mongo().findById("c-old", CaseDocument.class);
    String citizen = keyed.citizen(Channel.WHATSAPP, WA);
    assertThat(doc.state().citizenKey()).isEqualTo(citizen);
    assertThat(doc.state().identityKeys())
        .containsExactly(citizen, keyed.phone(WA), keyed.nik(NIK), keyed.phone("6281311112222"));
    Citizens.Profile profile = citizens.byCitizenKey("BDG", citizen);
    assertThat(profile).isNotNull();
    assertThat(profile.id()).isNotEqualTo(unkeyed.citizen(Channel.WHATSAPP, WA));
    assertThat(profile.personId()).isEqualTo(profile.id());
    assertThat(profile.identityKeys()).containsExactlyElementsOf(doc.state().identityKeys());
    assertThat(profile.caseIds()).containsExactly("c-old");
    String stored =
        db.raw("cases").find().first().toJson() + db.raw("citizens").find().first().toJson();
    assertThat(stored).doesNotContainPattern("(citizen|nik|phone):[0-9a-f]{32}\"");
    assertThat(db.raw("citizens").countDocuments()).isEqualTo(1);

    assertThat(migration.migrate()).as("once").isEqualTo(new IdentityKeyMigration.Result(0, 0, 0));
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }
}
