package id.aduan.sla.domain;

import id.aduan.agency.Agency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which clocks a case runs and how long each may take, from the agency's file: the stages of its
 * SLA class ({@code reception}, {@code start}, {@code completion}), and for a case from SP4N-LAPOR!
 * LAPOR!'s own follow-up clock (its close-without-reply clock starts when the report is answered).
 */
public final class SlaPolicy {

  public static final String COMPLETION = "completion";
  public static final String START = "start-of-handling";
  public static final String RECEPTION = "walk-in-reception";
  public static final String LAPOR_FOLLOW_UP = "lapor-follow-up";
  public static final String LAPOR_CLOSE = id.aduan.contracts.SlaEvent.LAPOR_CLOSE;

  /** Every clock a case may run, so that a case's clocks can be read by id. */
  public static final List<String> CLOCKS =
      List.of(COMPLETION, START, RECEPTION, LAPOR_FOLLOW_UP, LAPOR_CLOSE);

  /** The clocks an agency's SLA class times, one per stage. */
  public static final List<String> STAGE_CLOCKS = List.of(COMPLETION, START, RECEPTION);

  /**
   * One clock a case runs.
   *
   * @param policy where it comes from, e.g. {@code BTN/WRITTEN/start} or {@code LAPOR/follow-up}
   * @param extension how much longer it may be extended (zero: not at all)
   * @param quiet no warnings and no escalation, only the moment itself (LAPOR!'s closing)
   */
  public record Plan(
      String clock, String policy, SlaDuration allowed, SlaDuration extension, boolean quiet) {}

  private SlaPolicy() {}

  /** The clock that times {@code stage} of an SLA class. */
  public static String clockOf(String stage) {
    return switch (stage) {
      case "start" -> START;
      case "reception" -> RECEPTION;
      default -> COMPLETION;
    };
  }

  /**
   * The clocks of a new or reclassified case. A case of a class the agency does not define, or of a
   * type without a class, runs one completion clock of {@code defaultWorkingDays}.
   *
   * @param intakeMode the front-desk intake mode ({@code walk-in}, {@code letter}...) or the
   *     channel's; a walk-in also runs the reception stage of its case type where one exists
   */
  public static List<Plan> stages(
      Agency agency,
      String caseType,
      @Nullable String slaClass,
      @Nullable String intakeMode,
      int defaultWorkingDays) {
    Agency.Rules rules = agency.rules();
    Optional<Agency.SlaClass> chosen =
        Optional.ofNullable(slaClass)
            .flatMap(rules::slaClass)
            .filter(c -> c.caseType().equals(caseType))
            .or(() -> rules.defaultSlaClass(caseType));
    List<Plan> plans = new ArrayList<>();
    if (chosen.isEmpty()) {
      plans.add(
          new Plan(
              COMPLETION,
              "default/" + COMPLETION,
              new SlaDuration(defaultWorkingDays, SlaDuration.Unit.WORKING_DAYS),
              none(),
              false));
      return plans;
    }
    Agency.SlaClass cls = chosen.get();
    for (Agency.Stage stage : cls.stages()) {
      plans.add(plan(agency, cls, stage));
    }
    if ("walk-in".equals(intakeMode) && cls.stage("reception").isEmpty()) {
      rules.slaClasses().stream()
          .filter(c -> c.caseType().equals(caseType))
          .filter(c -> c.stage("reception").isPresent())
          .findFirst()
          .ifPresent(c -> plans.add(plan(agency, c, c.stage("reception").orElseThrow())));
    }
    return plans;
  }

  /** LAPOR!'s {@code follow-up} or {@code close-without-reply} clock, if the agency runs it. */
  public static Optional<Plan> lapor(Agency agency, String laporClock) {
    return agency
        .rules()
        .sla()
        .laporClock(laporClock)
        .map(
            c ->
                new Plan(
                    laporClock.equals("follow-up") ? LAPOR_FOLLOW_UP : LAPOR_CLOSE,
                    "LAPOR/" + c.clock(),
                    new SlaDuration(c.duration(), SlaDuration.Unit.valueOf(c.unit())),
                    none(),
                    laporClock.equals("close-without-reply")));
  }

  /**
   * The agency's escalation chain: its roles in order, each told {@code escalationAfter} after the
   * breach; where the file sets no delays, {@code fallback}'s delays by position (and, for an
   * agency without roles, {@code fallback} itself).
   */
  public static List<DueSchedule.Escalation> chain(
      Agency agency, List<DueSchedule.Escalation> fallback) {
    List<String> roles = agency.rules().escalation();
    if (roles.isEmpty()) {
      return fallback;
    }
    List<Duration> after = agency.rules().sla().escalationAfter();
    List<DueSchedule.Escalation> chain = new ArrayList<>();
    for (int i = 0; i < roles.size(); i++) {
      Duration delay =
          i < after.size()
              ? after.get(i)
              : i < fallback.size() ? fallback.get(i).after() : Duration.ofDays(i);
      chain.add(new DueSchedule.Escalation(roles.get(i), delay));
    }
    return chain;
  }

  private static Plan plan(Agency agency, Agency.SlaClass cls, Agency.Stage stage) {
    SlaDuration.Unit unit = SlaDuration.Unit.valueOf(stage.unit());
    return new Plan(
        clockOf(stage.name()),
        agency.code() + "/" + cls.code() + "/" + stage.name(),
        new SlaDuration(stage.duration(), unit),
        new SlaDuration(stage.extension(), unit),
        false);
  }

  private static SlaDuration none() {
    return new SlaDuration(0, SlaDuration.Unit.WORKING_DAYS);
  }
}
