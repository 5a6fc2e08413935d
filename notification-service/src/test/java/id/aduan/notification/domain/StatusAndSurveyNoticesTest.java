package id.aduan.notification.domain;

import static id.aduan.notification.domain.Fixtures.AT;
import static id.aduan.notification.domain.Fixtures.agency;
import static id.aduan.notification.domain.Fixtures.ticket;
import static id.aduan.notification.domain.Fixtures.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 (docs/adr/0053): the answer to a citizen who asked how their case stands on their own
 * channel, and the satisfaction survey of a front-desk case whose citizen left a two-way contact.
 */
class StatusAndSurveyNoticesTest {

  private static CaseEvent.CaseStatusRequested asked(
      @Nullable String askedTicket, List<CaseEvent.StatusLine> cases, String language) {
    CaseEvent.StatusLine first = cases.isEmpty() ? null : cases.getFirst();
    return new CaseEvent.CaseStatusRequested(
        "q-1",
        AT,
        first == null ? "status-query:q-1" : "c-1",
        first == null ? (askedTicket == null ? "" : askedTicket) : first.ticket(),
        "BDG",
        first == null ? null : first.status(),
        whatsapp("BDG"),
        "wamid.ASK-1",
        AT,
        askedTicket,
        cases,
        language);
  }

  private static String text(Notice n, String language) {
    Part part = new Part("p", n.purpose(), n.template(), n.values(), n.automatic(), n.replyTo());
    return Rendering.text(part, agency("BDG"), language);
  }

  @Test
  void theReporterIsAnsweredAtOnceWithTheStateAndTheNextDeadlineInBahasaIndonesia() {
    CaseEvent.StatusLine line =
        new CaseEvent.StatusLine(
            ticket("BDG"),
            CaseStatus.IN_PROGRESS,
            Instant.parse("2026-11-18T02:00:00Z"),
            Instant.parse("2026-12-02T09:00:00Z"));

    List<Notice> notices =
        Decisions.forCase(asked(ticket("BDG"), List.of(line), "id"), null, agency("BDG"));

    assertThat(notices)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.purpose()).isEqualTo("STATUS");
              assertThat(n.audience()).isEqualTo(Notice.Audience.CITIZEN);
              assertThat(n.to()).containsExactly(whatsapp("BDG"));
              assertThat(n.replyTo()).isEqualTo("wamid.ASK-1");
              assertThat(n.urgent())
                  .as("an answer to what the citizen just sent goes at once")
                  .isTrue();
              assertThat(text(n, "id"))
                  .contains("BDG-2026-000123: sedang ditindaklanjuti (diterima 2026-11-18)")
                  .contains("target selesai 2026-12-02");
            });
  }

  @Test
  void severalOwnCasesAreListedOneALineAndEnglishIsAvailable() {
    List<CaseEvent.StatusLine> lines =
        List.of(
            new CaseEvent.StatusLine("BDG-2026-000123", CaseStatus.INCOMPLETE, AT, null),
            new CaseEvent.StatusLine("BDG-2026-000124", CaseStatus.ANSWERED, AT, null));

    Notice n = Decisions.forCase(asked(null, lines, "en"), null, agency("BDG")).getFirst();

    assertThat(text(n, "en"))
        .contains("BDG-2026-000123: waiting for details from you")
        .contains("\nBDG-2026-000124: answered")
        .doesNotContain("due by");
  }

  @Test
  void aStrangerOrAnUnknownNumberHearsOnlyNotFoundWithNothingAboutAnyCase() {
    Notice n =
        Decisions.forCase(asked(ticket("BDG"), List.of(), "id"), null, agency("BDG")).getFirst();

    assertThat(n.template()).isEqualTo("statusNotFound");
    assertThat(text(n, "id"))
        .startsWith("Kami tidak menemukan pengaduan dengan nomor BDG-2026-000123")
        .doesNotContain("ditindaklanjuti");
    assertThat(n.values()).doesNotContainKeys("cases", "state");
  }

  @Test
  void askingWithoutATicketAndWithoutAnOpenCaseIsToldHowToAskOrComplain() {
    Notice n = Decisions.forCase(asked(null, List.of(), "id"), null, agency("BDG")).getFirst();

    assertThat(n.template()).isEqualTo("statusNoneOpen");
    assertThat(n.to()).containsExactly(whatsapp("BDG"));
  }

  @Test
  void aFrontDeskCaseWhoseCitizenLeftAWhatsAppNumberGetsTheSurveyThere() {
    CaseEvent.CaseResolved resolved = DecisionsTest.resolved("BDG");
    CaseEvent.CaseResolved atDesk =
        new CaseEvent.CaseResolved(
            resolved.eventId(),
            resolved.occurredAt(),
            resolved.caseId(),
            resolved.ticket(),
            resolved.agencyCode(),
            resolved.status(),
            resolved.summary(),
            whatsapp("BDG"),
            resolved.actor(),
            resolved.record(),
            List.of());
    CaseView deskView =
        new CaseView(
            "c-1",
            ticket("BDG"),
            "BDG",
            "id",
            CaseStatus.ANSWERED,
            null,
            null,
            whatsapp("BDG"),
            List.of(whatsapp("BDG")),
            null,
            null,
            false);

    List<Notice> notices = Decisions.forCase(atDesk, deskView, agency("BDG"));

    assertThat(notices).extracting(Notice::purpose).containsExactly("RESOLUTION", "SURVEY");
    assertThat(notices.get(1).to()).containsExactly(whatsapp("BDG"));
  }

  @Test
  void aFrontDeskCaseWithoutAContactGetsNoChannelSurvey() {
    ReplyAddress desk = new ReplyAddress(Channel.FRONT_DESK, "BDG", "desk");
    CaseEvent.CaseResolved resolved = DecisionsTest.resolved("BDG");

    List<Notice> notices =
        Decisions.forCase(
            resolved,
            new CaseView(
                "c-1",
                ticket("BDG"),
                "BDG",
                "id",
                CaseStatus.ANSWERED,
                null,
                null,
                desk,
                List.of(),
                null,
                null,
                false),
            agency("BDG"));

    assertThat(notices).isEmpty();
  }
}
