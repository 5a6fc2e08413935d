package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Joining a case by its ticket, answering its survey and receiving its notices are the reporter's
 * right (issue 18): the same channel identity, a reporter merged in with a duplicate, or a profile
 * an officer merged into the reporter's person; and an email only with an authenticated From.
 */
class ReporterRightsTest {

  private static final Agency BDG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final Instant AT = Instant.parse("2026-03-17T02:15:30Z");
  private static final String TICKET = "BDG-2026-000039";
  private static final ReplyAddress VICTIM =
      new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281200000039");
  private static final ReplyAddress MERGED_REPORTER =
      new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", "Tetangga@Example.test");

  private static final Reporters.Sender REPORTER =
      new Reporters.Sender(Channel.WHATSAPP, "6281200000039", true, null);
  private static final Reporters.Sender STRANGER =
      new Reporters.Sender(Channel.WHATSAPP, "6281299999999", true, null);

  private static Case victimCase(CaseStatus status) {
    return CaseStates.caseOf(
        "c-39",
        TICKET,
        "BDG",
        status,
        CaseType.COMPLAINT,
        Channel.WHATSAPP,
        AT.minus(Duration.ofDays(3)),
        b -> {
          b.replyAddress = VICTIM;
          b.slaClass = "STANDARD";
          b.division = "LINJAMSOS";
          b.otherReporters = List.of(MERGED_REPORTER);
          b.mergedTickets = List.of("BDG-2026-000041");
        });
  }

  private static Optional<Threading.Candidate> named(Case c, @Nullable String reporterPerson) {
    return Optional.of(
        new Threading.Candidate(
            c.id(),
            c.ticket(),
            c.status(),
            AT.minus(Duration.ofDays(2)),
            c.reporters(reporterPerson)));
  }

  private static Threading.Decision byTicket(Reporters.Sender sender, Case c, String person) {
    return Threading.decide(BDG, AT, sender, Optional.empty(), named(c, person), Optional.empty());
  }

  @Test
  void theReporterJoinsTheirCaseByItsTicket() {
    Threading.Decision d = byTicket(REPORTER, victimCase(CaseStatus.ANSWERED), "person-victim");

    assertThat(d.join()).contains(new Threading.Join("c-39", TICKET, Threading.Reason.TICKET));
    assertThat(d.mentions()).isEmpty();
  }

  @Test
  void aReporterMergedInWithADuplicateJoinsToo() {
    Reporters.Sender neighbour =
        new Reporters.Sender(Channel.EMAIL, "tetangga@example.test", true, null);

    assertThat(byTicket(neighbour, victimCase(CaseStatus.IN_PROGRESS), null).join())
        .map(Threading.Join::caseId)
        .contains("c-39");
  }

  @Test
  void aStrangerNamingTheTicketJoinsNothingAndTheCaseIsOnlyMentioned() {
    Case answered = victimCase(CaseStatus.ANSWERED);

    Threading.Decision d = byTicket(STRANGER, answered, "person-victim");

    assertThat(d.join()).isEmpty();
    assertThat(d.mentions())
        .containsExactly(new Threading.Mention("c-39", TICKET, Reporters.Refusal.STRANGER));
  }

  @Test
  void aStrangerQuotingAMessageOfTheCaseIsAMentionAndTheirOwnOpenCaseTakesTheMessage() {
    Case victim = victimCase(CaseStatus.ROUTED);
    Optional<Threading.Candidate> ownCase =
        Optional.of(
            new Threading.Candidate(
                "c-50",
                "BDG-2026-000050",
                CaseStatus.RECEIVED,
                AT.minus(Duration.ofHours(1)),
                new Reporters(
                    new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281299999999"),
                    List.of(),
                    null)));

    Threading.Decision d =
        Threading.decide(BDG, AT, STRANGER, named(victim, null), named(victim, null), ownCase);

    assertThat(d.join())
        .contains(new Threading.Join("c-50", "BDG-2026-000050", Threading.Reason.WINDOW));
    assertThat(d.mentions()).extracting(Threading.Mention::caseId).containsExactly("c-39");
  }

  @Test
  void aProfileAnOfficerMergedIntoTheReportersPersonJoinsAndAnotherPersonDoesNot() {
    Case c = victimCase(CaseStatus.IN_PROGRESS);
    Reporters.Sender sameperson =
        new Reporters.Sender(Channel.EMAIL, "victim@example.test", true, "person-victim");
    Reporters.Sender otherPerson =
        new Reporters.Sender(Channel.EMAIL, "victim@example.test", true, "person-other");

    assertThat(byTicket(sameperson, c, "person-victim").join()).isPresent();
    assertThat(byTicket(otherPerson, c, "person-victim").join()).isEmpty();
    // An unmerged profile has only its own person: it is not the reporter's.
    assertThat(byTicket(sameperson, c, null).join()).isEmpty();
  }

