package id.aduan.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * From each of the five standards, as the bundled agency files carry them, to the clocks a case
 * runs and their deadlines on the real 2026 calendar: Nyepi and Idul Fitri close the offices from
 * Wednesday 18 to Tuesday 24 March 2026 (working again on the 25th), Good Friday 3 April. Office
 * hours 08:00-16:00 local everywhere, so the close is 09:00Z in WIB and 08:00Z in WITA (Buton).
 */
class StandardsPolicyTest {

  private static final AgencyCatalog AGENCIES = AgencyCatalog.load(Optional.empty());

  static WorkingDays daysOf(Agency agency) {
    return TestCalendars.of(agency);
  }

  private static Agency agency(String code) {
    return AGENCIES.byCode(code).orElseThrow();
  }

  @ParameterizedTest(name = "[{index}] {0} {1}/{2} {5}: {7}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // agency | case type | SLA class | intake | received | clock | policy | deadline | why
        // Bandung, SOP: "4 Hari kerja"; PPID: the statute's 10 working days
        "BDG | COMPLAINT | - | ONLINE | 2026-03-17T03:00:00Z | completion | BDG/STANDARD/completion | 2026-03-30T09:00:00Z | Tue 10:00 before Nyepi: Nyepi and Idul Fitri skipped",
        "BDG | COMPLAINT | - | ONLINE | 2026-03-13T09:30:00Z | completion | BDG/STANDARD/completion | 2026-03-27T09:00:00Z | Friday 16:30, after office hours: day 0 is Monday",
        "BDG | INFORMATION_REQUEST | - | ONLINE | 2026-03-16T02:00:00Z | completion | BDG/PPID/completion | 2026-04-07T09:00:00Z | statutory 10 working days across Idul Fitri and Good Friday",
        // Bangka Belitung: 5 / 14 / 60 working days by class
        "BABEL | COMPLAINT | - | ONLINE | 2026-03-19T02:00:00Z | completion | BABEL/NEGLECT/completion | 2026-04-01T09:00:00Z | received on Nyepi: day 0 is 25 March",
        "BABEL | COMPLAINT | NO_FIELD_CHECK | ONLINE | 2026-03-16T03:00:00Z | completion | BABEL/NO_FIELD_CHECK/completion | 2026-04-13T09:00:00Z | 14 working days across Idul Fitri and Good Friday",
        "BABEL | COMPLAINT | FIELD_CHECK | ONLINE | 2026-11-02T03:00:00Z | completion | BABEL/FIELD_CHECK/completion | 2027-01-27T09:00:00Z | 60 working days over Christmas into 2027 (no 2027 decree: weekends only)",
        // Buton (WITA): written: start within 1 day, done within 3 days; walk-in: an officer within
        // 1 hour
        "BTN | COMPLAINT | - | letter | 2026-11-20T08:30:00Z | start-of-handling | BTN/WRITTEN/start | 2026-11-24T08:00:00Z | letter on Friday 16:30 WITA: day 0 Monday, start by Tuesday",
        "BTN | COMPLAINT | - | letter | 2026-11-20T08:30:00Z | completion | BTN/WRITTEN/completion | 2026-11-26T08:00:00Z | letter on Friday 16:30 WITA: done by Thursday",
        "BTN | COMPLAINT | - | letter | 2026-11-20T07:30:00Z | completion | BTN/WRITTEN/completion | 2026-11-23T08:00:00Z | Friday 15:30 WITA, still in office hours: day 0 Friday",
        "BTN | COMPLAINT | - | letter | 2026-03-17T02:00:00Z | completion | BTN/WRITTEN/completion | 2026-03-20T08:00:00Z | the standard's 3 hari are calendar days: Nyepi and Idul Fitri count",
        "BTN | COMPLAINT | - | walk-in | 2026-11-20T07:30:00Z | walk-in-reception | BTN/WALK_IN/reception | 2026-11-23T00:30:00Z | walk-in Friday 15:30 WITA: 30 minutes Friday, 30 on Monday",
        "BTN | COMPLAINT | WALK_IN | walk-in | 2026-03-17T07:30:00Z | walk-in-reception | BTN/WALK_IN/reception | 2026-03-25T00:30:00Z | walk-in Tue 15:30 WITA before Nyepi: 30 minutes Tuesday, 30 on 25 March",
        // Lebak: PPID 5 working days; complaints 5 / 5 / 14 / 60
        "LBK | INFORMATION_REQUEST | - | ONLINE | 2026-03-18T02:00:00Z | completion | LBK/PPID/completion | 2026-04-01T09:00:00Z | request on cuti bersama: day 0 is 25 March",
        "LBK | COMPLAINT | - | ONLINE | 2026-11-27T09:01:00Z | completion | LBK/LIGHT/completion | 2026-12-07T09:00:00Z | Friday 16:01 WIB: day 0 Monday 30 November",
        "LBK | COMPLAINT | NO_OVERSIGHT | ONLINE | 2026-12-14T03:00:00Z | completion | LBK/NO_OVERSIGHT/completion | 2027-01-05T09:00:00Z | over Christmas and cuti bersama into 2027",
        // Pasuruan: "3 Hari" (calendar days)
        "PSR | COMPLAINT | - | ONLINE | 2026-03-19T03:00:00Z | completion | PSR/STANDARD/completion | 2026-03-28T09:00:00Z | received on Nyepi: day 0 is 25 March, then 3 calendar days",
        "PSR | COMPLAINT | - | ONLINE | 2026-11-20T09:30:00Z | completion | PSR/STANDARD/completion | 2026-11-26T09:00:00Z | Friday 16:30 WIB: day 0 Monday",
      })
  void eachStandardsClocksAndDeadlines(
      String code,
      String caseType,
      String slaClass,
      String intake,
      String received,
      String clock,
      String policy,
      String deadline,
      String why) {
    Agency agency = agency(code);

    SlaPolicy.Plan plan =
        SlaPolicy.stages(agency, caseType, slaClass, intake, 5).stream()
            .filter(p -> p.clock().equals(clock))
            .findFirst()
            .orElseThrow(() -> new AssertionError(code + " runs no " + clock + " clock"));

    assertThat(plan.policy()).isEqualTo(policy);
    assertThat(daysOf(agency).deadline(Instant.parse(received), plan.allowed()).at())
        .as(why)
        .isEqualTo(Instant.parse(deadline));
  }

  @Test
  void aButonLetterRunsTwoStagesAndAWalkInThree() {
    assertThat(SlaPolicy.stages(agency("BTN"), "COMPLAINT", null, "letter", 5))
        .extracting(SlaPolicy.Plan::clock)
        .containsExactly("start-of-handling", "completion");
    assertThat(SlaPolicy.stages(agency("BTN"), "COMPLAINT", null, "walk-in", 5))
        .extracting(SlaPolicy.Plan::clock)
        .containsExactlyInAnyOrder("start-of-handling", "completion", "walk-in-reception");
    assertThat(SlaPolicy.stages(agency("BDG"), "COMPLAINT", null, "walk-in", 5))
        .extracting(SlaPolicy.Plan::clock)
        .as("Bandung's standard sets no reception time")
        .containsExactly("completion");
  }

  @Test
  void aClassOfAnotherCaseTypeOrUnknownFallsBackToTheTypesDefault() {
    assertThat(SlaPolicy.stages(agency("LBK"), "COMPLAINT", "PPID", null, 5))
        .extracting(SlaPolicy.Plan::policy)
        .containsExactly("LBK/LIGHT/completion");
    assertThat(SlaPolicy.stages(agency("LBK"), "ASPIRATION", null, null, 5))
        .extracting(SlaPolicy.Plan::policy, p -> p.allowed().text())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("default/completion", "5 working-days"));
  }

  @Test
  void thePpidStatuteAllowsOneExtensionOfSevenWorkingDaysLebaksOwnDeadlineNone() {
    Agency bandung = agency("BDG");
    SlaPolicy.Plan ppid =
        SlaPolicy.stages(bandung, "INFORMATION_REQUEST", null, null, 5).getFirst();
    WorkingDays days = daysOf(bandung);
    Instant received = Instant.parse("2026-03-16T02:00:00Z");

    Deadline extended = days.deadline(received, ppid.allowed(), ppid.extension(), Duration.ZERO);

    assertThat(ppid.allowed().text()).isEqualTo("10 working-days");
    assertThat(ppid.extension().text()).isEqualTo("7 working-days");
    // 10 working days end Tue 7 April; 7 more end Thu 16 April, 16:00 WIB.
    assertThat(extended.at()).isEqualTo(Instant.parse("2026-04-16T09:00:00Z"));
    assertThat(
            SlaPolicy.stages(agency("LBK"), "INFORMATION_REQUEST", null, null, 5)
                .getFirst()
                .extension()
                .amount())
        .isZero();
  }

  @Test
  void laporClocksComeFromTheAgencyFile() {
    Agency buton = agency("BTN");
    SlaPolicy.Plan followUp = SlaPolicy.lapor(buton, "follow-up").orElseThrow();
    SlaPolicy.Plan closing = SlaPolicy.lapor(buton, "close-without-reply").orElseThrow();

    // A LAPOR! report dispositioned Friday 20 November 10:00 WITA: follow up by Friday 27th.
    assertThat(followUp.clock()).isEqualTo("lapor-follow-up");
    assertThat(
            daysOf(buton).deadline(Instant.parse("2026-11-20T02:00:00Z"), followUp.allowed()).at())
        .isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    // Answered Tuesday 17 March 2026 (before Nyepi): closes without a reply 10 working days later,
    // Wednesday 8 April (the week off and Good Friday skipped).
    assertThat(closing.quiet()).isTrue();
    assertThat(
            daysOf(buton).deadline(Instant.parse("2026-03-17T02:00:00Z"), closing.allowed()).at())
        .isEqualTo(Instant.parse("2026-04-08T08:00:00Z"));
    assertThat(SlaPolicy.lapor(agency("BDG"), "follow-up"))
        .as("Bandung has no LAPOR! channel in its file, but the rule is national")
        .isPresent();
  }

  @Test
  void theEscalationChainIsTheAgencysRolesWithTheirDelays() {
    List<DueSchedule.Escalation> fallback =
        List.of(new DueSchedule.Escalation("coordinator", Duration.ZERO));

    assertThat(SlaPolicy.chain(agency("BABEL"), fallback))
        .containsExactly(
            new DueSchedule.Escalation("VERIFIER", Duration.ZERO),
            new DueSchedule.Escalation("COORDINATOR", Duration.ofDays(1)),
            new DueSchedule.Escalation("HEAD", Duration.ofDays(2)));
    assertThat(SlaPolicy.chain(agency("LBK"), fallback))
        .extracting(DueSchedule.Escalation::role)
        .containsExactly("SECRETARY", "HEAD");
  }

  @Test
  void anAgencysOwnDayOffIsNotAWorkingDay() {
    Agency lebak = agency("LBK");
    Agency withDayOff =
        new Agency(
            lebak.code(),
            lebak.name(),
            lebak.timeZone(),
            lebak.language(),
            lebak.standard(),
            lebak.officeHours(),
            lebak.channels(),
            lebak.sourceFile(),
            new Agency.Rules(
                lebak.rules().intake(),
                lebak.rules().divisions(),
                lebak.rules().caseTypes(),
                lebak.rules().slaClasses(),
                lebak.rules().escalation(),
                lebak.rules().templates(),
                lebak.rules().threading(),
                lebak.rules().duplicates(),
                lebak.rules().ppid(),
                lebak.rules().aftercare(),
                lebak.rules().notifications(),
                new Agency.Sla(
                    List.of(),
                    List.of(new Agency.DayOff(LocalDate.of(2026, 12, 2), "Hari jadi")),
                    List.of())));
    SlaPolicy.Plan light = SlaPolicy.stages(withDayOff, "COMPLAINT", null, null, 5).getFirst();

    // Wed 25 Nov: five working days end Wed 2 Dec, or Thu 3 Dec when the 2nd is the agency's own.
    assertThat(daysOf(lebak).deadline(Instant.parse("2026-11-25T03:00:00Z"), light.allowed()).at())
        .isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
    assertThat(
            daysOf(withDayOff)
                .deadline(Instant.parse("2026-11-25T03:00:00Z"), light.allowed())
                .at())
        .isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
  }

  @Test
  void aClockPausedAcrossIdulFitriThenReclassifiedKeepsThePausedOfficeTime() {
    Agency lebak = agency("LBK");
    WorkingDays days = daysOf(lebak);
    Instant received = Instant.parse("2026-03-16T03:00:00Z"); // Mon 16 March, 10:00 WIB
    SlaPolicy.Plan light = SlaPolicy.stages(lebak, "COMPLAINT", null, null, 5).getFirst();
    Deadline first = days.deadline(received, light.allowed());
    // Waiting for the citizen from Tue 17 March 14:00 to Wed 25 March 10:00 WIB: 2 + 2 office
    // hours; the days off between cost nothing.
    Instant pausedAt = Instant.parse("2026-03-17T07:00:00Z");
    Instant resumedAt = Instant.parse("2026-03-25T03:00:00Z");
    Deadline resumed = days.resumed(first.at(), pausedAt, resumedAt);
    Duration paused = days.workingTimeBetween(pausedAt, resumedAt);

    SlaPolicy.Plan noOversight =
        SlaPolicy.stages(lebak, "COMPLAINT", "NO_OVERSIGHT", null, 5).getFirst();
    Deadline reclassified =
        days.deadline(received, noOversight.allowed(), noOversight.extension(), paused);

    assertThat(first.at()).isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
    assertThat(resumed.at()).isEqualTo(Instant.parse("2026-03-31T05:00:00Z"));
    assertThat(paused).isEqualTo(Duration.ofHours(4));
    // 14 working days end Mon 13 April 16:00 WIB; plus the 4 paused hours: Tue 14 April 12:00.
    assertThat(reclassified.at()).isEqualTo(Instant.parse("2026-04-14T05:00:00Z"));
    assertThat(days.deadline(received, light.allowed(), light.extension(), paused).at())
        .as("the same formula gives the resumed deadline back")
        .isEqualTo(resumed.at());
  }
}
