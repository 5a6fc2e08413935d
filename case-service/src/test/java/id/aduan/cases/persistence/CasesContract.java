package id.aduan.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.support.messaging.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What {@link Cases} promises, whichever MongoDB it runs on (the in-JVM server here, a real MongoDB
 * in the Testcontainers test).
 */
public abstract class CasesContract {

  static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");
  static final Instant OPENED = Instant.parse("2026-11-20T01:15:02Z");
  protected Cases cases;

  /** The repository on any {@link MongoTemplate}, for subclasses outside this package. */
  protected static Cases casesOn(MongoTemplate mongo) {
    return TestCases.on(mongo);
  }

  static Outbox.Entry entry(String eventId) {
    return new Outbox.Entry(
        eventId,
        "cases.events.v1",
        "c-key",
        "id.aduan.case.opened.v1",
        "BDG-2026-000001",
        "{\"eventId\":\"" + eventId + "\"}",
        null);
  }

  static CaseDocument newCase(String id, String ticket, Outbox.Entry... outbox) {
    CaseState.Builder state =
        CaseState.received(
            ticket, "BDG", CaseType.COMPLAINT, Channel.WHATSAPP, "ONLINE", RECEIVED, OPENED);
    state.replyAddress = new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281234567890");
    state.citizenName = "Siti Aminah";
    state.messages.add(
        new CaseState.Message(
            "m-1",
            Channel.WHATSAPP,
            "INBOUND",
            "wamid.1",
            "Bantuan PKH belum cair",
            RECEIVED,
            List.of(),
            List.of()));
    state.timeline.add(new AuditEntry(OPENED, "system", "opened", null, CaseStatus.RECEIVED, null));
    return CaseDocument.opened(id, state.build(), List.of(outbox));
  }

  @Test
  void aStoredCaseReadsBackAsWritten() {
    CaseDocument doc = newCase("c-1", "BDG-2026-000001", entry("e-1"));

    assertThat(cases.insert(doc)).isTrue();

    assertThat(cases.byId("c-1"))
        .get()
        .usingRecursiveComparison()
        .ignoringFields("version")
        .isEqualTo(doc);
    assertThat(cases.byTicket("BDG-2026-000001"))
        .get()
        .extracting(CaseDocument::id)
        .isEqualTo("c-1");
  }

  @Test
  void givenTheSameCaseInsertedTwice_thenTheSecondInsertReportsFalseAndChangesNothing() {
    cases.insert(newCase("c-2", "BDG-2026-000002", entry("e-2")));

    boolean again = cases.insert(newCase("c-2", "BDG-2026-000099"));

    assertThat(again).isFalse();
    assertThat(cases.byId("c-2"))
        .get()
        .extracting(d -> d.state().ticket())
        .isEqualTo("BDG-2026-000002");
    assertThat(cases.byTicket("BDG-2026-000099")).isEmpty();
  }

  @Test
  void givenAnotherCaseWithATicketAlreadyGiven_thenItIsNotStored() {
    cases.insert(newCase("c-3", "BDG-2026-000003"));

    boolean stored = cases.insert(newCase("c-4", "BDG-2026-000003"));

    assertThat(stored).isFalse();
    assertThat(cases.byId("c-4")).isEmpty();
  }

  @Test
  void givenUnknownIdOrTicket_thenEmpty() {
    assertThat(cases.byId("c-none")).isEmpty();
    assertThat(cases.byTicket("BDG-2026-999999")).isEmpty();
  }

  @Test
  void markPublishedRemovesOnlyThatEventAndClearsThePendingFlagWithTheLastOne() {
    cases.insert(newCase("c-5", "BDG-2026-000005", entry("e-5a"), entry("e-5b")));

    cases.markPublished("c-5", "e-5a");

    CaseDocument halfway = cases.byId("c-5").orElseThrow();
    assertThat(halfway.outbox()).extracting(Outbox.Entry::eventId).containsExactly("e-5b");
    assertThat(halfway.outboxPending()).isTrue();

    cases.markPublished("c-5", "e-5b");

    CaseDocument done = cases.byId("c-5").orElseThrow();
    assertThat(done.outbox()).isEmpty();
    assertThat(done.outboxPending()).isFalse();
  }

  @Test
  void markingAnEventPublishedTwiceIsHarmless() {
    cases.insert(newCase("c-6", "BDG-2026-000006", entry("e-6")));

    cases.markPublished("c-6", "e-6");
    cases.markPublished("c-6", "e-6");

    assertThat(cases.byId("c-6").orElseThrow().outboxPending()).isFalse();
  }

  @Test
  void thePendingOutboxListsOnlyCasesWithEventsLeft() {
    cases.insert(newCase("c-7", "BDG-2026-000007", entry("e-7")));
    cases.insert(newCase("c-8", "BDG-2026-000008", entry("e-8")));
    cases.insert(newCase("c-9", "BDG-2026-000009"));
    cases.markPublished("c-8", "e-8");

    assertThat(cases.withPendingOutbox(100)).extracting(CaseDocument::id).containsExactly("c-7");
  }