  @Test
  void anEmailWhoseFromWasNotAuthenticatedJoinsNoCaseNotEvenItsOwnWithinTheWindow() {
    Case emailCase =
        CaseStates.caseOf(
            "c-60",
            "BDG-2026-000060",
            "BDG",
            CaseStatus.RECEIVED,
            CaseType.COMPLAINT,
            Channel.EMAIL,
            AT.minus(Duration.ofHours(2)),
            b -> {
              b.replyAddress =
                  new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", "warga@example.test");
            });
    Reporters.Sender spoofed =
        new Reporters.Sender(Channel.EMAIL, "WARGA@example.test", false, null);
    Reporters.Sender authenticated =
        new Reporters.Sender(Channel.EMAIL, "WARGA@example.test", true, null);

    Threading.Decision d =
        Threading.decide(
            BDG, AT, spoofed, Optional.empty(), named(emailCase, null), named(emailCase, null));

    assertThat(d.join()).isEmpty();
    assertThat(d.mentions())
        .containsExactly(
            new Threading.Mention("c-60", "BDG-2026-000060", Reporters.Refusal.UNAUTHENTICATED));
    assertThat(
            Threading.decide(
                    BDG,
                    AT,
                    authenticated,
                    Optional.empty(),
                    named(emailCase, null),
                    Optional.empty())
                .join())
        .isPresent();
  }

  @Test
  void onlyAnEmailTheChannelReportsAuthenticatedIsVouchedFor() {
    assertThat(Reporters.Sender.of(message(Channel.EMAIL, Map.of()), null).authenticated())
        .as("no verdict: an older message or a mailbox without one")
        .isFalse();
    assertThat(
            Reporters.Sender.of(
                    message(Channel.EMAIL, Map.of(Reporters.SENDER_AUTHENTICATED, "unknown")), null)
                .authenticated())
        .isFalse();
    assertThat(
            Reporters.Sender.of(
                    message(Channel.EMAIL, Map.of(Reporters.SENDER_AUTHENTICATED, "false")), null)
                .authenticated())
        .isFalse();
    assertThat(
            Reporters.Sender.of(
                    message(Channel.EMAIL, Map.of(Reporters.SENDER_AUTHENTICATED, "true")), null)
                .authenticated())
        .isTrue();
    assertThat(Reporters.Sender.of(message(Channel.WHATSAPP, Map.of()), null).authenticated())
        .as("a signed webhook names its sender")
        .isTrue();
  }

  @Test
  void aStrangersRatingAnswersNoSurveyAndTheReportersDoes() {
    Case c = victimCase(CaseStatus.ANSWERED);
    c.resolve(
        new CaseEvent.ResolutionRecord(
            "Bantuan dicairkan", List.of("bdg.linjamsos"), AT, List.of(), "WHATSAPP", null),
        "Selesai",
        "bdg.linjamsos",
        AT);
    CitizenReply one = CitizenReply.of("1 " + TICKET, false);
    assertThat(one.kind()).isEqualTo(CitizenReply.Kind.RATING);

    assertThatThrownBy(() -> c.answerSurvey(one, STRANGER, "person-victim", "m-1", AT))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("reporter");
    assertThat(c.survey()).isNull();
    assertThat(c.status()).isEqualTo(CaseStatus.RESOLVED);

    List<CaseEvent> events =
        c.answerSurvey(CitizenReply.of("5", false), REPORTER, "person-victim", "m-2", AT);
    assertThat(events).singleElement().isInstanceOf(CaseEvent.SurveyAnswered.class);
    assertThat(c.survey().rating()).isEqualTo(5);
  }

  @Test
  void aStrangersAddressNeverBecomesAnAddressOfTheCasesNotices() {
    Case c = victimCase(CaseStatus.IN_PROGRESS);
    Threading.Decision d = byTicket(STRANGER, c, null);
    assertThat(d.join()).isEmpty();
    // What the service does with the mention: a timeline link, and nothing else.
    assertThat(c.noteMention(Case.MENTIONED, "BDG-2026-000077", AT)).isTrue();
    assertThat(c.noteMention(Case.MENTIONED, "BDG-2026-000077", AT)).isFalse();

    List<CaseEvent> answered = c.answer("Bantuan dicairkan pekan ini", "bdg.linjamsos", AT);

    CaseEvent.CaseAnswered notice = (CaseEvent.CaseAnswered) answered.getFirst();
    assertThat(notice.replyAddress()).isEqualTo(VICTIM);
    assertThat(notice.alsoNotify()).containsExactly(MERGED_REPORTER);
    assertThat(c.reporters(null).admit(STRANGER)).isFalse();
    assertThat(c.audit())
        .filteredOn(a -> a.action().equals(Case.MENTIONED))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.reason()).contains("BDG-2026-000077");
              assertThat(a.from()).isEqualTo(a.to()).isEqualTo(CaseStatus.IN_PROGRESS);
            });
  }

  @Test
  void theNewCaseRemembersTheTicketsItMentioned() {
    Case c = victimCase(CaseStatus.RECEIVED);
    c.noteMention(Case.MENTIONS, "BDG-2026-000001", AT);
    c.noteMention(Case.MENTIONS, "BDG-2026-000002", AT);

    assertThat(c.mentionedTickets()).containsExactly("BDG-2026-000001", "BDG-2026-000002");
  }

  private static ComplaintReceived message(Channel channel, Map<String, String> metadata) {
    return new ComplaintReceived(
        "e-1",
        AT,
        "BDG",
        channel,
        "acct",
        "p-1",
        new ComplaintReceived.Sender("warga@example.test", null, false, false),
        "text",
        null,
        TICKET,
        List.of(),
        null,
        null,
        List.of(),
        AT,
        metadata,
        null);
  }
}
