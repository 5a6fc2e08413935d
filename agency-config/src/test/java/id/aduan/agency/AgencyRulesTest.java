package id.aduan.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The five standards as configuration: each agency's rules, read from its bundled file. */
class AgencyRulesTest {

  private final AgencyCatalog catalog = AgencyCatalog.bundled();

  private Agency.Rules rules(String code) {
    return catalog.byCode(code).orElseThrow().rules();
  }

  @ParameterizedTest(name = "{0} {1} on {2} needs {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BDG   | COMPLAINT           | WHATSAPP   | kk,ktp,form",
        "BDG   | COMPLAINT           | FRONT_DESK | kk,ktp,form",
        "BABEL | COMPLAINT           | WHATSAPP   | identity,supporting,form",
        "BABEL | COMPLAINT           | LAPOR      | form",
        "BTN   | COMPLAINT           | FRONT_DESK | name,address,description,loss,remedy,placeAndTime,signature",
        "BTN   | COMPLAINT           | EMAIL      | description",
        "LBK   | INFORMATION_REQUEST | FRONT_DESK | identity,form",
        "LBK   | COMPLAINT           | INSTAGRAM  | ''",
        "PSR   | COMPLAINT           | FRONT_DESK | name,address,description,loss,remedy,placeAndTime,signature",
        "PSR   | COMPLAINT           | LAPOR      | description"
      })
  void intakeRequirementsFollowEachStandard(
      String agency, String caseType, String channel, String expected) {
    List<String> ids =
        rules(agency).requirementsFor(caseType, channel).stream()
            .map(Agency.Requirement::id)
            .toList();

    assertThat(String.join(",", ids)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}: {3} {4} {5}")
  @CsvSource({
    "BDG,   STANDARD,       completion, 4,  WORKING_DAYS,  0",
    "BABEL, NEGLECT,        completion, 5,  WORKING_DAYS,  0",
    "BABEL, NO_FIELD_CHECK, completion, 14, WORKING_DAYS,  0",
    "BABEL, FIELD_CHECK,    completion, 60, WORKING_DAYS,  0",
    "BTN,   WRITTEN,        start,      1,  CALENDAR_DAYS, 0",
    "BTN,   WRITTEN,        completion, 3,  CALENDAR_DAYS, 0",
    "BTN,   WALK_IN,        reception,  1,  WORKING_HOURS, 0",
    "LBK,   PPID,           completion, 5,  WORKING_DAYS,  0",
    "LBK,   LIGHT,          completion, 5,  WORKING_DAYS,  0",
    "LBK,   NORMATIVE,      completion, 5,  WORKING_DAYS,  0",
    "LBK,   NO_OVERSIGHT,   completion, 14, WORKING_DAYS,  0",
    "LBK,   OVERSIGHT,      completion, 60, WORKING_DAYS,  0",
    "PSR,   STANDARD,       completion, 3,  CALENDAR_DAYS, 0",
    "BDG,   PPID,           completion, 10, WORKING_DAYS,  7",
    "PSR,   PPID,           completion, 10, WORKING_DAYS,  7"
  })
  void slaClassesCarryTheStandardsDeadlines(
      String agency, String cls, String stage, int duration, String unit, int extension) {
    Agency.Stage s = rules(agency).slaClass(cls).orElseThrow().stage(stage).orElseThrow();

    assertThat(s).isEqualTo(new Agency.Stage(stage, duration, unit, extension));
  }

  @Test
  void lebakHasItsOwnPpidFlowAndTheOthersTheStatutoryOne() {
    Agency.Ppid lebak = rules("LBK").ppid();
    assertThat(lebak.steps())
        .containsExactly("FRONT_OFFICE", "SECRETARIAT", "HEAD", "SECRETARY", "VERIFICATION");
    assertThat(lebak.ownDeadline()).isTrue();
    assertThat(lebak.consequenceTest()).isFalse();
    assertThat(rules("BDG").ppid()).isEqualTo(Agency.Ppid.STATUTORY);
    assertThat(rules("BDG").defaultSlaClass("INFORMATION_REQUEST").orElseThrow().code())
        .isEqualTo("PPID");
    assertThat(rules("LBK").defaultSlaClass("COMPLAINT").orElseThrow().code()).isEqualTo("LIGHT");
  }

  @Test
  void everyAgencyHasDivisionsTemplatesInBothLanguagesAndAnEscalationChain() {
    for (Agency agency : catalog.all()) {
      Agency.Rules r = agency.rules();
      assertThat(r.divisions()).as(agency.code()).isNotEmpty();
      assertThat(r.escalation()).as(agency.code()).isNotEmpty();
      assertThat(r.templates()).as(agency.code()).containsKeys("acknowledgement", "invalidNik");
      assertThat(r.templates().get("informationRequest").in("en")).contains("{missing}");
      assertThat(r.threading().joinWindow()).isEqualTo(Duration.ofDays(7));
    }
    assertThat(rules("BABEL").duplicates().windowDays()).isEqualTo(30);
  }

  @Test
  void onlyBangkaBelitungPublishesItsFollowUpsAndEveryAgencyAsksForASurvey() {
    for (Agency agency : catalog.all()) {
      Agency.Aftercare aftercare = agency.rules().aftercare();
      assertThat(aftercare.publishFollowUps())
          .as(agency.code())
          .isEqualTo(agency.code().equals("BABEL"));
      assertThat(aftercare.surveyWindow()).as(agency.code()).isEqualTo(Duration.ofDays(7));
    }
    assertThat(rules("BABEL").aftercare().source()).contains("Publikasi hasil tindaklanjut");
  }

  /**
   * Only Bangka Belitung's standard has the coordinator convey the result to the reporter in the
   * berita acara; the others answer the citizen and keep the berita acara (docs/adr/0055).
   */
  @Test
  void onlyBangkaBelitungSendsTheBeritaAcaraToTheReporter() {
    for (Agency agency : catalog.all()) {
      assertThat(agency.rules().aftercare().sendBeritaAcara())
          .as(agency.code())
          .isEqualTo(agency.code().equals("BABEL"));
    }
    assertThat(Agency.Aftercare.DEFAULT.sendBeritaAcara()).isFalse();
  }

  private static final String HEAD =
      """
      code: XYZ
      name: Test
      timeZone: Asia/Jakarta
      standard: {file: x.txt}
      channels: {}
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown requirement kind | 'intake:\\n  - {id: a, label: {id: x, en: y}, kind: photo, source: s}' | x.yaml:7: intake[0].kind: unknown kind 'photo'",
        "label without English | 'intake:\\n  - {id: a, label: {id: x}, kind: nik, source: s}' | x.yaml:7: intake[0].label.en: is required",
        "field without field name | 'intake:\\n  - {id: a, label: {id: x, en: y}, kind: field, source: s}' | x.yaml:7: intake[0]: a requirement of kind field names its field",
        "duplicate requirement | 'intake:\\n  - {id: a, label: {id: x, en: y}, kind: nik, source: s}\\n  - {id: a, label: {id: x, en: y}, kind: nik, source: s}' | x.yaml:8: intake[1]: duplicate id 'a'",
        "bad SLA unit | 'slaClasses:\\n  - {code: AB, name: {id: x, en: y}, caseType: COMPLAINT, default: true, source: s, stages: [{stage: completion, duration: 4, unit: WEEKS}]}' | x.yaml:7: slaClasses[0].stages[0].unit: unknown unit 'WEEKS'",
        "no default class | 'slaClasses:\\n  - {code: AB, name: {id: x, en: y}, caseType: COMPLAINT, source: s, stages: [{stage: completion, duration: 4, unit: HOURS}]}' | x.yaml:7: slaClasses: one COMPLAINT class must be marked default",
        "negative duration | 'slaClasses:\\n  - {code: AB, name: {id: x, en: y}, caseType: COMPLAINT, default: true, source: s, stages: [{stage: completion, duration: -1, unit: HOURS}]}' | x.yaml:7: slaClasses[0].stages[0].duration: must be a positive whole number",
        "unknown role | 'escalation: [BOSS]' | x.yaml:6: escalation[0]: unknown role 'BOSS'",
        "bad window | 'threading: {joinWindow: a week}' | x.yaml:6: threading.joinWindow: 'a week' is not an ISO-8601 duration",
        "division without duties | 'divisions:\\n  - {code: REHSOS, name: R}' | x.yaml:7: divisions[0]: 'handles' must list",
        "unknown placeholder | 'templates:\\n  answer: {id: \"{nik}\", en: x}' | x.yaml:7: templates.answer: unknown placeholder {nik}",
        "missing template | 'templates:\\n  answer: {id: x, en: y}' | x.yaml:7: templates: template 'acknowledgement' is missing",
        "bad survey window | 'aftercare: {surveyWindow: soon}' | x.yaml:6: aftercare.surveyWindow: 'soon' is not an ISO-8601 duration",
        "publish not a boolean | 'aftercare: {publishFollowUps: yes please}' | x.yaml:6: aftercare.publishFollowUps: 'yes please' is not true or false",
        "send berita acara not a boolean | 'aftercare: {sendBeritaAcara: always}' | x.yaml:6: aftercare.sendBeritaAcara: 'always' is not true or false",
        "step roles of an unknown step | 'ppid:\\n  takenBy: {BOSS: [HEAD]}' | x.yaml:7: ppid.takenBy.BOSS: unknown step 'BOSS'",
        "step taken by an unknown role | 'ppid:\\n  takenBy: {PPID: [BOSS]}' | x.yaml:7: ppid.takenBy.PPID[0]: unknown role 'BOSS'",
        "field investigation not a boolean | 'handling: {fieldInvestigation: maybe}' | x.yaml:6: handling.fieldInvestigation: 'maybe' is not true or false",
        "disposition neither required nor optional | 'handling: {disposition: always}' | x.yaml:6: handling.disposition: 'always' is not required or optional"
      })
  void aBadRuleNamesFilePathLineAndReason(String name, String yaml, String expected) {
    assertThatThrownBy(() -> AgencyCatalog.parse("x.yaml", HEAD + yaml.replace("\\n", "\n")))
        .isInstanceOf(AgencyConfigException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void anAgencyWithoutRulesGetsTheStatutoryDefaults() {
    Agency plain = AgencyCatalog.parse("x.yaml", HEAD);

    assertThat(plain.rules().intake()).isEmpty();
    assertThat(plain.rules().slaClasses()).containsExactly(Agency.Rules.STATUTORY_PPID);
    assertThat(plain.rules().templates()).isEqualTo(Map.of());
  }

  @Test
  void lebaksHeadStepIsTakenOnlyByTheHead() {
    Agency.Ppid lebak = rules("LBK").ppid();
    assertThat(lebak.takenBy()).containsEntry("HEAD", List.of("HEAD"));
    assertThat(lebak.mayTake("HEAD", "HEAD")).isTrue();
    assertThat(lebak.mayTake("HEAD", "ADMIN")).isFalse();
    assertThat(lebak.mayTake("SECRETARIAT", "HEAD")).isFalse();
    assertThat(lebak.mayTake("VERIFICATION", "COORDINATOR")).isTrue();
  }

  @Test
  void bangkaBelitungNamesFieldInvestigationsAndTheConsequenceTest() {
    assertThat(rules("BABEL").handling().fieldInvestigation()).isTrue();
    assertThat(rules("BABEL").ppid().consequenceTest()).isTrue();
    assertThat(rules("BABEL").ppid().steps()).isEqualTo(Agency.Ppid.STATUTORY.steps());
    assertThat(rules("LBK").handling().fieldInvestigation()).isFalse();
    assertThat(rules("BDG").ppid().consequenceTest()).isFalse();
  }

  @Test
  void onlyButonRequiresTheHeadsDispositionBeforeHandling() {
    assertThat(rules("BTN").handling().dispositionRequired()).isTrue();
    assertThat(rules("BTN").handling().fieldInvestigation()).isFalse();
    for (String other : List.of("BDG", "BABEL", "LBK", "PSR")) {
      assertThat(rules(other).handling().dispositionRequired()).as(other).isFalse();
    }
    assertThat(
            AgencyCatalog.parse("x.yaml", HEAD + "handling: {disposition: optional}")
                .rules()
                .handling()
                .dispositionRequired())
        .isFalse();
  }
}
