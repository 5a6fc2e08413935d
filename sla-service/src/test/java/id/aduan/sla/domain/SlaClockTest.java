package id.aduan.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.ClockState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The clock as a value, on Lebak's calendar (WIB, office 08:00-16:00, so the close is 09:00Z) and
 * the bundled 2026 decree: Thursday 24 December 2026 is cuti bersama, Friday 25th Christmas.
 */
class SlaClockTest {

  private static final WorkingDays LEBAK =
      StandardsPolicyTest.daysOf(AgencyCatalog.load(Optional.empty()).byCode("LBK").orElseThrow());

  private static final SlaPolicy.Plan FIVE_DAYS =
      new SlaPolicy.Plan(
          "completion",
          "LBK/LIGHT/completion",
          new SlaDuration(5, SlaDuration.Unit.WORKING_DAYS),
          new SlaDuration(0, SlaDuration.Unit.WORKING_DAYS),
          false);

  /** Monday 21 December 2026, 08:15 WIB: day 0; 22, 23, 28, 29, 30 are the five working days. */
  private static final Instant MONDAY = Instant.parse("2026-12-21T01:15:00Z");

  private static final Instant WEDNESDAY_30_CLOSE = Instant.parse("2026-12-30T09:00:00Z");

  private static SlaClock started() {
    return SlaClock.start(FIVE_DAYS, MONDAY, LEBAK).clock();
  }

  @Test
  void startCountsTheTermOnTheWorkingDayCalendar() {
    SlaClock.Change start = SlaClock.start(FIVE_DAYS, MONDAY, LEBAK);

    assertThat(start.clock().state()).isEqualTo(ClockState.RUNNING);
    assertThat(start.clock().deadline()).isEqualTo(WEDNESDAY_30_CLOSE);
    assertThat(start.event()).isEqualTo(new SlaClock.Started(MONDAY, WEDNESDAY_30_CLOSE, false));
  }

  @Test
  void aPauseOverChristmasCostsOnlyTheOfficeHoursItTook() {
    // Wednesday 23rd 14:00 WIB to Monday 28th 10:00 WIB: 2 h on the 23rd, the 24th (cuti bersama),
    // the 25th (Christmas) and the weekend not at all, 2 h on the 28th.
    Instant pausedAt = Instant.parse("2026-12-23T07:00:00Z");
    Instant resumedAt = Instant.parse("2026-12-28T03:00:00Z");

    SlaClock paused = started().pause(pausedAt).orElseThrow().clock();
    SlaClock.Change resumed = paused.resume(resumedAt, LEBAK).orElseThrow();

    assertThat(paused.state()).isEqualTo(ClockState.PAUSED);
    assertThat(paused.scheduleVersion()).isEqualTo(1);
    // Wednesday 30th 16:00 WIB plus 4 office hours: Thursday 31st 12:00 WIB.
    Instant moved = Instant.parse("2026-12-31T05:00:00Z");
    assertThat(resumed.event())
        .isEqualTo(new SlaClock.Resumed(resumedAt, moved, false, Duration.ofHours(4)));
    assertThat(resumed.clock().deadline()).isEqualTo(moved);
    assertThat(resumed.clock().paused()).isEqualTo(Duration.ofHours(4));
    assertThat(resumed.clock().state()).isEqualTo(ClockState.RUNNING);
    assertThat(resumed.clock().pausedAt()).isNull();
    assertThat(resumed.clock().scheduleVersion()).isEqualTo(2);
  }

  @Test
  void aChangeIsMadeOnce() {
    SlaClock paused = started().pause(MONDAY.plusSeconds(60)).orElseThrow().clock();
    SlaClock stopped =
        started().stop(MONDAY.plusSeconds(60), SlaClock.Ending.DONE).orElseThrow().clock();

    assertThat(paused.pause(MONDAY.plusSeconds(120))).as("paused twice").isEmpty();
    assertThat(started().resume(MONDAY.plusSeconds(120), LEBAK)).as("not paused").isEmpty();
    assertThat(stopped.stop(MONDAY.plusSeconds(120), SlaClock.Ending.DONE)).isEmpty();
    assertThat(stopped.pause(MONDAY.plusSeconds(120))).isEmpty();
    assertThat(stopped.extend(new SlaDuration(7, SlaDuration.Unit.WORKING_DAYS), LEBAK)).isEmpty();
  }

