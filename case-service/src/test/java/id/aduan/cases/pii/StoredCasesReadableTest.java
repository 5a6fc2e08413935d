package id.aduan.cases.pii;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.persistence.TestCases;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.support.pii.PiiCipher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Existing stored cases stay readable: documents written by the code before the case's state moved
 * into the domain (issue 22; {@code src/test/resources/stored-cases/}, written once by {@link
 * StoredCasesWriter}) are read through the repository and the personal-data codec as the service
 * reads them, and every field that matters comes back.
 */
class StoredCasesReadableTest {

  static final PiiCipher CIPHER = new PiiCipher("k1", Map.of("k1", filled(1)), filled(3));

  private static final Instant AT = Instant.parse("2026-03-17T02:15:30Z");

  private EncryptingMongo db;
  private Cases cases;

  static Cases cases(EncryptingMongo db) {
    return TestCases.on(db.mongo(), db.events());
  }

  @BeforeEach
  void load() throws IOException {
    db = EncryptingMongo.fresh(CIPHER);
    cases = cases(db);
    for (String name :
        new String[] {
          "new-whatsapp",
          "conversation",
          "duplicate-suspect",
          "merged",
          "resolved-with-survey",
          "confidential-anonymous",
          "front-desk-form"
        }) {
      try (InputStream in = getClass().getResourceAsStream("/stored-cases/" + name + ".json")) {
        assertThat(in).as(name).isNotNull();
        db.raw("cases")
            .insertOne(Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
  }

  @AfterEach
  void close() {
    db.close();
  }

  private CaseDocument read(String id) {
    return cases.byId(id).orElseThrow();
  }

  @Test
  void aNewWhatsAppCaseWithItsPendingEvent() {
    CaseDocument c = read("c-new");
    assertThat(c.state().ticket()).isEqualTo("BDG-2026-000001");
    assertThat(c.state().status()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(c.state().channel()).isEqualTo(Channel.WHATSAPP);
    assertThat(c.state().replyAddress().recipientId()).isEqualTo("6281234567890");
    assertThat(c.state().citizenName()).isEqualTo("Siti Aminah");
    assertThat(c.state().messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.text()).isEqualTo("Jalan rusak di depan rumah, HP 081311112222");
              assertThat(m.providerMessageId()).isEqualTo("wamid.1");
            });
    assertThat(c.outboxPending()).isTrue();
    assertThat(c.outbox())
        .singleElement()
        .satisfies(e -> assertThat(e.json()).contains("6281234567890"));
    assertThat(c.state().timeline())
        .singleElement()
        .satisfies(t -> assertThat(t.to()).isEqualTo(CaseStatus.RECEIVED));
    assertThat(c.personalDataUnreadable()).isFalse();
    assertThat(cases.holdingMessage("BDG", Channel.WHATSAPP, "wamid.1")).isPresent();
  }

  @Test
  void aConversationWithFilesDeadlinesAndAProposal() {
    CaseDocument c = read("c-conv");
    assertThat(c.version()).isZero();
    assertThat(c.state().status()).isEqualTo(CaseStatus.INCOMPLETE);
    assertThat(c.state().resumeTo()).isEqualTo(CaseStatus.VERIFIED);
    assertThat(c.state().messages())
        .extracting(CaseState.Message::direction)
        .containsExactly("INBOUND", "OUTBOUND", "INBOUND");
    assertThat(c.state().messages().get(0).text()).contains("3273015502880002");
    assertThat(c.state().messages().get(2).files()).hasSize(2);
    assertThat(c.state().messages().get(2).files().get(0).storageRef()).isEqualTo("gridfs-2");
    assertThat(c.state().messages().get(2).attachmentIds()).containsExactly("att-2");
    assertThat(c.state().deadlines()).containsOnlyKeys("response", "resolution");
    assertThat(c.state().deadlines().get("response").state()).isEqualTo("PAUSED");
    assertThat(c.state().timeline().get(1).reason()).isEqualTo("telepon 081299990001");
    assertThat(c.state().missing()).containsExactly("ktp");
    assertThat(c.state().invalid()).containsExactly("nik:birth-date");
    assertThat(c.state().form()).containsEntry("description", "PKH belum cair");
    assertThat(c.state().identityKeys()).containsExactly("citizen:abc", "phone:def");
    assertThat(c.state().lastCitizenMessageAt()).isEqualTo(AT.plusSeconds(3600));
    assertThat(c.state().assignee()).isEqualTo("bdg.linjamsos");
    assertThat(c.state().proposal().unsure()).isTrue();
    assertThat(c.state().proposal().division()).isEqualTo("LINJAMSOS");
    assertThat(c.state().evidence().texts()).hasSize(2);
    assertThat(c.state().evidence().attachments()).hasSize(3);
    assertThat(cases.latestOpenOfCitizen("BDG", "citizen:abc"))
        .map(CaseDocument::id)
        .contains("c-conv");
  }

  @Test
  void aDuplicateSuspect() {
    CaseDocument c = read("c-dup");
    assertThat(c.state().duplicateSuspects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.ticket()).isEqualTo("BDG-2026-000001");
              assertThat(s.similarity()).isEqualTo(0.71);
              assertThat(s.reasons()).containsExactly("same-phone", "similar-text");
            });
    assertThat(c.state().citizenText()).contains("Lampu jalan mati");
  }

