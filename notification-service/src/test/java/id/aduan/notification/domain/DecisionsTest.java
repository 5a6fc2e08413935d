package id.aduan.notification.domain;

import static id.aduan.notification.domain.Fixtures.AT;
import static id.aduan.notification.domain.Fixtures.agency;
import static id.aduan.notification.domain.Fixtures.email;
import static id.aduan.notification.domain.Fixtures.ticket;
import static id.aduan.notification.domain.Fixtures.view;
import static id.aduan.notification.domain.Fixtures.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decision table, per event type and for each of the five agencies. */
class DecisionsTest {

  private static final String SYSTEM = "system";

  /** One row: agency, event, then the purpose, template, audience and urgency it must cause. */
  static Stream<Arguments> table() {
    return Stream.of("BDG", "BABEL", "BTN", "LBK", "PSR")
        .flatMap(
            code ->
                Stream.of(
                    Arguments.of(
                        code,
                        Fixtures.opened(code, whatsapp(code), "id"),
                        "ACKNOWLEDGEMENT",
                        "acknowledgement",
                        "CITIZEN",
                        true,
                        true),
                    Arguments.of(
                        code,
                        infoRequested(code, List.of("form"), List.of(), SYSTEM),
                        "INFORMATION_REQUEST",
                        "informationRequest",
                        "CITIZEN",
                        true,
                        true),
                    Arguments.of(
                        code,
                        infoRequested(code, List.of(), List.of("nik:checksum"), "admin"),
                        "INFORMATION_REQUEST",
                        "invalidNik",
                        "CITIZEN",
                        true,
                        false),
                    Arguments.of(code, routed(code), "STATUS", "routed", "CITIZEN", true, false),
                    Arguments.of(
                        code,
                        statusChanged(code, CaseStatus.IN_PROGRESS),
                        "STATUS",
                        "inProgress",
                        "CITIZEN",
                        true,
                        false),
                    Arguments.of(code, answered(code), "ANSWER", "answer", "CITIZEN", false, false),
                    Arguments.of(
                        code, resolved(code), "RESOLUTION", "resolved", "CITIZEN", false, false),
                    Arguments.of(
                        code, rejected(code), "REJECTION", "rejected", "CITIZEN", false, false),
                    Arguments.of(
                        code,
                        extended(code),
                        "STATUS",
                        "deadlineExtended",
                        "CITIZEN",
                        false,
                        false)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("table")
  void eachCaseEventTellsTheCitizenWhatMattersToThem(
      String code,
      CaseEvent event,
      String purpose,
      String template,
      String audience,
      boolean automatic,
      boolean urgent) {
    List<Notice> notices =
        Decisions.forCase(event, view(code, whatsapp(code), "REHSOS"), agency(code));

    Notice citizen =
        notices.stream()
            .filter(n -> n.audience() == Notice.Audience.CITIZEN)
            .findFirst()
            .orElseThrow();
    assertThat(citizen.purpose()).isEqualTo(purpose);
    assertThat(citizen.template()).isEqualTo(template);
    assertThat(citizen.audience().name()).isEqualTo(audience);
    assertThat(citizen.automatic()).isEqualTo(automatic);
    assertThat(citizen.urgent()).isEqualTo(urgent);
    assertThat(citizen.to()).containsExactly(whatsapp(code));
    assertThat(citizen.values()).containsEntry("ticket", ticket(code));
  }

  /**
   * Issue 19: LAPOR! returns a report only when it is not the agency's authority, so the adapter
   * needs the rejection's reason code, not only its text.
   */
  @Test
  void aRejectionCarriesItsReasonCodeForTheAdapter() {
    Notice citizen =
        Decisions.forCase(rejected("LBK"), view("LBK", whatsapp("LBK"), "REHSOS"), agency("LBK"))
            .getFirst();

    assertThat(citizen.values()).containsEntry(Decisions.REASON_CODE, "NOT_AUTHORITY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"BDG", "BABEL", "BTN", "LBK", "PSR"})
  void theAcknowledgementSaysHowToCheckTheStatus(String code) {
    Notice ack =
        Decisions.forCase(Fixtures.opened(code, whatsapp(code), "id"), null, agency(code))
            .getFirst();

    assertThat(ack.values().get("howToCheck"))
        .contains(agency(code).rules().notifications().statusUrl())
        .contains(ticket(code));
    assertThat(ack.replyTo()).isEqualTo("wamid.IN-1");
  }

  @Test
  void theRequestForDocumentsNamesExactlyWhatIsMissingInTheCitizensLanguage() {
    Notice id =
        Decisions.forCase(
                infoRequested("BDG", List.of("kk", "ktp"), List.of(), SYSTEM),
                view("BDG", whatsapp("BDG"), null),
                agency("BDG"))
            .getFirst();

    assertThat(id.values().get("missing"))
        .isEqualTo("fotokopi Kartu Keluarga (KK), fotokopi KTP atau NIK yang valid");
    assertThat(id.template()).isEqualTo("informationRequest");
  }

  @Test
  void missingAndInvalidTogetherAreOneMessageWithBothTexts() {
    Notice n =
        Decisions.forCase(
                infoRequested("BDG", List.of("kk"), List.of("nik:birth-date"), SYSTEM),
                view("BDG", whatsapp("BDG"), null),
                agency("BDG"))
            .getFirst();

    assertThat(n.template()).isEqualTo("informationRequest+invalidNik");
    assertThat(n.values()).containsEntry("invalid", "nik:birth-date");
  }

  /**
   * Issue 20: a new case that the intake check finds incomplete is opened and asked for what is
   * missing at the same moment; the citizen gets one message, not two.
   */
  @ParameterizedTest
  @ValueSource(strings = {"BDG", "BABEL", "BTN", "LBK", "PSR"})
  void theAcknowledgementAndTheInformationRequestOfOneMomentAreOneMessage(String code) {
    List<Notice> notices =
        Decisions.forMoment(
            List.of(
                Fixtures.opened(code, whatsapp(code), "id"),
                infoRequested(code, List.of("form"), List.of(), SYSTEM)),
            view(code, whatsapp(code), null),
            agency(code));

    assertThat(notices).hasSize(1);
    Notice one = notices.getFirst();
    assertThat(one.purpose()).isEqualTo("ACKNOWLEDGEMENT");
    assertThat(one.template()).isEqualTo("acknowledgement+informationRequest");
    assertThat(one.to()).containsExactly(whatsapp(code));
    assertThat(one.replyTo()).as("still quotes the citizen's message").isEqualTo("wamid.IN-1");
    assertThat(one.automatic()).isTrue();
    assertThat(one.urgent()).isTrue();
    assertThat(one.values())
        .containsKeys("howToCheck", "missing")
        .containsEntry("ticket", ticket(code));
  }

  @ParameterizedTest
  @ValueSource(strings = {"BDG", "BABEL", "BTN", "LBK", "PSR"})
  void aCaseOpenedWithItsIntakeCheck_isOneMessageAndTheAnnouncedRequestTellsNobody(String code) {
    CaseEvent.CaseOpened opened =
        Fixtures.opened(code, whatsapp(code), "id")
            .withIntakeCheck(
                new CaseEvent.IntakeCheck(List.of("form"), List.of("nik:checksum"), "evt-2"));

    List<Notice> notices = Decisions.forOpening(opened, null, agency(code));
    List<Notice> request =
        Decisions.forCase(
            infoRequested(code, List.of("form"), List.of("nik:checksum"), SYSTEM)
                .announcedWith(opened.eventId()),
            view(code, whatsapp(code), null),
            agency(code));

    assertThat(notices).hasSize(1);
    Notice one = notices.getFirst();
    assertThat(one.template()).isEqualTo("acknowledgement+informationRequest+invalidNik");
    assertThat(one.purpose()).isEqualTo("ACKNOWLEDGEMENT");
    assertThat(one.to()).containsExactly(whatsapp(code));
    assertThat(one.urgent()).isTrue();
    assertThat(one.values()).containsKeys("howToCheck", "missing", "invalid");
    assertThat(request).as("already told with the acknowledgement").isEmpty();
  }

  @Test
  void aCaseOpenedWithoutAnIntakeCheckIsTheAcknowledgementAlone() {
    assertThat(
            Decisions.forOpening(
                Fixtures.opened("BDG", whatsapp("BDG"), "en"), null, agency("BDG")))
        .extracting(Notice::template)
        .containsExactly("acknowledgement");
  }

  @Test
  void theRequestInAnOpeningIsReadInTheOpeningsLanguage() {
    CaseEvent.CaseOpened opened =
        Fixtures.opened("BDG", whatsapp("BDG"), "en")
            .withIntakeCheck(new CaseEvent.IntakeCheck(List.of("kk"), List.of(), "evt-2"));

    Notice one =
        Decisions.forOpening(opened, view("BDG", whatsapp("BDG"), null), agency("BDG")).getFirst();

    assertThat(one.values()).containsEntry("missing", "a copy of the family card (KK)");
  }

  @Test
  void theCombinedMessageReadsAcknowledgementThenRequestInBahasaIndonesiaOrEnglish() {
    Notice one =
        Decisions.forMoment(
                List.of(
                    Fixtures.opened("BDG", whatsapp("BDG"), "id"),
                    infoRequested("BDG", List.of("kk"), List.of(), SYSTEM)),
                view("BDG", whatsapp("BDG"), null),
                agency("BDG"))
            .getFirst();
    Part part = new Part("n-1", one.purpose(), one.template(), one.values(), one.automatic(), null);

    String id = Rendering.text(part, agency("BDG"), "id");
    String en = Rendering.text(part, agency("BDG"), "en");

    assertThat(id).contains(ticket("BDG"), "Kartu Keluarga");
    assertThat(id.indexOf(ticket("BDG"))).isLessThan(id.indexOf("Kartu Keluarga"));
    assertThat(en).isNotEqualTo(id).contains(ticket("BDG"));
  }

  @Test
  void notToTheSameRecipientOrNotAtTheSameDelayStaysApart() {
    List<Notice> moment =
        Decisions.forMoment(
            List.of(
                Fixtures.opened("BDG", whatsapp("BDG"), "id"),
                infoRequested("BDG", List.of("kk"), List.of(), SYSTEM)),
            view("BDG", email("BDG"), null),
            agency("BDG"));
    List<Notice> resolution =
        Decisions.forCase(resolved("BDG"), view("BDG", whatsapp("BDG"), null), agency("BDG"));

    // The request goes to the case's address when the event names none: here another one.
    assertThat(moment)
        .extracting(n -> n.to().getFirst().channel())
        .containsExactly(Channel.WHATSAPP, Channel.EMAIL);
    assertThat(
            Decisions.forMoment(
                List.of(Fixtures.opened("BDG", whatsapp("BDG"), "id"), routed("BDG")),
                view("BDG", email("BDG"), "REHSOS"),
                agency("BDG")))
        .as("acknowledgement on WhatsApp, status to the case's email, alert to the division")
        .extracting(Notice::template)
        .containsExactly("acknowledgement", "routed", "officerRouted");
    assertThat(resolution)
        .as("the survey waits its delay")
        .extracting(Notice::purpose)
        .containsExactly("RESOLUTION", "SURVEY");
  }

  @Test
  void aWrittenNoticeCombinedWithAnAutomaticOneIsNotCountedAsAutomatic() {
    Notice auto =
        new Notice(
            "",
            Notice.Audience.CITIZEN,
            "STATUS",
            "routed",
            java.util.Map.of("ticket", "T"),
            Delivery.AUTOMATIC.automatic(),
            Delivery.AUTOMATIC.urgent(),
            Duration.ZERO,
            List.of(whatsapp("BDG")),
            null);
    Notice written =
        new Notice(
            "",
            Notice.Audience.CITIZEN,
            "ANSWER",
            "answer",
            java.util.Map.of("ticket", "T", "answer", "Sudah diperbaiki"),
            Delivery.WRITTEN.automatic(),
            Delivery.WRITTEN.urgent(),
            Duration.ZERO,
            List.of(whatsapp("BDG")),
            "wamid.IN-9");

    Notice one = Decisions.combined(List.of(auto, written)).getFirst();

    assertThat(one.template()).isEqualTo("routed+answer");
    assertThat(one.automatic()).isFalse();
    assertThat(one.urgent()).isFalse();
    assertThat(one.replyTo()).isEqualTo("wamid.IN-9");
    assertThat(one.values()).containsEntry("answer", "Sudah diperbaiki");
  }

  @Test
  void routingAlsoAlertsTheDivisionFromTheAgencyContacts() {
    List<Notice> notices =
        Decisions.forCase(routed("BDG"), view("BDG", whatsapp("BDG"), null), agency("BDG"));

    Notice staff = staff(notices);
    assertThat(staff.template()).isEqualTo("officerRouted");
    assertThat(staff.to())
        .containsExactly(
            new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", "rehsos@bdg.aduan.test"));
    assertThat(staff.values()).containsEntry("division", "Bidang Rehabilitasi Sosial");
  }

  @Test
  void anAssignmentGoesToTheOfficerFromTheDirectoryElseToTheDivision() {
    CaseEvent.CaseAssigned assigned =
        new CaseEvent.CaseAssigned(
            "e", AT, "c-1", ticket("BDG"), "BDG", CaseStatus.ROUTED, "LINJAMSOS", "budi", "admin");

    List<Notice> notices = Decisions.forCase(assigned, null, agency("BDG"));

    assertThat(staff(notices).template()).isEqualTo("officerAssigned");
    assertThat(staff(notices).to())
        .extracting(ReplyAddress::recipientId)
        .containsExactly("linjamsos@bdg.aduan.test");
    assertThat(notices).noneMatch(n -> n.audience() == Notice.Audience.CITIZEN);
  }

  @Test
  void aResolutionCarriesTheResolutionRecordAndIsFollowedByASurveyAfterTheDelay() {
    List<Notice> notices =
        Decisions.forCase(resolved("BDG"), view("BDG", whatsapp("BDG"), null), agency("BDG"));

    assertThat(notices).extracting(Notice::purpose).containsExactly("RESOLUTION", "SURVEY");
    assertThat(notices.getFirst().values().get("summary"))
        .isEqualTo(
            "Bantuan sudah dicairkan. Tindak lanjut: Verifikasi lapangan dan pencairan PKH (berita acara 2026-11-21)");
    Notice survey = notices.get(1);
    assertThat(survey.key()).isEqualTo("survey");
    assertThat(survey.delay()).isEqualTo(Duration.ofHours(1));
    assertThat(survey.automatic()).isTrue();
  }

  /**
   * docs/adr/0055: where the agency sends the berita acara, the reporter's resolution message
   * carries its download link (the English rendering for an English reader); the reporter of a
   * merged case gets the resolution without it, and so does a LAPOR! report (LAPOR! publishes what
   * it gets).
   */
  @Test
  void aResolutionWithTheBeritaAcaraLinkCarriesItToTheReporterInTheirLanguage() {
    ReplyAddress merged = email("BABEL");
    CaseEvent.CaseResolved withLink =
        new CaseEvent.CaseResolved(
                "e",
                AT,
                "c-1",
                ticket("BABEL"),
                "BABEL",
                CaseStatus.RESOLVED,
                "Bantuan sudah dicairkan.",
                whatsapp("BABEL"),
                "budi",
                resolved("BABEL").record(),
                List.of(merged))
            .withBeritaAcara(
                new CaseEvent.DocumentLink(
                    "http://127.0.0.1:8080/api/v1/public/documents/abc.def.pdf",
                    Instant.parse("2027-02-19T02:00:00Z")));

    List<Notice> notices =
        Decisions.forCase(withLink, view("BABEL", whatsapp("BABEL"), null), agency("BABEL"));

    assertThat(notices)
        .extracting(Notice::template)
        .containsExactly("resolved+beritaAcara", "resolved", "survey");
    assertThat(notices.getFirst().to()).containsExactly(whatsapp("BABEL"));
    assertThat(notices.get(1).to()).containsExactly(merged);
    Part part =
        new Part(
            "n-1",
            "RESOLUTION",
            notices.getFirst().template(),
            notices.getFirst().values(),
            false,
            null);
    String id =
        Rendering.render(
                List.of(part),
                Channel.WHATSAPP,
                new ChannelRules.FreeText(),
                agency("BABEL"),
                "id",
                ticket("BABEL"),
                null)
            .text();
    assertThat(id)
        .contains("telah selesai ditindaklanjuti")
        .contains(
            "Berita acara penyelesaian pengaduan "
                + ticket("BABEL")
                + " dapat diunduh di http://127.0.0.1:8080/api/v1/public/documents/abc.def.pdf"
                + " (berlaku sampai 2027-02-19)");

    CaseView english =
        new CaseView(
            "c-1",
            ticket("BABEL"),
            "BABEL",
            "en",
            CaseStatus.ROUTED,
            null,
            null,
            whatsapp("BABEL"),
            List.of(whatsapp("BABEL")),
            "wamid.IN-1",
            null,
            false);
    Notice en = Decisions.forCase(withLink, english, agency("BABEL")).getFirst();
    String text =
        Rendering.render(
                List.of(new Part("n-1", "RESOLUTION", en.template(), en.values(), false, null)),
                Channel.WHATSAPP,
                new ChannelRules.FreeText(),
                agency("BABEL"),
                "en",
                ticket("BABEL"),
                null)
            .text();
    assertThat(text)
        .contains("can be downloaded at")
        .contains("/api/v1/public/documents/abc.def.pdf?lang=en");

    ReplyAddress lapor = new ReplyAddress(Channel.LAPOR, "LAPOR-BABEL", "TRK-1");
    CaseEvent.CaseResolved onLapor =
        new CaseEvent.CaseResolved(
                "e",
                AT,
                "c-1",
                ticket("BABEL"),
                "BABEL",
                CaseStatus.RESOLVED,
                "Bantuan sudah dicairkan.",
                lapor,
                "budi",
                resolved("BABEL").record(),
                List.of())
            .withBeritaAcara(withLink.beritaAcara());
    assertThat(Decisions.forCase(onLapor, view("BABEL", lapor, null), agency("BABEL")))
        .extracting(Notice::template)
        .containsExactly("resolved");
    assertThat(
            Decisions.forCase(
                resolved("BABEL"), view("BABEL", whatsapp("BABEL"), null), agency("BABEL")))
        .as("no link in the event: no link in the message")
        .extracting(Notice::template)
        .containsExactly("resolved", "survey");
  }

  @Test
  void aLaporCaseGetsNoSurveyBecauseLaporRatesItself() {
    ReplyAddress lapor = new ReplyAddress(Channel.LAPOR, "LAPOR-BABEL", "TRK-1");
    List<Notice> notices =
        Decisions.forCase(resolved("BABEL"), view("BABEL", lapor, null), agency("BABEL"));

    assertThat(notices).extracting(Notice::purpose).containsExactly("RESOLUTION");
  }

  /**
   * Issue 19: reopening and closing a LAPOR! case are follow-ups on its report; other channels keep
   * their behaviour (nothing), and a case closed because LAPOR! moved its report elsewhere tells no
   * one.
   */
  @Test
  void reopeningAndClosingReachOnlyALaporReport_andARedispositionTellsNoOne() {
    ReplyAddress lapor = new ReplyAddress(Channel.LAPOR, "LAPOR-BABEL", "TRK-1");
    CaseEvent reopened =
        new CaseEvent.CaseReopened(
            "e", AT, "c-1", ticket("BABEL"), "BABEL", CaseStatus.IN_PROGRESS, "Belum cair", "budi");
    CaseEvent archived = archivedFrom(CaseStatus.RESOLVED);
    CaseEvent archivedAfterRejection = archivedFrom(CaseStatus.REJECTED);

    List<Notice> onReport =
        Decisions.forCase(reopened, view("BABEL", lapor, null), agency("BABEL"));
    assertThat(onReport)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.purpose()).isEqualTo("REOPENED");
              assertThat(n.to()).containsExactly(lapor);
              assertThat(n.values()).containsEntry("reason", "Belum cair");
            });
    assertThat(Decisions.forCase(archived, view("BABEL", lapor, null), agency("BABEL")))
        .extracting(Notice::purpose)
        .containsExactly("CLOSING");
    assertThat(
            Decisions.forCase(archivedAfterRejection, view("BABEL", lapor, null), agency("BABEL")))
        .isEmpty();
    assertThat(Decisions.forCase(reopened, view("BABEL", whatsapp("BABEL"), null), agency("BABEL")))
        .isEmpty();
    assertThat(Decisions.forCase(archived, view("BABEL", whatsapp("BABEL"), null), agency("BABEL")))
        .isEmpty();
    CaseEvent.CaseRejected moved =
        new CaseEvent.CaseRejected(
            "e",
            AT,
            "c-1",
            ticket("BABEL"),
            "BABEL",
            CaseStatus.REJECTED,
            "REDISPOSITIONED",
            "didisposisikan ulang ke instansi lain oleh LAPOR!",
            lapor,
            "system");
    assertThat(Decisions.forCase(moved, view("BABEL", lapor, null), agency("BABEL"))).isEmpty();
  }

  @Test
  void anAnswerGoesToEveryReporterOfTheMergedCases() {
    CaseEvent.CaseAnswered answered =
        new CaseEvent.CaseAnswered(
            "e",
            AT,
            "c-1",
            ticket("BDG"),
            "BDG",
            CaseStatus.ANSWERED,
            "Sudah kami proses.",
            whatsapp("BDG"),
            "budi",
            List.of(email("BDG")));

    Notice n = Decisions.forCase(answered, null, agency("BDG")).getFirst();

    assertThat(n.to()).containsExactly(whatsapp("BDG"), email("BDG"));
    assertThat(n.values()).containsEntry("answer", "Sudah kami proses.");
  }

  @Test
  void statusChangesThatDoNotMatterToTheCitizenSayNothing() {
    assertThat(
            Decisions.forCase(
                statusChanged("BDG", CaseStatus.VERIFIED),
                view("BDG", whatsapp("BDG"), null),
                agency("BDG")))
        .isEmpty();
    assertThat(Decisions.forCase(Fixtures.opened("BDG", null, "id"), null, agency("BDG")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"BDG", "BABEL", "BTN", "LBK", "PSR"})
  void aWarningGoesToTheWarningsDivisionAndWithoutOneToTheCasesDivision(String code) {
    Agency agency = agency(code);
    String division = agency.rules().divisions().getFirst().code();
    String other = agency.rules().divisions().get(1).code();

    Notice withDivision =
        Decisions.forSla(warning(code, division), view(code, null, other), agency).getFirst();
    Notice without =
        Decisions.forSla(warning(code, null), view(code, null, other), agency).getFirst();

    assertThat(withDivision.to())
        .extracting(ReplyAddress::recipientId)
        .containsExactlyElementsOf(agency.rules().notifications().contacts().division(division));
    assertThat(without.to())
        .extracting(ReplyAddress::recipientId)
        .containsExactlyElementsOf(agency.rules().notifications().contacts().division(other));
    assertThat(withDivision.urgent()).isFalse();
    assertThat(withDivision.values()).containsEntry("percent", "80");
  }

  @ParameterizedTest
  @ValueSource(strings = {"BDG", "BABEL", "BTN", "LBK", "PSR"})
  void aBreachGoesToTheFirstRoleOfTheChainAndTheDivisionAtOnce(String code) {
    Agency agency = agency(code);
    String firstRole = agency.rules().escalation().getFirst();
    SlaEvent.SlaBreached breached =
        new SlaEvent.SlaBreached("b", AT, "c-1", ticket(code), code, "completion", AT, null);

    Notice n = Decisions.forSla(breached, view(code, null, null), agency).getFirst();

    assertThat(n.template()).isEqualTo("slaBreached");
    assertThat(n.urgent()).isTrue();
    assertThat(n.to())
        .extracting(ReplyAddress::recipientId)
        .containsExactlyElementsOf(agency.rules().notifications().contacts().role(firstRole));
  }

  @ParameterizedTest
  @ValueSource(strings = {"BDG", "BABEL", "BTN", "LBK", "PSR"})
  void anEscalationGoesToTheRoleItNames(String code) {
    Agency agency = agency(code);
    SlaEvent.SlaEscalated escalated =
        new SlaEvent.SlaEscalated("x", AT, "c-1", ticket(code), code, "completion", 2, "head", AT);

    Notice n = Decisions.forSla(escalated, null, agency).getFirst();

    assertThat(n.to())
        .extracting(ReplyAddress::recipientId)
        .containsExactlyElementsOf(agency.rules().notifications().contacts().role("HEAD"));
    assertThat(n.values()).containsEntry("level", "2").containsEntry("role", "HEAD");
  }

  @Test
  void deadlinesAreShownInTheAgencysTimeZone() {
    SlaEvent.SlaBreached bdg =
        new SlaEvent.SlaBreached(
            "b",
            AT,
            "c-1",
            "BDG-1",
            "BDG",
            "completion",
            Instant.parse("2026-11-20T09:00:00Z"),
            null);
    SlaEvent.SlaBreached btn =
        new SlaEvent.SlaBreached(
            "b",
            AT,
            "c-1",
            "BTN-1",
            "BTN",
            "completion",
            Instant.parse("2026-11-20T09:00:00Z"),
            null);

    assertThat(Decisions.forSla(bdg, null, agency("BDG")).getFirst().values())
        .containsEntry("deadline", "2026-11-20 16:00 WIB");
    assertThat(Decisions.forSla(btn, null, agency("BTN")).getFirst().values())
        .containsEntry("deadline", "2026-11-20 17:00 WITA");
  }

  @Test
  void anUnreachableCitizenIsTheCaseOfficersToContact() {
    CaseView v =
        new CaseView(
            "c-1",
            "BDG-1",
            "BDG",
            "id",
            CaseStatus.ROUTED,
            "DAYASOS",
            "nobody-in-directory",
            null,
            List.of(),
            null,
            null,
            false);

    Notice n = Decisions.undeliverable(v, Channel.WHATSAPP, agency("BDG")).getFirst();

    assertThat(n.to())
        .extracting(ReplyAddress::recipientId)
        .containsExactly("dayasos@bdg.aduan.test");
    assertThat(n.values()).containsEntry("channel", "WHATSAPP");
  }

  // --- events -------------------------------------------------------------------------------

  private static Notice staff(List<Notice> notices) {
    return notices.stream()
        .filter(n -> n.audience() == Notice.Audience.STAFF)
        .findFirst()
        .orElseThrow();
  }

  static CaseEvent.InformationRequested infoRequested(
      String code, List<String> missing, List<String> invalid, String actor) {
    return new CaseEvent.InformationRequested(
        "e", AT, "c-1", ticket(code), code, CaseStatus.INCOMPLETE, missing, null, actor, invalid);
  }

  static CaseEvent.CaseRouted routed(String code) {
    return new CaseEvent.CaseRouted(
        "e", AT, "c-1", ticket(code), code, CaseStatus.ROUTED, "REHSOS", "admin");
  }

  static CaseEvent.CaseStatusChanged statusChanged(String code, CaseStatus to) {
    return new CaseEvent.CaseStatusChanged(
        "e", AT, "c-1", ticket(code), code, to, CaseStatus.ROUTED, null, "budi");
  }

  static CaseEvent.CaseAnswered answered(String code) {
    return new CaseEvent.CaseAnswered(
        "e",
        AT,
        "c-1",
        ticket(code),
        code,
        CaseStatus.ANSWERED,
        "Sudah kami proses.",
        null,
        "budi",
        List.of());
  }

  static CaseEvent.CaseResolved resolved(String code) {
    return new CaseEvent.CaseResolved(
        "e",
        AT,
        "c-1",
        ticket(code),
        code,
        CaseStatus.RESOLVED,
        "Bantuan sudah dicairkan.",
        null,
        "budi",
        new CaseEvent.ResolutionRecord(
            "Verifikasi lapangan dan pencairan PKH",
            List.of("budi"),
            Instant.parse("2026-11-21T02:00:00Z"),
            List.of(),
            "WHATSAPP",
            null),
        List.of());
  }

  private static CaseEvent archivedFrom(CaseStatus from) {
    return new CaseEvent.CaseStatusChanged(
        "e", AT, "c-1", ticket("BABEL"), "BABEL", CaseStatus.ARCHIVED, from, null, "budi");
  }

  static CaseEvent.CaseRejected rejected(String code) {
    return new CaseEvent.CaseRejected(
        "e",
        AT,
        "c-1",
        ticket(code),
        code,
        CaseStatus.REJECTED,
        "NOT_AUTHORITY",
        "Bukan kewenangan dinas.",
        null,
        "budi");
  }

  static CaseEvent.CaseDeadlineExtended extended(String code) {
    return new CaseEvent.CaseDeadlineExtended(
        "e",
        AT,
        "c-1",
        ticket(code),
        code,
        CaseStatus.IN_PROGRESS,
        "completion",
        7,
        "WORKING_DAYS",
        "Dokumen perlu dicari di arsip.",
        null,
        "budi");
  }

  static SlaEvent.SlaWarning warning(String code, String division) {
    return new SlaEvent.SlaWarning(
        "w",
        AT,
        "c-1",
        ticket(code),
        code,
        "completion",
        0.8,
        AT.plus(Duration.ofDays(1)),
        division);
  }

  /**
   * The head's disposition (docs/adr/0051): the citizen is told how, when and where or by what
   * their complaint is handled, in Bahasa Indonesia, in English where they chose it; a disposition
   * that does not handle it tells nothing (the rejection that follows does).
   */
  @Test
  void theHeadsDispositionTellsTheCitizenHowAndWhenInTheirLanguage() {
    CaseEvent.CaseDispositioned online =
        disposition(true, "ONLINE", null, "Panggilan video https://meet.example.test/btn");
    CaseEvent.CaseDispositioned faceToFace =
        disposition(true, "FACE_TO_FACE", "Ruang rapat lantai 3", null);

    Notice o = Decisions.forCase(online, view("BTN", null, null), agency("BTN")).getFirst();
    Notice f = Decisions.forCase(faceToFace, view("BTN", null, null), agency("BTN")).getFirst();

    assertThat(o.audience()).isEqualTo(Notice.Audience.CITIZEN);
    assertThat(o.purpose()).isEqualTo("STATUS");
    assertThat(o.to()).containsExactly(whatsapp("BTN"));
    assertThat(Texts.fill(agency("BTN"), o.template(), "id", o.values()))
        .isEqualTo(
            "Pengaduan BTN-2026-000123 akan ditangani secara daring pada 2026-11-24 10:00 WITA"
                + " melalui Panggilan video https://meet.example.test/btn.");
    assertThat(Texts.fill(agency("BTN"), o.template(), "en", o.values()))
        .isEqualTo(
            "Complaint BTN-2026-000123 will be handled online on 2026-11-24 10:00 WITA by"
                + " Panggilan video https://meet.example.test/btn.");
    assertThat(Texts.fill(agency("BTN"), f.template(), "id", f.values()))
        .startsWith(
            "Pengaduan BTN-2026-000123 akan ditangani secara tatap muka pada 2026-11-24 10:00"
                + " WITA di Ruang rapat lantai 3.");
    assertThat(Texts.fill(agency("BTN"), f.template(), "en", f.values()))
        .startsWith("Complaint BTN-2026-000123 will be handled face to face on 2026-11-24");

    assertThat(
            Decisions.forCase(
                disposition(false, null, null, null), view("BTN", null, null), agency("BTN")))
        .isEmpty();
  }

  private static CaseEvent.CaseDispositioned disposition(
      boolean handled, String mode, String place, String method) {
    return new CaseEvent.CaseDispositioned(
        "evt-d",
        AT,
        "c-1",
        ticket("BTN"),
        "BTN",
        CaseStatus.ROUTED,
        handled,
        mode,
        handled ? Instant.parse("2026-11-24T02:00:00Z") : null,
        place,
        method,
        handled ? null : "Bukan kewenangan Dinas Sosial",
        whatsapp("BTN"),
        "btn.kepala");
  }
}