  @Test
  void aReclassificationCountsTheNewTermFromTheStartWithThePausesItHad() {
    SlaClock resumed =
        started()
            .pause(Instant.parse("2026-12-23T07:00:00Z"))
            .orElseThrow()
            .clock()
            .resume(Instant.parse("2026-12-28T03:00:00Z"), LEBAK)
            .orElseThrow()
            .clock();
    SlaPolicy.Plan fourteen =
        new SlaPolicy.Plan(
            "completion",
            "LBK/NO_OVERSIGHT/completion",
            new SlaDuration(14, SlaDuration.Unit.WORKING_DAYS),
            new SlaDuration(0, SlaDuration.Unit.WORKING_DAYS),
            false);

    SlaClock.Change retermed = resumed.reclassify(fourteen, LEBAK).orElseThrow();

    Instant expected =
        LEBAK.addWorkingTime(
            LEBAK.deadline(MONDAY, new SlaDuration(14, SlaDuration.Unit.WORKING_DAYS)).at(),
            Duration.ofHours(4));
    // Fourteen working days reach into 2027, whose decree is not loaded: provisional.
    assertThat(retermed.event()).isEqualTo(new SlaClock.Retermed(expected, true));
    assertThat(retermed.clock().policy()).isEqualTo("LBK/NO_OVERSIGHT/completion");
    assertThat(retermed.clock().scheduleVersion()).isEqualTo(resumed.scheduleVersion() + 1);
    assertThat(retermed.clock().reclassify(fourteen, LEBAK)).as("the same terms again").isEmpty();
  }

  @Test
  void anExtensionIsGrantedOnceAfterTheDeadlinesDay() {
    SlaClock.Change extended =
        started().extend(new SlaDuration(2, SlaDuration.Unit.WORKING_DAYS), LEBAK).orElseThrow();

    // Wednesday 30th, then two working days: Thursday 31st and Friday 1 January (no 2027 decree).
    assertThat(extended.clock().deadline()).isEqualTo(Instant.parse("2027-01-01T09:00:00Z"));
    assertThat(extended.clock().provisional()).isTrue();
    assertThat(extended.clock().extend(new SlaDuration(2, SlaDuration.Unit.WORKING_DAYS), LEBAK))
        .isEmpty();
  }

  @Test
  void workDoneByTheDeadlineMeetsItAndAfterItIsLate() {
    SlaClock.Change met = started().stop(WEDNESDAY_30_CLOSE, SlaClock.Ending.DONE).orElseThrow();
    SlaClock.Change late =
        started().stop(WEDNESDAY_30_CLOSE.plusSeconds(1), SlaClock.Ending.DONE).orElseThrow();
    SlaClock.Change merged =
        started().stop(MONDAY.plusSeconds(60), SlaClock.Ending.MERGED).orElseThrow();

    assertThat(met.clock().state()).isEqualTo(ClockState.MET);
    assertThat(met.event())
        .isEqualTo(
            new SlaClock.Stopped(WEDNESDAY_30_CLOSE, WEDNESDAY_30_CLOSE, false, ClockState.MET));
    assertThat(late.clock().state()).isEqualTo(ClockState.STOPPED_LATE);
    assertThat(((SlaClock.Stopped) late.event()).late()).isTrue();
    assertThat(merged.clock().state()).isEqualTo(ClockState.MERGED);
  }

  @Test
  void aClockStoppedWhilePausedIsJudgedAtItsPauseNotAtTheStop() {
    SlaClock pausedInTime =
        started().pause(WEDNESDAY_30_CLOSE.minusSeconds(3600)).orElseThrow().clock();
    SlaClock pausedLate = started().pause(WEDNESDAY_30_CLOSE.plusSeconds(60)).orElseThrow().clock();

    // Rejected a week later, while still waiting for the citizen.
    Instant rejected = WEDNESDAY_30_CLOSE.plus(Duration.ofDays(7));
    SlaClock.Change met = pausedInTime.stop(rejected, SlaClock.Ending.DONE).orElseThrow();
    SlaClock.Change late = pausedLate.stop(rejected, SlaClock.Ending.DONE).orElseThrow();

    assertThat(met.clock().state()).isEqualTo(ClockState.MET);
    assertThat(((SlaClock.Stopped) met.event()).late()).isFalse();
    assertThat(late.clock().state()).isEqualTo(ClockState.STOPPED_LATE);
  }

