package id.aduan.sla.application;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ClockState;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.sla.domain.DueLevel;
import id.aduan.sla.domain.SlaClock;
import id.aduan.sla.domain.TestCalendars;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tracking of a case's clocks on in-memory clocks, without a broker or a database: what {@code
 * SlaServiceStreamTest} checks through Kafka, and the arithmetic around holidays, re-terming and
 * lateness it does not reach. Lebak (WIB, office 08:00-16:00: the close is 09:00Z) on the bundled
 * 2026 decree.
 */
class DeadlineTrackingTest {

  private static final AgencyCatalog AGENCIES = AgencyCatalog.load(Optional.empty());
  private static final Agency LEBAK = AGENCIES.byCode("LBK").orElseThrow();

  /** Friday 20 November 2026, 08:15 WIB. */
  private static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");

  /** Five working days later: Friday 27th, 16:00 WIB. */
  private static final Instant FIVE_WORKING_DAYS_LATER = Instant.parse("2026-11-27T09:00:00Z");

  private final InMemoryClocks clocks = new InMemoryClocks();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final DeadlineTracking tracking =
      new DeadlineTracking(
          clocks,
          clocks,
          TestCalendars::of,
          5,
          meters,
          Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC));

  @Test
  void aCaseOpenedTwiceStartsItsClockOnceAndFilesItsSchedule() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.WHATSAPP);

    tracking.opened(opened, LEBAK);
    tracking.opened(opened, LEBAK);

    assertThat(published(SlaEvent.SlaClockStarted.class))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.clock()).isEqualTo("completion");
              assertThat(s.policy()).isEqualTo("LBK/LIGHT/completion");
              assertThat(s.deadline()).isEqualTo(FIVE_WORKING_DAYS_LATER);
            });
    assertThat(clocks.filed()).extracting(c -> c.clock().name()).containsExactly("completion");
  }

  @Test
  void aPauseAndResumeMoveTheDeadlineByTheOfficeTimeWaitedAndTheResolutionStopsItOnce() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.WHATSAPP);
    tracking.opened(opened, LEBAK);
    // Waiting from Mon 23 Nov 09:00 to Tue 24 Nov 09:00 WIB: 7 + 1 office hours.
    CaseEvent.InformationRequested requested =
        requested(opened, Instant.parse("2026-11-23T02:00:00Z"));
    tracking.informationRequested(requested);
    tracking.informationRequested(requested);
    CaseEvent.InformationReceived received =
        received(opened, Instant.parse("2026-11-24T02:00:00Z"));
    tracking.informationReceived(received, LEBAK);
    tracking.informationReceived(received, LEBAK);
    CaseEvent.CaseResolved resolved = resolved(opened, Instant.parse("2026-11-25T02:00:00Z"));
    tracking.finished(resolved);
    tracking.finished(resolved);

    // Fri 27 Nov 16:00 WIB plus 8 office hours: Mon 30 Nov 16:00 WIB.
    Instant moved = Instant.parse("2026-11-30T09:00:00Z");
    assertThat(published(SlaEvent.SlaClockPaused.class)).hasSize(1);
    assertThat(published(SlaEvent.SlaClockResumed.class))
        .singleElement()
        .extracting(SlaEvent.SlaClockResumed::deadline)
        .isEqualTo(moved);
    assertThat(published(SlaEvent.SlaClockStopped.class))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.late()).isFalse();
              assertThat(s.deadline()).isEqualTo(moved);
            });
    assertThat(completion(opened).clock().state()).isEqualTo(ClockState.MET);
    assertThat(completion(opened).clock().paused()).hasHours(8);
    assertThat(clocks.filed())
        .as("filed at the start and again on the resumed schedule, never while paused")
        .extracting(c -> c.clock().scheduleVersion())
        .containsExactly(0, 2);
  }

  @Test
  void aPauseOverChristmasCostsOnlyItsOfficeHours() {
    // Monday 21 December 08:15 WIB: five working days are 22, 23, 28, 29, 30 December.
    CaseEvent.CaseOpened opened = opened(Instant.parse("2026-12-21T01:15:00Z"), Channel.WHATSAPP);
    tracking.opened(opened, LEBAK);
    // Wednesday 23rd 14:00 to Monday 28th 10:00 WIB: 2 h, cuti bersama, Christmas, a weekend, 2 h.
    tracking.informationRequested(requested(opened, Instant.parse("2026-12-23T07:00:00Z")));
    tracking.informationReceived(received(opened, Instant.parse("2026-12-28T03:00:00Z")), LEBAK);

    assertThat(published(SlaEvent.SlaClockStarted.class).getFirst().deadline())
        .isEqualTo(Instant.parse("2026-12-30T09:00:00Z"));
    // Wednesday 30th 16:00 WIB plus 4 office hours: Thursday 31st 12:00 WIB.
    assertThat(published(SlaEvent.SlaClockResumed.class).getFirst().deadline())
        .isEqualTo(Instant.parse("2026-12-31T05:00:00Z"));
  }

  @Test
  void aReclassificationReTermsTheClockOnceFromReceiptKeepingItsPauses() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.WHATSAPP);
    tracking.opened(opened, LEBAK);
    tracking.informationRequested(requested(opened, Instant.parse("2026-11-23T02:00:00Z")));
    tracking.informationReceived(received(opened, Instant.parse("2026-11-24T02:00:00Z")), LEBAK);
    CaseEvent.CaseClassified classified = classified(opened, "NO_OVERSIGHT", "REHSOS");

    tracking.classified(classified, LEBAK);
    tracking.classified(classified, LEBAK);

    // Fourteen working days from Friday 20 November (Thursday 10 December, 16:00 WIB), plus the
    // 8 office hours paused: Friday 11 December, 16:00 WIB.
    assertThat(published(SlaEvent.SlaDeadlineChanged.class))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.deadline()).isEqualTo(Instant.parse("2026-12-11T09:00:00Z"));
              assertThat(c.reason()).isEqualTo("reclassified");
            });
    assertThat(completion(opened).clock().policy()).isEqualTo("LBK/NO_OVERSIGHT/completion");
    assertThat(completion(opened).division()).isEqualTo("REHSOS");
    assertThat(
            meters
                .counter("aduan.sla.deadlines.moved", "agency", "LBK", "reason", "reclassification")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void aResolutionAfterTheDeadlineStopsTheClockLate() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.WHATSAPP);
    tracking.opened(opened, LEBAK);

    tracking.finished(resolved(opened, FIVE_WORKING_DAYS_LATER.plusSeconds(1)));

    assertThat(published(SlaEvent.SlaClockStopped.class))
        .singleElement()
        .extracting(SlaEvent.SlaClockStopped::late)
        .isEqualTo(true);
    assertThat(completion(opened).clock().state()).isEqualTo(ClockState.STOPPED_LATE);
    assertThat(clocks.forgotten())
        .extracting(TrackedClock::id)
        .containsExactly(completion(opened).id());
  }

  @Test
  void aStoppedClockAnnouncesNoLevelAndEachLevelComesDueOncePerRun() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.WHATSAPP);
    tracking.opened(opened, LEBAK);
    TrackedClock running = completion(opened);
    int version = running.clock().scheduleVersion();

    assertThat(
            running
                .clock()
                .due(DueLevel.BREACH, version, FIVE_WORKING_DAYS_LATER, FIVE_WORKING_DAYS_LATER))
        .isEqualTo(SlaClock.Decision.FIRE);
    clocks.fired(running.id(), DueLevel.BREACH);
    assertThat(
            completion(opened)
                .clock()
                .due(DueLevel.BREACH, version, FIVE_WORKING_DAYS_LATER, FIVE_WORKING_DAYS_LATER))
        .isEqualTo(SlaClock.Decision.ALREADY_FIRED);
    tracking.finished(resolved(opened, FIVE_WORKING_DAYS_LATER.plusSeconds(60)));
    TrackedClock stopped = completion(opened);
    assertThat(
            stopped
                .clock()
                .due(
                    new DueLevel.Escalation(1),
                    stopped.clock().scheduleVersion(),
                    FIVE_WORKING_DAYS_LATER,
                    FIVE_WORKING_DAYS_LATER.plusSeconds(120)))
        .isEqualTo(SlaClock.Decision.STALE);
  }

  @Test
  void aRejectionWhileWaitingForTheCitizenIsJudgedAgainstThePausedClock() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.WHATSAPP);
    tracking.opened(opened, LEBAK);
    // Waiting from Thursday 26 November; rejected on Wednesday 2 December, past the deadline the
    // clock had, while still waiting: the time waited does not count.
    tracking.informationRequested(requested(opened, Instant.parse("2026-11-26T02:00:00Z")));

    tracking.finished(
        new CaseEvent.CaseRejected(
            UUID.randomUUID().toString(),
            Instant.parse("2026-12-02T02:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.REJECTED,
            "INCOMPLETE",
            "Identitas tidak dilengkapi",
            opened.replyAddress(),
            "lbk.admin"));

    assertThat(published(SlaEvent.SlaClockStopped.class))
        .singleElement()
        .extracting(SlaEvent.SlaClockStopped::late)
        .isEqualTo(false);
    assertThat(completion(opened).clock().state()).isEqualTo(ClockState.MET);
  }

  @Test
  void aCaseReopenedAfterItsResolutionGetsAFreshCompletionTermFromTheReopening() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.WHATSAPP);
    tracking.opened(opened, LEBAK);
    tracking.finished(resolved(opened, Instant.parse("2026-11-25T02:00:00Z")));
    // Reopened on Tuesday 1 December, 10:00 WIB: day 0; five working days end Tuesday 8th.
    CaseEvent.CaseReopened reopened =
        new CaseEvent.CaseReopened(
            UUID.randomUUID().toString(),
            Instant.parse("2026-12-01T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.IN_PROGRESS,
            "Bantuan belum diterima",
            "lbk.admin");

    tracking.reopened(reopened, LEBAK);
    tracking.reopened(reopened, LEBAK);

    assertThat(published(SlaEvent.SlaClockStarted.class))
        .extracting(SlaEvent.SlaClockStarted::startedAt, SlaEvent.SlaClockStarted::deadline)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RECEIVED, FIVE_WORKING_DAYS_LATER),
            org.assertj.core.groups.Tuple.tuple(
                reopened.occurredAt(), Instant.parse("2026-12-08T09:00:00Z")));
    assertThat(completion(opened).clock().state()).isEqualTo(ClockState.RUNNING);
    assertThat(clocks.filed())
        .last()
        .satisfies(c -> assertThat(c.clock().startedAt()).isEqualTo(reopened.occurredAt()));

    tracking.finished(resolved(opened, Instant.parse("2026-12-09T02:00:00Z")));
    assertThat(published(SlaEvent.SlaClockStopped.class))
        .extracting(SlaEvent.SlaClockStopped::late)
        .containsExactly(false, true);
  }

  @Test
  void anExtensionMovesTheDeadlineOnceAndOneInAnUnknownUnitIsRefused() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.WHATSAPP);
    tracking.opened(opened, LEBAK);

    DeadlineTracking.Outcome unknown = tracking.extended(extended(opened, "FORTNIGHTS"), LEBAK);
    DeadlineTracking.Outcome first = tracking.extended(extended(opened, "WORKING_DAYS"), LEBAK);
    DeadlineTracking.Outcome again = tracking.extended(extended(opened, "WORKING_DAYS"), LEBAK);

    assertThat(unknown).isEqualTo(DeadlineTracking.Outcome.BAD_EXTENSION_UNIT);
    assertThat(first).isEqualTo(DeadlineTracking.Outcome.DONE);
    assertThat(again).isEqualTo(DeadlineTracking.Outcome.DONE);
    // Friday 27 November 16:00 WIB, then two working days: Tuesday 1 December.
    assertThat(published(SlaEvent.SlaDeadlineChanged.class))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.deadline()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
              assertThat(c.reason()).isEqualTo("extended: berkas dari beberapa bidang");
            });
  }

  private static CaseEvent.CaseDeadlineExtended extended(CaseEvent.CaseOpened opened, String unit) {
    return new CaseEvent.CaseDeadlineExtended(
        UUID.randomUUID().toString(),
        Instant.parse("2026-11-26T03:00:00Z"),
        opened.caseId(),
        opened.ticket(),
        "LBK",
        CaseStatus.IN_PROGRESS,
        "completion",
        2,
        unit,
        "berkas dari beberapa bidang",
        null,
        "lbk.admin");
  }

  @Test
  void aMergeStopsEveryClockAsMerged() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.LAPOR);
    tracking.opened(opened, LEBAK);

    tracking.merged(
        new CaseEvent.CaseMerged(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-20T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.MERGED,
            "c-survivor",
            "LBK-2026-000002",
            "lbk.admin"));

    assertThat(clocks.ofCase(opened.caseId()))
        .extracting(c -> c.clock().state())
        .containsOnly(ClockState.MERGED)
        .hasSize(2);
  }

  @Test
  void aLaporAnswerStartsTheClosingClockOnceAndAReplyStopsIt() {
    CaseEvent.CaseOpened opened = opened(RECEIVED, Channel.LAPOR);
    tracking.opened(opened, LEBAK);
    tracking.handedTo(routed(opened), "REHSOS");
    CaseEvent.CaseAnswered answered = answered(opened, Instant.parse("2026-11-25T03:00:00Z"));

    tracking.answered(answered, LEBAK);
    tracking.answered(answered, LEBAK);
    tracking.closingStopped(
        new CaseEvent.CitizenMessageAdded(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-26T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.ANSWERED,
            "m-2",
            Instant.parse("2026-11-26T03:00:00Z"),
            opened.replyAddress()));
    tracking.answered(answered(opened, Instant.parse("2026-11-27T03:00:00Z")), LEBAK);

    List<SlaEvent.SlaClockStarted> closing =
        published(SlaEvent.SlaClockStarted.class).stream()
            .filter(s -> s.clock().equals("lapor-close"))
            .toList();
    // Ten working days after Wednesday 25 November: Wednesday 9 December, 16:00 WIB; and after the
    // second answer on Friday 27th: Friday 11 December.
    assertThat(closing)
        .extracting(SlaEvent.SlaClockStarted::deadline)
        .containsExactly(
            Instant.parse("2026-12-09T09:00:00Z"), Instant.parse("2026-12-11T09:00:00Z"));
    assertThat(published(SlaEvent.SlaClockStopped.class))
        .extracting(SlaEvent.SlaClockStopped::clock)
        .containsExactly("lapor-follow-up", "lapor-close");
    TrackedClock close = clocks.byId(opened.caseId() + "/lapor-close").orElseThrow();
    assertThat(close.division()).isEqualTo("REHSOS");
    assertThat(close.clock().quiet()).isTrue();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private TrackedClock completion(CaseEvent.CaseOpened opened) {
    return clocks.byId(opened.caseId() + "/completion").orElseThrow();
  }

  private <T extends SlaEvent> List<T> published(Class<T> type) {
    return clocks.published().stream().filter(type::isInstance).map(type::cast).toList();
  }

  static CaseEvent.CaseOpened opened(Instant received, Channel channel) {
    String caseId = "c-" + UUID.randomUUID();
    return new CaseEvent.CaseOpened(
        UUID.randomUUID().toString(),
        received.plusSeconds(2),
        caseId,
        "LBK-2026-000001",
        "LBK",
        CaseStatus.RECEIVED,
        channel,
        "ONLINE",
        CaseType.COMPLAINT,
        null,
        received,
        new ReplyAddress(Channel.WHATSAPP, "100000000000003", "6285200000000"),
        "wamid." + caseId,
        "id");
  }

  static CaseEvent.InformationRequested requested(CaseEvent.CaseOpened opened, Instant at) {
    return new CaseEvent.InformationRequested(
        UUID.randomUUID().toString(),
        at,
        opened.caseId(),
        opened.ticket(),
        "LBK",
        CaseStatus.INCOMPLETE,
        List.of("KTP"),
        opened.replyAddress(),
        "lbk.admin",
        List.of());
  }

  static CaseEvent.InformationReceived received(CaseEvent.CaseOpened opened, Instant at) {
    return new CaseEvent.InformationReceived(
        UUID.randomUUID().toString(),
        at,
        opened.caseId(),
        opened.ticket(),
        "LBK",
        CaseStatus.RECEIVED);
  }

  static CaseEvent.CaseResolved resolved(CaseEvent.CaseOpened opened, Instant at) {
    return new CaseEvent.CaseResolved(
        UUID.randomUUID().toString(),
        at,
        opened.caseId(),
        opened.ticket(),
        "LBK",
        CaseStatus.RESOLVED,
        "Bantuan disalurkan",
        opened.replyAddress(),
        "lbk.admin",
        null,
        List.of());
  }

  private static CaseEvent.CaseClassified classified(
      CaseEvent.CaseOpened opened, String slaClass, String division) {
    return new CaseEvent.CaseClassified(
        UUID.randomUUID().toString(),
        Instant.parse("2026-11-25T03:00:00Z"),
        opened.caseId(),
        opened.ticket(),
        "LBK",
        CaseStatus.VERIFIED,
        CaseType.COMPLAINT,
        slaClass,
        null,
        division,
        1.0,
        false,
        List.of(),
        "lbk.verifier");
  }

  private static CaseEvent.CaseRouted routed(CaseEvent.CaseOpened opened) {
    return new CaseEvent.CaseRouted(
        UUID.randomUUID().toString(),
        Instant.parse("2026-11-23T02:00:00Z"),
        opened.caseId(),
        opened.ticket(),
        "LBK",
        CaseStatus.ROUTED,
        "REHSOS",
        "lbk.admin");
  }

  static CaseEvent.CaseAnswered answered(CaseEvent.CaseOpened opened, Instant at) {
    return new CaseEvent.CaseAnswered(
        UUID.randomUUID().toString(),
        at,
        opened.caseId(),
        opened.ticket(),
        "LBK",
        CaseStatus.ANSWERED,
        "Jawaban",
        opened.replyAddress(),
        "lbk.officer",
        List.of());
  }
}