  @Test
  void thePendingOutboxIsReadInBatchesOfTheGivenSize() {
    for (int i = 1; i <= 5; i++) {
      cases.insert(newCase("c-b" + i, "BDG-2026-00010" + i, entry("e-b" + i)));
    }

    assertThat(cases.withPendingOutbox(3)).hasSize(3);
  }

  @Test
  void recordDeadlineKeepsTheLatestReportPerClock() {
    cases.insert(newCase("c-10", "BDG-2026-000010"));
    Instant deadline = Instant.parse("2026-11-27T09:00:00Z");

    cases.recordDeadline("c-10", new CaseState.Deadline("completion", deadline, "RUNNING", OPENED));
    cases.recordDeadline(
        "c-10",
        new CaseState.Deadline(
            "start-of-handling", deadline.minusSeconds(86400), "RUNNING", OPENED));
    cases.recordDeadline(
        "c-10",
        new CaseState.Deadline("completion", deadline, "BREACHED", deadline.plusSeconds(1)));

    Map<String, CaseState.Deadline> deadlines =
        cases.byId("c-10").orElseThrow().state().deadlines();
    assertThat(deadlines).containsOnlyKeys("completion", "start-of-handling");
    assertThat(deadlines.get("completion"))
        .isEqualTo(
            new CaseState.Deadline("completion", deadline, "BREACHED", deadline.plusSeconds(1)));
  }

  @Test
  void givenDeadlineForAnUnknownCase_thenNoCaseIsCreated() {
    cases.recordDeadline(
        "c-ghost", new CaseState.Deadline("completion", OPENED, "RUNNING", OPENED));

    assertThat(cases.byId("c-ghost")).isEmpty();
  }

  /**
   * Issue 21: a whole case saved from a read made before the SLA service reported a deadline put
   * the old deadlines back. The save never writes the SLA-reported fields, so the report stays, and
   * the save needs no retry: the version the officer saw is still good (docs/adr/0040).
   */
  @Test
  void aCaseSavedFromAReadMadeBeforeADeadlineReportKeepsTheReportedDeadline() {
    cases.insert(newCase("c-11", "BDG-2026-000011"));
    cases.recordDeadline(
        "c-11", new CaseState.Deadline("response", OPENED.plusSeconds(3600), "RUNNING", OPENED));
    CaseDocument stale = cases.byId("c-11").orElseThrow();
    CaseState.Deadline breached =
        new CaseState.Deadline(
            "response", OPENED.plusSeconds(3600), "BREACHED", OPENED.plusSeconds(3601));
    CaseState.Deadline completion =
        new CaseState.Deadline("completion", OPENED.plusSeconds(86400), "RUNNING", OPENED);

    cases.recordDeadline("c-11", breached);
    cases.recordDeadline("c-11", completion);
    CaseDocument saved =
        cases.save(stale.withOfficerEntry(note("x"), "bdg.rehsos", null, List.of()));

    CaseDocument current = cases.byId("c-11").orElseThrow();
    assertThat(current.state().deadlines())
        .containsExactlyInAnyOrderEntriesOf(Map.of("response", breached, "completion", completion));
    assertThat(current.state().timeline()).extracting(AuditEntry::action).contains("note");
    assertThat(current.state().assignee()).isEqualTo("bdg.rehsos");
    assertThat(current.version()).isEqualTo(stale.version() + 1).isEqualTo(saved.version());
  }

  /**
   * The field-targeted save is still a whole save: it fails on a concurrent save (the version), and
   * a field the case no longer has is removed, as a replacement of the document would.
   */
  @Test
  void aSaveFailsOnAConcurrentSaveAndRemovesWhatTheCaseNoLongerHas() {
    cases.insert(newCase("c-12", "BDG-2026-000012"));
    CaseDocument read = cases.byId("c-12").orElseThrow();
    CaseDocument assigned =
        cases.save(read.withOfficerEntry(note("assign"), "bdg.rehsos", null, List.of()));

    assertThatThrownBy(() -> cases.save(read.withOfficerEntry(note("late"), null, null, List.of())))
        .isInstanceOf(OptimisticLockingFailureException.class);

    CaseState.Builder unassigned = assigned.state().toBuilder();
    unassigned.assignee = null;
    cases.save(assigned.with(unassigned.build(), List.of()));
    CaseDocument current = cases.byId("c-12").orElseThrow();
    assertThat(current.state().assignee()).isNull();
    assertThat(current.state().timeline())
        .extracting(AuditEntry::reason)
        .contains("assign")
        .doesNotContain("late");
    assertThat(current.version()).isEqualTo(read.version() + 2);
  }

  private static AuditEntry note(String reason) {
    return new AuditEntry(
        OPENED, "officer", "note", CaseStatus.RECEIVED, CaseStatus.RECEIVED, reason);
  }
}
