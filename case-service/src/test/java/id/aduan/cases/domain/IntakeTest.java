package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What becomes of a citizen message, decided on the cases the store knows ({@link Intake}). */
class IntakeTest {

  private static final Agency BDG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final Instant NOW = Instant.parse("2026-03-17T02:15:30Z");
  private static final String ACCOUNT = "100000000000001";
  private static final String REPORTER = "6281200000001";
  private static final String OTHER = "6281200000002";

  static ComplaintReceived message(
      String providerId, String from, String text, @Nullable String inReplyTo) {
    return TestMessages.whatsapp(providerId, from, text, NOW, inReplyTo);
  }

  /** A case of {@code reporter} with {@code status}, last written to {@code age} ago. */
  static Intake.Known known(
      String id, String ticket, String reporter, CaseStatus status, Duration age) {
    CaseState.Builder state =
        TestMessages.reportersCase(
            ticket, reporter, status, NOW.minus(Duration.ofDays(40)), NOW.minus(age));
    return new Intake.Known(id, state.build(), null);
  }

  private static Intake.Context context(
      Optional<Intake.Known> repliedTo,
      Optional<Intake.Known> byTicket,
      Optional<Intake.Known> latestOpen,
      Optional<Intake.Known> latestResolved) {
    return new Intake.Context(Optional.empty(), repliedTo, byTicket, latestOpen, latestResolved);
  }

  private static Intake.Decision decide(ComplaintReceived m, Intake.Context known) {
    return Intake.decide(m, BDG, Reporters.Sender.of(m, null), known);
  }

  @Test
  void aMessageRelatedToNoCaseOpensOne() {
    Intake.Decision d =
        decide(
            message("wamid.1", REPORTER, "Jalan berlubang di depan SDN 1", null),
            context(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

    assertThat(d).isInstanceOf(Intake.Open.class);
    assertThat(((Intake.Open) d).threading().mentions()).isEmpty();
  }

  @Test
  void aMessageTheStoreHoldsAlreadyIsADuplicate() {
    Intake.Known holding =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.ROUTED, Duration.ZERO);

    assertThat(
            decide(
                message("wamid.1", REPORTER, "Jalan berlubang", null),
                Intake.Context.redelivered(holding)))
        .isEqualTo(new Intake.Duplicate("c-1"));
  }

  @Test
  void theReporterJoinsTheirOpenCaseWithinTheWindow() {
    Intake.Known open =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.ROUTED, Duration.ofDays(1));

    Intake.Decision d =
        decide(
            message("wamid.2", REPORTER, "Tambahan: lubangnya makin besar", null),
            context(Optional.empty(), Optional.empty(), Optional.of(open), Optional.empty()));

    assertThat(d).isInstanceOf(Intake.Join.class);
    Intake.Join join = (Intake.Join) d;
    assertThat(join.caseId()).isEqualTo("c-1");
    assertThat(join.join().reason()).isEqualTo(Threading.Reason.WINDOW);
    assertThat(join.reply().kind()).isEqualTo(CitizenReply.Kind.OTHER);
  }

  @Test
  void onlyTheReporterJoinsAndAnotherSendersMentionOpensANewCaseLinkedToIt() {
    Intake.Known theirs =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.ROUTED, Duration.ofHours(1));

    Intake.Decision d =
        decide(
            message("wamid.9", OTHER, "Sama seperti BDG-2026-000001, di RT 05", null),
            context(Optional.empty(), Optional.of(theirs), Optional.empty(), Optional.empty()));

