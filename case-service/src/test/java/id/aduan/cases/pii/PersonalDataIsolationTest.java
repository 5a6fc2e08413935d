package id.aduan.cases.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.support.pii.PiiCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A case whose personal data cannot be decrypted (a retired key, a damaged value) fails no read of
 * the agency's cases, is flagged, counted and shown in health, and can still be worked without its
 * stored ciphertext being overwritten (docs/adr/0025). Against the in-JVM MongoDB-protocol server,
 * with the codec on the template's mapping events as in the service.
 */
class PersonalDataIsolationTest {

  private static final Instant T0 = Instant.parse("2026-11-02T03:00:00Z");

  private final PiiCipher cipher = new PiiCipher("k1", Map.of("k1", filled(1)), filled(3));
  private final PiiCipher retired = new PiiCipher("k0", Map.of("k0", filled(9)), filled(3));
  private EncryptingMongo db;
  private MongoTemplate mongo;
  private MongoCollection<Document> raw;
  private UnreadablePersonalData unreadable;
  private SimpleMeterRegistry meters;

  @BeforeEach
  void database() {
    db = EncryptingMongo.fresh(cipher);
    mongo = db.mongo();
    raw = db.raw("cases");
    unreadable = db.unreadable();
    meters = db.meters();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private CaseDocument aCase(String id, String ticket) {
    CaseState.Builder state =
        CaseState.received(
            ticket, "PSR", CaseType.COMPLAINT, Channel.WHATSAPP, "AUTOMATIC", T0, T0);
    state.status = CaseStatus.ROUTED;
    state.replyAddress = new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281234567890");
    state.citizenName = "Siti Aminah";
    state.messages.add(
        new CaseState.Message(
            "m1",
            Channel.WHATSAPP,
            "INBOUND",
            "wamid." + id,
            "jalan rusak, NIK 3273014101900001",
            T0,
            List.of(),
            List.of()));
    return CaseDocument.opened(id, state.build(), List.of());
  }

  @Test
  void aCaseThatCannotBeDecryptedFailsNoListIsFlaggedCountedAndCanStillBeWorked() {
    mongo.save(aCase("good", "PSR-2026-000001"));
    mongo.save(aCase("bad", "PSR-2026-000002"));
    // Damage the second: its name under a key no longer configured, its message token broken.
    Document stored = raw.find(new Document("_id", "bad")).first();
    Document name = new Document("ciphertext", retired.encrypt("Siti Aminah"));
    Document message = stored.getList("messages", Document.class).getFirst();
    String damagedText = message.getString("text").replace("]]", "AAAA]]");
    message.put("text", damagedText);
    stored.put("citizenName", name);
    raw.replaceOne(new Document("_id", "bad"), stored);

    List<CaseDocument> all = mongo.find(new Query(), CaseDocument.class);

    assertThat(all).hasSize(2);
    CaseDocument bad = all.stream().filter(d -> d.id().equals("bad")).findFirst().orElseThrow();
    CaseDocument good = all.stream().filter(d -> d.id().equals("good")).findFirst().orElseThrow();
    assertThat(good.personalDataUnreadable()).isFalse();
    assertThat(good.state().citizenName()).isEqualTo("Siti Aminah");
    assertThat(bad.personalDataUnreadable()).isTrue();
    assertThat(bad.state().citizenName()).isEqualTo(CasePersonalData.UNREADABLE);
    assertThat(bad.state().messages().getFirst().text()).isEqualTo(CasePersonalData.UNREADABLE);
    assertThat(bad.state().replyAddress().recipientId())
        .as("what is readable stays readable")
        .isEqualTo("6281234567890");

    // Counted once per case, however often it is read; shown in health, which stays UP.
    mongo.find(new Query(), CaseDocument.class);
    assertThat(
            meters.get(UnreadablePersonalData.METRIC).tag("part", "citizenName").counter().count())
        .isEqualTo(1.0);
    assertThat(unreadable.health().getStatus()).isEqualTo(Status.UP);
    assertThat(unreadable.health().getDetails())
        .containsEntry("unreadableCases", 1)
        .containsEntry("tickets", List.of("PSR-2026-000002"));

    // Worked: a transition and a new message are saved; the damaged values stay as stored.
    var c = bad.toCase();
    c.startProgress("officer-1", null, T0.plusSeconds(60));
    CaseDocument next =
        bad.with(c, List.of())
            .withMessage(
                new CaseState.Message(
                    "m2",
                    Channel.WHATSAPP,
                    "INBOUND",
                    "wamid.2",
                    "HP 081311112222",
                    T0,
                    List.of(),
                    List.of()),
                List.of());
    mongo.save(next);

    Document after = raw.find(new Document("_id", "bad")).first();
    assertThat(after.get("citizenName")).isEqualTo(name);
    assertThat(after.getList("messages", Document.class).getFirst().getString("text"))
        .isEqualTo(damagedText);
    assertThat(after.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(after.toJson()).doesNotContain("81311112222").doesNotContain("unreadable");
    CaseDocument reread = mongo.findById("bad", CaseDocument.class);
    assertThat(reread.state().messages().get(1).text()).isEqualTo("HP 081311112222");
    assertThat(reread.state().status()).isEqualTo(CaseStatus.IN_PROGRESS);
  }

  @Test
  void aCaseReadCleanlyAgainLeavesTheHealthDetail() {
    mongo.save(aCase("c1", "PSR-2026-000003"));
    unreadable.read("c1", "PSR-2026-000003", java.util.Set.of("citizenName"));
    assertThat(unreadable.count()).isEqualTo(1);
    mongo.findById("c1", CaseDocument.class);
    assertThat(unreadable.count()).isZero();
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }
}
