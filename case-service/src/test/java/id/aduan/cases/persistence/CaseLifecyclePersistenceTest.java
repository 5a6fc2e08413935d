package id.aduan.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.Classifier;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The lifecycle's stored shape on the MongoDB-protocol server: every new field survives a round
 * trip, a write from a stale read is refused, publishing does not move the version, and the queries
 * threading and duplicate detection rely on find what they should.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseLifecyclePersistenceTest {

  private static final Instant AT = Instant.parse("2026-03-17T02:15:30Z");
  private static final ReplyAddress CITIZEN =
      new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281234567890");

  private MongoClient client;
  private MongoTemplate mongo;
  private Cases cases;
  private Citizens citizens;

  @BeforeAll
  void connect() {
    String uri = InJvmMongo.freshDatabaseUri("case-lifecycle");
    client = MongoClients.create(uri.substring(0, uri.lastIndexOf('/')));
    mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    cases = TestCases.on(mongo);
    citizens = new Citizens(mongo);
  }

  @AfterAll
  void close() {
    client.close();
  }

  private static CaseDocument doc(String id, String ticket, String citizenKey, CaseStatus status) {
    CaseState.Builder s =
        CaseState.received(ticket, "BDG", CaseType.COMPLAINT, Channel.WHATSAPP, "ONLINE", AT, AT);
    s.status = status;
    s.replyAddress = CITIZEN;
    s.citizenName = "Warga";
    s.messages.add(
        new CaseState.Message(
            "m-" + id,
            Channel.WHATSAPP,
            "INBOUND",
            "wamid." + id,
            "Bantuan PKH belum cair",
            AT,
            List.of("att-1"),
            List.of(new CaseState.FileInfo("kk.jpg", "image/jpeg", null, null))));
    s.slaClass = "STANDARD";
    s.topic = "PKH";
    s.division = "LINJAMSOS";
    s.suggestedDivision = "LINJAMSOS";
    s.missing = List.of("kk");
    s.invalid = List.of("nik:birth-date");
    s.resumeTo = CaseStatus.RECEIVED;
    s.resolution =
        new CaseEvent.ResolutionRecord("x", List.of("a"), AT, List.of(), "WHATSAPP", null);
    s.otherReporters = List.of(new ReplyAddress(Channel.LAPOR, "LAPOR-BDG", "TRK-1"));
    s.mergedTickets = List.of("BDG-2026-000009");
    s.duplicateSuspects =
        List.of(
            new CaseState.DuplicateSuspect("c-9", "BDG-2026-000009", 0.7, List.of("same-phone")));
    s.form = Map.of("signed", "true");
    s.citizenKey = citizenKey;
    s.identityKeys = List.of(citizenKey, "phone:abc");
    s.lastCitizenMessageAt = AT;
    s.assignee = "bdg.linjamsos";
    s.survey = new Case.Survey(4, "cepat ditangani", AT, "m-9");
    s.proposal =
        new Classifier.Proposal(
            CaseType.COMPLAINT,
            "STANDARD",
            "PKH",
            "LINJAMSOS",
            0.91,
            false,
            List.of("kata 'pkh' → LINJAMSOS"));
    return CaseDocument.opened(id, s.build(), List.of());
  }

  @Test
  void everyLifecycleFieldSurvivesARoundTrip() {
    CaseDocument stored = doc("c-1", "BDG-2026-000001", "citizen:1", CaseStatus.INCOMPLETE);
    assertThat(cases.insert(stored)).isTrue();

    CaseDocument read = cases.byId("c-1").orElseThrow();

    assertThat(read.version()).isZero();
    assertThat(read.state().missing()).containsExactly("kk");
    assertThat(read.state().invalid()).containsExactly("nik:birth-date");
    assertThat(read.state().resumeTo()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(read.state().resolution()).isEqualTo(stored.state().resolution());
    assertThat(read.state().otherReporters()).isEqualTo(stored.state().otherReporters());
    assertThat(read.state().duplicateSuspects()).isEqualTo(stored.state().duplicateSuspects());
    assertThat(read.state().messages().getFirst().files())
        .isEqualTo(stored.state().messages().getFirst().files());
    assertThat(read.state().form()).containsEntry("signed", "true");
    assertThat(read.toCase().missing()).containsExactly("kk");
  }

  @Test
  void aWriteFromAStaleReadIsRefusedAndPublishingDoesNotMoveTheVersion() {
    cases.insert(doc("c-2", "BDG-2026-000002", "citizen:2", CaseStatus.RECEIVED));
    CaseDocument first = cases.byId("c-2").orElseThrow();
    CaseDocument second = cases.byId("c-2").orElseThrow();
    Case c = first.toCase();
    var events = c.verify("officer.a", null, AT);
    Outbox.Entry entry =
        new Outbox.Entry(
            events.getFirst().eventId(), "cases.events.v1", "c-2", "t", "BDG", "{}", null);

    CaseDocument saved = cases.save(first.with(c, List.of(entry)));
    assertThatThrownBy(() -> cases.save(second.with(second.toCase(), List.of())))
        .isInstanceOf(OptimisticLockingFailureException.class);
    cases.markPublished("c-2", entry.eventId());

    CaseDocument after = cases.byId("c-2").orElseThrow();
    assertThat(saved.version()).isEqualTo(1);
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.state().status()).isEqualTo(CaseStatus.VERIFIED);
    assertThat(after.outbox()).isEmpty();
    assertThat(after.outboxPending()).isFalse();
    assertThat(after.state().timeline()).extracting(AuditEntry::action).containsExactly("verified");
  }

  @Test
  void threadingAndDuplicateQueriesFindOpenCasesOfTheAgencyOnly() {
    cases.insert(doc("c-3", "BDG-2026-000003", "citizen:3", CaseStatus.ROUTED));
    cases.insert(doc("c-4", "BDG-2026-000004", "citizen:3", CaseStatus.ARCHIVED));

    assertThat(cases.holdingMessage("BDG", Channel.WHATSAPP, "wamid.c-3").map(CaseDocument::id))
        .contains("c-3");
    assertThat(cases.holdingMessage("BDG", Channel.EMAIL, "wamid.c-3")).isEmpty();
    assertThat(cases.holdingMessage("PSR", Channel.WHATSAPP, "wamid.c-3")).isEmpty();
    assertThat(cases.holdingAnyMessage("BDG", List.of("x", "wamid.c-4")).map(CaseDocument::id))
        .contains("c-4");
    assertThat(cases.latestOpenOfCitizen("BDG", "citizen:3").map(CaseDocument::id)).contains("c-3");
    assertThat(cases.openSince("BDG", AT.minusSeconds(60), 10))
        .extracting(CaseDocument::id)
        .contains("c-3")
        .doesNotContain("c-4");
  }

  @Test
  void aProfilePerChannelIdentityAndAgencyMergeableBySharedNikOrPhone() {
    Citizens.Profile wa =
        citizens.record(
            "BDG",
            "citizen:wa",
            Channel.WHATSAPP,
            "Siti",
            List.of("citizen:wa", "phone:p1"),
            "c-1",
            AT);
    citizens.record(
        "BDG",
        "citizen:wa",
        Channel.WHATSAPP,
        "Siti",
        List.of("citizen:wa", "phone:p1"),
        "c-1",
        AT);
    Citizens.Profile mail =
        citizens.record(
            "BDG",
            "citizen:mail",
            Channel.EMAIL,
            null,
            List.of("citizen:mail", "nik:n1"),
            "c-2",
            AT);
    Citizens.Profile lapor =
        citizens.record(
            "BDG",
            "citizen:lapor",
            Channel.LAPOR,
            null,
            List.of("citizen:lapor", "phone:p1", "nik:n1"),
            "c-3",
            AT);
    // The same identity in another agency: its own profile, never a candidate in Bandung.
    Citizens.Profile elsewhere =
        citizens.record(
            "PSR",
            "citizen:wa",
            Channel.WHATSAPP,
            "Siti",
            List.of("citizen:wa", "phone:p1"),
            "c-9",
            AT);

    assertThat(citizens.byCitizenKey("BDG", "citizen:wa").caseIds()).containsExactly("c-1");
    assertThat(elsewhere.id()).isNotEqualTo(wa.id());
    assertThat(wa.id()).as("a random id, not the identity key").doesNotContain("citizen");
    assertThat(citizens.mergeCandidates(lapor))
        .extracting(Citizens.Profile::id)
        .containsExactlyInAnyOrder(wa.id(), mail.id());
    assertThat(citizens.byId("PSR", wa.id())).isNull();
    assertThat(citizens.merge("BDG", List.of(wa.id(), lapor.id(), mail.id(), elsewhere.id())))
        .isEqualTo(2);
    assertThat(citizens.byId("BDG", mail.id()).personId()).isEqualTo(wa.personId());
    assertThat(citizens.byId("PSR", elsewhere.id()).personId()).isEqualTo(elsewhere.id());
  }
}