    assertThat(d).isInstanceOf(Intake.Open.class);
    assertThat(((Intake.Open) d).threading().mentions())
        .extracting(Threading.Mention::caseId, Threading.Mention::ticket)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1", "BDG-2026-000001"));
  }

  @Test
  void aRatingInsideTheSurveyWindowAnswersTheResolvedCasesSurvey() {
    Intake.Known resolved =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.RESOLVED, Duration.ofHours(2));

    Intake.Decision d =
        decide(
            message("wamid.3", REPORTER, "5", null),
            context(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(resolved)));

    assertThat(d).isInstanceOf(Intake.SurveyAnswer.class);
    assertThat(((Intake.SurveyAnswer) d).caseId()).isEqualTo("c-1");
    assertThat(((Intake.SurveyAnswer) d).reply().rating()).isEqualTo(5);
  }

  @Test
  void aRatingAfterTheSurveyWindowOrFromAnotherSenderOpensACase() {
    Duration window = BDG.rules().aftercare().surveyWindow();
    Intake.Known late =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.RESOLVED, window.plusHours(1));
    Intake.Known recent =
        known("c-2", "BDG-2026-000002", REPORTER, CaseStatus.RESOLVED, Duration.ofHours(1));

    assertThat(
            decide(
                message("wamid.4", REPORTER, "5", null),
                context(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(late))))
        .isInstanceOf(Intake.Open.class);
    assertThat(
            decide(
                message("wamid.5", OTHER, "5", null),
                context(Optional.of(recent), Optional.empty(), Optional.empty(), Optional.empty())))
        .isInstanceOf(Intake.Open.class);
  }

  @Test
  void thanksLeaveAnAnsweredCaseAnsweredAndOtherTextReopensIt() {
    Intake.Known answered =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.ANSWERED, Duration.ofHours(1));
    Intake.Context context =
        context(Optional.empty(), Optional.empty(), Optional.of(answered), Optional.empty());

    assertThat(
            joined(answered, decide(message("wamid.6", REPORTER, "Terima kasih", null), context)))
        .isEqualTo(CaseStatus.ANSWERED);
    assertThat(
            joined(
                answered,
                decide(
                    message("wamid.7", REPORTER, "Tapi lubangnya belum ditutup", null), context)))
        .isNotEqualTo(CaseStatus.ANSWERED);
  }

  @Test
  void aChangeMadeInLaporToTheReportItRepliesToIsRecordedNotJoined() {
    Intake.Known report =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.ROUTED, Duration.ofHours(1));
    ComplaintReceived update = message("lapor-7", "lapor-reporter", "Status: diproses", "lapor-6");
    ComplaintReceived change =
        new ComplaintReceived(
            update.eventId(),
            NOW,
            "BDG",
            Channel.LAPOR,
            update.channelAccountId(),
            update.providerMessageId(),
            update.sender(),
            "lapor-update",
            null,
            update.text(),
            List.of(),
            null,
            update.inReplyTo(),
            List.of(),
            NOW,
            Map.of("change", "status", "laporStatus", "diproses"),
            null);

    Intake.Decision d =
        decide(
            change,
            context(Optional.of(report), Optional.empty(), Optional.empty(), Optional.empty()));

    assertThat(d).isInstanceOf(Intake.LaporChanged.class);
    assertThat(((Intake.LaporChanged) d).caseId()).isEqualTo("c-1");
    // Without the report it replies to, the same message is not a change of a known case.
    assertThat(
            decide(
                change,
                context(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
        .isNotInstanceOf(Intake.LaporChanged.class);
  }

  /** The status of {@code k} after the message the decision joined to it. */
  private static CaseStatus joined(Intake.Known k, Intake.Decision d) {
    assertThat(d).isInstanceOf(Intake.Join.class);
    Intake.Join join = (Intake.Join) d;
    assertThat(join.caseId()).isEqualTo(k.caseId());
    Case c = new Case(k.caseId(), k.state());
    c.addCitizenMessage(
        "m-1",
        NOW,
        new ReplyAddress(Channel.WHATSAPP, ACCOUNT, REPORTER),
        BDG,
        k.state().evidence(),
        join.reply(),
        NOW,
        LocalDate.ofInstant(NOW, ZoneOffset.ofHours(7)));
    return c.status();
  }

  // --- status on request (issue 23, docs/adr/0053) ---------------------------------------------

  @Test
  void theReporterAskingByTicketIsShownTheirCaseAndNothingJoinsOrReopens() {
    Intake.Known answered =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.ANSWERED, Duration.ofHours(3));

    Intake.Decision d =
        decide(
            message("wamid.20", REPORTER, "cek BDG-2026-000001", null),
            context(
                Optional.empty(), Optional.of(answered), Optional.of(answered), Optional.empty()));

    assertThat(d)
        .isEqualTo(
            new Intake.StatusQuery(
                "BDG-2026-000001", Intake.StatusOutcome.SHOWN, Optional.of(answered), null));
  }

  @Test
  void aStrangerNamingSomeoneElsesTicketIsRefusedAndShownNothing() {
    Intake.Known theirs =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.ROUTED, Duration.ofHours(3));

    Intake.Decision d =
        decide(
            message("wamid.21", OTHER, "status BDG-2026-000001", null),
            context(Optional.empty(), Optional.of(theirs), Optional.empty(), Optional.empty()));

    assertThat(d)
        .isEqualTo(
            new Intake.StatusQuery(
                "BDG-2026-000001",
                Intake.StatusOutcome.REFUSED,
                Optional.empty(),
                Reporters.Refusal.STRANGER));
  }

  @Test
  void aNumberOfNoCaseIsNotFound() {
    Intake.Decision d =
        decide(
            message("wamid.22", REPORTER, "BDG-2026-000999", null),
            context(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

    assertThat(d)
        .isEqualTo(
            new Intake.StatusQuery(
                "BDG-2026-000999", Intake.StatusOutcome.NOT_FOUND, Optional.empty(), null));
  }

  @Test
  void askingWithoutATicketIsAboutTheSendersOwnCasesEvenWithinTheJoinWindow() {
    Intake.Known open =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.INCOMPLETE, Duration.ofMinutes(5));

    Intake.Decision d =
        decide(
            message("wamid.23", REPORTER, "gimana aduan saya?", null),
            context(Optional.empty(), Optional.empty(), Optional.of(open), Optional.empty()));

    assertThat(d)
        .isEqualTo(
            new Intake.StatusQuery(null, Intake.StatusOutcome.OWN_CASES, Optional.empty(), null));
  }

  @Test
  void aLongMessageMentioningStatusStillJoinsTheOpenCase() {
    Intake.Known open =
        known("c-1", "BDG-2026-000001", REPORTER, CaseStatus.ROUTED, Duration.ofHours(1));

    Intake.Decision d =
        decide(
            message(
                "wamid.24",
                REPORTER,
                "Status jalan di depan rumah saya masih rusak, lubangnya makin besar",
                null),
            context(Optional.empty(), Optional.empty(), Optional.of(open), Optional.empty()));

    assertThat(d).isInstanceOf(Intake.Join.class);
  }

  /** A message of {@code reporter} on {@code channel}, with a photo when {@code withFile}. */
  private static ComplaintReceived on(
      Channel channel, String providerId, String reporter, String text, boolean withFile) {
    return new ComplaintReceived(
        "e-" + providerId,
        NOW,
        "BDG",
        channel,
        "account-" + channel,
        providerId,
        new ComplaintReceived.Sender(reporter, "Warga", false, false),
        withFile ? "image" : "text",
        null,
        text,
        withFile
            ? List.of(
                new ComplaintReceived.Attachment(
                    "att-" + providerId, "image/jpeg", "ktp.jpg", 1024, null, "ref", "STORED"))
            : List.of(),
        null,
        null,
        List.of(),
        NOW,
        channel == Channel.EMAIL ? Map.of(Reporters.SENDER_AUTHENTICATED, "true") : Map.of(),
        null);
  }

  /**
   * Adding information or files to an open case works the same on every two-way channel: the
   * reporter's text or file within the join window joins the case, and a file is never a status
   * request, even with "cek" as its caption.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(
      value = Channel.class,
      names = {"WHATSAPP", "EMAIL", "FACEBOOK", "INSTAGRAM"})
  void theReporterAddsInformationOrFilesToTheirOpenCaseOnEveryTwoWayChannel(Channel channel) {
    String reporter = channel == Channel.EMAIL ? "warga@example.test" : "psid-" + REPORTER;
    CaseState.Builder state =
        TestMessages.reportersCase(
            "BDG-2026-000001",
            reporter,
            CaseStatus.INCOMPLETE,
            NOW.minus(Duration.ofDays(1)),
            NOW.minus(Duration.ofHours(1)));
    state.channel = channel;
    state.replyAddress = new ReplyAddress(channel, "account-" + channel, reporter);
    Intake.Known open = new Intake.Known("c-1", state.build(), null);
    Intake.Context known =
        context(Optional.empty(), Optional.empty(), Optional.of(open), Optional.empty());

    Intake.Decision text =
        decide(on(channel, "m-1", reporter, "Alamat saya RT 03 RW 02 Sukajadi", false), known);
    Intake.Decision file = decide(on(channel, "m-2", reporter, "cek", true), known);

    assertThat(text).isInstanceOf(Intake.Join.class);
    assertThat(file).isInstanceOf(Intake.Join.class);
    assertThat(((Intake.Join) file).caseId()).isEqualTo("c-1");
  }
}