  @Test
  void aLevelComesDueOnItsScheduleOncePerRun() {
    SlaClock running = started();
    Instant at = WEDNESDAY_30_CLOSE;
    int version = running.scheduleVersion();

    assertThat(running.due(DueLevel.BREACH, version, at, at.minusSeconds(1)))
        .isEqualTo(SlaClock.Decision.NOT_YET);
    assertThat(running.due(DueLevel.BREACH, version, at, at)).isEqualTo(SlaClock.Decision.FIRE);
    SlaClock fired = running.firing(DueLevel.BREACH);
    assertThat(fired.due(DueLevel.BREACH, version, at, at))
        .isEqualTo(SlaClock.Decision.ALREADY_FIRED);
    assertThat(fired.due(new DueLevel.Escalation(1), version, at, at))
        .isEqualTo(SlaClock.Decision.FIRE);
    assertThat(running.due(DueLevel.BREACH, version - 1, at, at))
        .as("filed for an older schedule")
        .isEqualTo(SlaClock.Decision.STALE);
    SlaClock paused = running.pause(MONDAY.plusSeconds(60)).orElseThrow().clock();
    assertThat(paused.due(DueLevel.BREACH, paused.scheduleVersion(), at, at))
        .as("a paused clock announces nothing")
        .isEqualTo(SlaClock.Decision.STALE);
  }

  @Test
  void aFinishedClockRestartsAsANewRunWhoseLevelsComeDueAgain() {
    Instant answered = Instant.parse("2026-12-22T03:00:00Z");
    SlaClock stopped =
        started()
            .firing(new DueLevel.Warning(0.5))
            .stop(answered, SlaClock.Ending.DONE)
            .orElseThrow()
            .clock();

    assertThat(stopped.restart(MONDAY, FIVE_DAYS.allowed(), LEBAK))
        .as("not after the last start")
        .isEmpty();
    SlaClock again =
        stopped
            .restart(answered.plusSeconds(3600), FIVE_DAYS.allowed(), LEBAK)
            .orElseThrow()
            .clock();
    assertThat(again.state()).isEqualTo(ClockState.RUNNING);
    assertThat(again.fired()).isEmpty();
    assertThat(again.startedAt()).isEqualTo(answered.plusSeconds(3600));
  }

  @Test
  void aReopenedClockRunsAFreshTermFromTheReopeningOnceAndAMergedOneStaysStopped() {
    Instant reopenedAt = Instant.parse("2027-01-04T03:00:00Z");
    SlaClock late =
        started()
            .extend(new SlaDuration(1, SlaDuration.Unit.WORKING_DAYS), LEBAK)
            .orElseThrow()
            .clock()
            .firing(DueLevel.BREACH)
            .stop(Instant.parse("2027-01-02T03:00:00Z"), SlaClock.Ending.DONE)
            .orElseThrow()
            .clock();

    SlaClock.Change reopened = late.reopen(reopenedAt, LEBAK).orElseThrow();

    assertThat(late.state()).isEqualTo(ClockState.STOPPED_LATE);
    assertThat(reopened.clock().state()).isEqualTo(ClockState.RUNNING);
    assertThat(reopened.clock().startedAt()).isEqualTo(reopenedAt);
    assertThat(reopened.clock().deadline())
        .isEqualTo(LEBAK.deadline(reopenedAt, FIVE_DAYS.allowed()).at());
    assertThat(reopened.clock().extension()).as("a new run may be extended again").isNull();
    assertThat(reopened.clock().fired()).isEmpty();
    assertThat(reopened.clock().reopen(reopenedAt, LEBAK)).as("redelivered").isEmpty();
    SlaClock merged = started().stop(MONDAY, SlaClock.Ending.MERGED).orElseThrow().clock();
    assertThat(merged.reopen(reopenedAt, LEBAK)).isEmpty();
  }

  @Test
  void dueLevelsReadBackFromTheirStoredNames() {
    assertThat(DueLevel.parse("warning:0.5")).isEqualTo(new DueLevel.Warning(0.5));
    assertThat(DueLevel.parse("breach")).isEqualTo(DueLevel.BREACH);
    assertThat(DueLevel.parse("escalation:3").key()).isEqualTo("escalation:3");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DueLevel.parse("warning"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DueLevel.parse("late:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
