package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CitizenReplyTest {

  @ParameterizedTest(name = "\"{0}\" is {1} {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "5                                   | RATING | 5 | -",
        "4 - cepat, terima kasih             | RATING | 4 | cepat, terima kasih",
        "nilai: 3                            | RATING | 3 | -",
        "Bintang 2. petugas tidak ramah      | RATING | 2 | petugas tidak ramah",
        "1/5 belum beres                     | RATING | 1 | belum beres",
        "6                                   | OTHER  | 0 | -",
        "50 ribu dipotong                    | OTHER  | 0 | -",
        "3.5                                 | OTHER  | 0 | -",
        "Terima kasih banyak pak             | THANKS | 0 | -",
        "ok siap, makasih 🙏                 | THANKS | 0 | -",
        "Thank you                           | THANKS | 0 | -",
        "Tapi bantuannya belum masuk rekening | OTHER | 0 | -",
        "terima kasih, tapi belum cair       | OTHER  | 0 | -"
      })
  void readsWhatTheCitizenSaid(String text, String kind, int rating, String comment) {
    CitizenReply reply = CitizenReply.of(text, false);

    assertThat(reply).isEqualTo(new CitizenReply(CitizenReply.Kind.valueOf(kind), rating, comment));
  }

  @Test
  void anAttachmentIsNeverOnlyThanks() {
    assertThat(CitizenReply.of("terima kasih", true).kind()).isEqualTo(CitizenReply.Kind.OTHER);
    assertThat(CitizenReply.of(null, true).kind()).isEqualTo(CitizenReply.Kind.OTHER);
  }

  private static final Instant RESOLVED_AT = Instant.parse("2026-03-10T03:00:00Z");

  private static Case resolvedCase() {
    return CaseStates.caseOf(
        "c-1",
        "BDG-2026-000001",
        "BDG",
        CaseStatus.RESOLVED,
        id.aduan.contracts.CaseType.COMPLAINT,
        id.aduan.contracts.Channel.WHATSAPP,
        RESOLVED_AT.minus(Duration.ofDays(9)),
        b -> {
          b.slaClass = "STANDARD";
          b.division = "LINJAMSOS";
          b.timeline =
              List.of(
                  new AuditEntry(
                      RESOLVED_AT.minus(Duration.ofDays(1)),
                      "bdg.admin",
                      "answered",
                      CaseStatus.IN_PROGRESS,
                      CaseStatus.ANSWERED,
                      null),
                  new AuditEntry(
                      RESOLVED_AT,
                      "bdg.admin",
                      "resolved",
                      CaseStatus.ANSWERED,
                      CaseStatus.RESOLVED,
                      "selesai"));
        });
  }

  @Test
  void theSurveyIsOpenForTheAgencysWindowAfterTheResolutionOnly() {
    Case c = resolvedCase();
    Duration week = Duration.ofDays(7);

    assertThat(c.surveyOpen(week, RESOLVED_AT.plus(Duration.ofDays(7)))).isTrue();
    assertThat(c.surveyOpen(week, RESOLVED_AT.plus(Duration.ofDays(7)).plusSeconds(1))).isFalse();
    assertThat(c.surveyOpen(week, RESOLVED_AT.minusSeconds(1))).isFalse();
  }

  @Test
  void aSurveyAnswerIsStoredAndTheCaseStaysResolved() {
    Case c = resolvedCase();

    List<CaseEvent> events =
        c.answerSurvey(CitizenReply.of("5 mantap", false), "m-9", RESOLVED_AT.plusSeconds(60));

    assertThat(c.status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(c.survey())
        .isEqualTo(new Case.Survey(5, "mantap", RESOLVED_AT.plusSeconds(60), "m-9"));
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            CaseEvent.SurveyAnswered.class,
            e -> {
              assertThat(e.rating()).isEqualTo(5);
              assertThat(e.messageId()).isEqualTo("m-9");
            });
    assertThat(c.audit().getLast().action()).isEqualTo("survey-answered");
  }

  @Test
  void onlyAResolvedCaseTakesASurveyAnswerAndOnlyARatingIsOne() {
    Case c = resolvedCase();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> c.answerSurvey(CitizenReply.of("terima kasih", false), "m", RESOLVED_AT))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void anAnsweredCaseIsReopenedByAnythingButThanksOrABareRating() {
    Agency bdg = AgencyCatalog.load(java.util.Optional.empty()).byCode("BDG").orElseThrow();
    for (String text : List.of("terima kasih", "5")) {
      Case answered = answered();
      List<CaseEvent> events = addMessage(answered, bdg, text);
      assertThat(answered.status()).as(text).isEqualTo(CaseStatus.ANSWERED);
      assertThat(events).as(text).singleElement().isInstanceOf(CaseEvent.CitizenMessageAdded.class);
    }
    Case answered = answered();
    List<CaseEvent> events = addMessage(answered, bdg, "Belum cair sampai sekarang");
    assertThat(answered.status()).isEqualTo(CaseStatus.IN_PROGRESS);
    assertThat(events.getLast())
        .isInstanceOfSatisfying(
            CaseEvent.CaseReopened.class,
            r -> {
              assertThat(r.actor()).isEqualTo("citizen");
              assertThat(r.reason()).isEqualTo(Case.CITIZEN_REPLIED);
            });
  }

  private static List<CaseEvent> addMessage(Case c, Agency agency, String text) {
    return c.addCitizenMessage(
        "m-2",
        RESOLVED_AT,
        null,
        agency,
        new Completeness.Evidence(List.of(text), List.of(), java.util.Map.of()),
        CitizenReply.of(text, false),
        RESOLVED_AT,
        java.time.LocalDate.of(2026, 3, 10));
  }

  private static Case answered() {
    CaseState.Builder b = resolvedCase().state().toBuilder();
    b.status = CaseStatus.ANSWERED;
    b.timeline = b.timeline.subList(0, 1);
    return new Case("c-1", b.build());
  }
}