  @Test
  void aMergedCase() {
    CaseDocument c = read("c-merged");
    assertThat(c.state().status()).isEqualTo(CaseStatus.MERGED);
    assertThat(c.state().mergedIntoTicket()).isEqualTo("BDG-2026-000002");
    assertThat(c.state().otherReporters())
        .singleElement()
        .satisfies(r -> assertThat(r.recipientId()).isEqualTo("TRK-1"));
    assertThat(c.state().mergedTickets()).containsExactly("BDG-2026-000009");
    assertThat(c.state().replyAddress().recipientId()).isEqualTo("warga@contoh.id");
    assertThat(c.state().deadlines().get("response").state()).isEqualTo("STOPPED_LATE");
  }

  @Test
  void aResolvedCaseWithItsSurvey() {
    CaseDocument c = read("c-resolved");
    assertThat(c.state().status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(c.state().resolution().whatWasDone()).isEqualTo("pipa diperbaiki");
    assertThat(c.state().resolution().attachmentIds()).containsExactly("att-9");
    assertThat(c.state().survey().rating()).isEqualTo(5);
    assertThat(c.state().survey().messageId()).isEqualTo("m-5b");
    assertThat(c.outboxPending()).isTrue();
    assertThat(cases.latestResolvedOfCitizen("BDG", "citizen:abc"))
        .map(CaseDocument::id)
        .contains("c-resolved");
    assertThat(cases.withPendingOutbox(10))
        .extracting(CaseDocument::id)
        .contains("c-new", "c-resolved");
  }

  @Test
  void aConfidentialAnonymousReport() {
    CaseDocument c = read("c-secret");
    assertThat(c.state().anonymous()).isTrue();
    assertThat(c.state().confidential()).isTrue();
    assertThat(c.state().channel()).isEqualTo(Channel.LAPOR);
    assertThat(c.state().citizenName()).isNull();
    assertThat(c.state().division()).isEqualTo("INSPEKTORAT");
  }

  @Test
  void aFrontDeskInformationRequestWithEncryptedIdentityFields() {
    CaseDocument c = read("c-desk");
    assertThat(c.state().caseType()).isEqualTo(CaseType.INFORMATION_REQUEST);
    assertThat(c.state().intakeMode()).isEqualTo("letter");
    assertThat(c.state().replyAddress()).isNull();
    assertThat(c.state().ppidStep()).isEqualTo("VERIFICATION");
    assertThat(c.state().form())
        .containsEntry("nik", "3273014101900001")
        .containsEntry("phone", "081377778888")
        .containsEntry("name", "Rahmat Hidayat")
        .containsEntry("description", "Mohon salinan RKA 2026, hubungi 081377778888");
    assertThat(c.state().anonymous()).isFalse();
    assertThat(c.personalDataUnreadable()).isFalse();
    String stored = db.raw("cases").find(new Document("_id", "c-desk")).first().toJson();
    assertThat(stored).doesNotContain("3273014101900001", "81377778888");
  }

  /**
   * A case read and written again keeps its stored layout: the same fields, in the same places, of
   * the same types (values encrypted whole get a fresh ciphertext; the version moves).
   */
  @Test
  void aRewrittenCaseKeepsItsStoredLayout() {
    for (Document before : db.raw("cases").find()) {
      String id = before.getString("_id");
      cases.save(read(id));
      Document after = db.raw("cases").find(new Document("_id", id)).first();
      assertThat(shape(after)).as(id).isEqualTo(shape(before));
    }
  }

  private static Object shape(Object value) {
    if (value instanceof Document d) {
      Map<String, Object> fields = new java.util.TreeMap<>();
      d.forEach(
          (k, v) -> fields.put(k, "ciphertext".equals(k) || "version".equals(k) ? "*" : shape(v)));
      return fields;
    }
    if (value instanceof java.util.List<?> l) {
      // piiLookup is a set of keyed hashes: its order follows the form map's, which is unordered.
      return l.stream().map(StoredCasesReadableTest::shape).map(String::valueOf).sorted().toList();
    }
    if (value instanceof String text) {
      return "String:" + text.replaceAll("enc:v1:[A-Za-z0-9_:-]+", "enc");
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }

  private static byte[] filled(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }
}
