package id.aduan.notification.application;

import static id.aduan.notification.application.FastService.citizen;
import static id.aduan.notification.application.FastService.id;
import static id.aduan.notification.application.FastService.routed;
import static id.aduan.notification.application.FastService.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.notification.domain.CaseView;
import id.aduan.notification.persistence.NotificationDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Case events through {@link Notify} and {@link Dispatch} on the in-memory stores: who hears what,
 * on which channel, and once.
 */
class CaseNotificationsTest {

  /** 10:00 WIB: office hours in Bandung. */
  private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

  private final FastService s = new FastService(DAY);

  @Test
  void aNewCaseOnWhatsApp_isAcknowledgedToTheReporterOnTheirChannelWithTheTicket() {
    String citizen = citizen();
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen), "id");

    s.send(opened);

    OutboundMessage ack = s.outbound.forCase(opened.caseId()).getFirst();
    assertThat(s.outbound.forCase(opened.caseId())).hasSize(1);
    assertThat(ack.to()).isEqualTo(whatsapp(citizen));
    assertThat(ack.purpose()).isEqualTo("ACKNOWLEDGEMENT");
    assertThat(ack.text())
        .contains("nomor tiket " + opened.ticket())
        .contains("http://127.0.0.1:8080/status");
    assertThat(ack.template()).as("the citizen just wrote: free text").isNull();
    assertThat(ack.replyToProviderMessageId()).isEqualTo(opened.sourceMessageId());
    assertThat(ack.automatic()).isTrue();
    NotificationDocument decision =
        s.notifications
            .byId(opened.eventId() + "/WHATSAPP:" + s.recipients.hash(citizen))
            .orElseThrow();
    assertThat(decision.outboundEventId()).isEqualTo(ack.eventId());
    assertThat(decision.outboxPending()).as("published, so nothing left to sweep").isFalse();
    assertThat(decision.id()).doesNotContain(citizen);
    assertThat(s.attempts.byId(ack.eventId()))
        .get()
        .satisfies(a -> assertThat(a.status()).isEqualTo("PENDING"));
  }

  @Test
  void aNewCaseByEmail_isAcknowledgedWithASubjectTextAndHtmlInTheCitizensLanguage() {
    ReplyAddress mailbox =
        new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", "warga@example.test");
    CaseEvent.CaseOpened opened = s.opened("BDG", mailbox, "en");

    s.send(opened);

    assertThat(s.outbound.forCase(opened.caseId()))
        .singleElement()
        .satisfies(
            ack -> {
              assertThat(ack.to()).isEqualTo(mailbox);
              assertThat(Topics.outboundFor(ack.to().channel())).isEqualTo(Topics.OUTBOUND_EMAIL);
              assertThat(ack.subject()).isEqualTo("[" + opened.ticket() + "] Complaint received");
              assertThat(ack.text())
                  .startsWith(
                      "We have received your complaint under ticket number " + opened.ticket());
              assertThat(ack.html()).contains("<p>We have received your complaint");
            });
  }

  @Test
  void aCaseWithNoChannelToAnswerOn_tellsNobody() {
    CaseEvent.CaseOpened walkIn = s.opened("BDG", null, "id");
    CaseEvent.CaseOpened frontDesk =
        s.opened("BDG", new ReplyAddress(Channel.FRONT_DESK, "walk-in", "visitor-1"), "id");

    s.send(walkIn);
    s.send(frontDesk);

    assertThat(s.outbound.all()).isEmpty();
    assertThat(s.notifications.all()).isEmpty();
  }

  @Test
  void aRedeliveredNewCase_isAcknowledgedOnceAndCountedAsADuplicate() {
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");

    s.send(opened);
    s.send(opened);
    s.send(opened);

    assertThat(s.outbound.forCase(opened.caseId())).hasSize(1);
    assertThat(s.counted("aduan.notifications", "outcome", "duplicate")).isEqualTo(2);
  }

  @Test
  void anAnswer_goesToTheCitizenOnceEvenWhenTheEventIsRedelivered() {
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");
    s.send(opened);
    CaseEvent.CaseAnswered answered =
        new CaseEvent.CaseAnswered(
            id(),
            DAY,
            opened.caseId(),
            opened.ticket(),
            "BDG",
            CaseStatus.ANSWERED,
            "Tim kami akan berkunjung besok.",
            null,
            "siti",
            List.of());

    s.send(answered);
    s.send(answered);

    assertThat(s.outbound.forCase(opened.caseId()))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "ANSWER");
    OutboundMessage answer = s.outbound.forCase(opened.caseId()).getLast();
    assertThat(answer.to()).isEqualTo(opened.replyAddress());
    assertThat(answer.text()).contains("Tim kami akan berkunjung besok.");
    assertThat(answer.automatic()).as("an officer wrote it").isFalse();
  }

  @Test
  void aRoutedCase_tellsTheDivisionByEmailFromTheAgencysMailboxInTheAgencysLanguage() {
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "en");
    s.send(opened);

    s.send(routed(opened, "LINJAMSOS", DAY));

    List<OutboundMessage> staff =
        s.outbound.forCase(opened.caseId()).stream()
            .filter(m -> m.purpose().equals("OFFICER_ALERT"))
            .toList();
    assertThat(staff)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.to())
                  .isEqualTo(
                      new ReplyAddress(
                          Channel.EMAIL, "pengaduan@bdg.aduan.test", "linjamsos@bdg.aduan.test"));
              assertThat(m.language()).isEqualTo("id");
              assertThat(m.text()).contains(opened.ticket());
            });
    assertThat(s.outbound.forCase(opened.caseId()))
        .filteredOn(m -> m.to().channel() == Channel.WHATSAPP)
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "STATUS");
  }

  /**
   * Issue 20: a new case that is incomplete is acknowledged and asked for what is missing in ONE
   * message (one provider call, no per-recipient pacing between two), on every channel, once; the
   * request stays an event but sends nothing of its own.
   */
  @ParameterizedTest
  @MethodSource("incompleteOpenings")
  void aNewIncompleteCase_isAcknowledgedAndAskedForWhatIsMissingInOneMessage(
      String agency, ReplyAddress to, String missing, String label, String language) {
    CaseEvent.CaseOpened plain = s.opened(agency, to, language);
    CaseEvent.InformationRequested asked = requested(plain, List.of(missing), List.of());
    CaseEvent.CaseOpened opened =
        plain.withIntakeCheck(
            new CaseEvent.IntakeCheck(List.of(missing), List.of(), asked.eventId()));
    CaseEvent.InformationRequested announced = asked.announcedWith(opened.eventId());

    s.send(opened);
    s.send(announced);
    s.send(opened);
    s.send(announced);

    assertThat(s.outbound.forCase(opened.caseId()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.to()).isEqualTo(to);
              assertThat(m.purpose()).isEqualTo("ACKNOWLEDGEMENT");
              assertThat(m.text()).contains(opened.ticket(), label);
              assertThat(m.text().indexOf(label))
                  .as("acknowledgement first, then what is missing")
                  .isGreaterThan(m.text().indexOf(opened.ticket()));
            });
  }

  static Stream<Arguments> incompleteOpenings() {
    return Stream.of(
        Arguments.of("BDG", whatsapp(citizen()), "kk", "fotokopi Kartu Keluarga (KK)", "id"),
        Arguments.of(
            "BDG",
            new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", "warga@example.test"),
            "kk",
            "a copy of the family card (KK)",
            "en"),
        Arguments.of(
            "BTN",
            new ReplyAddress(Channel.LAPOR, "LAPOR-BTN", "LAPOR-2026-0009912"),
            "address",
            "alamat lengkap",
            "id"));
  }

  @Test
  void eventsWrittenBeforeTheIntakeCheckWasCarried_stillAcknowledgeAndAskSeparately() {
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");

    s.send(opened);
    s.send(requested(opened, List.of("kk"), List.of()));

    assertThat(s.outbound.forCase(opened.caseId()))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "INFORMATION_REQUEST");
  }

  private static CaseEvent.InformationRequested requested(
      CaseEvent.CaseOpened opened, List<String> missing, List<String> invalid) {
    return new CaseEvent.InformationRequested(
        id(),
        opened.occurredAt(),
        opened.caseId(),
        opened.ticket(),
        opened.agencyCode(),
        CaseStatus.INCOMPLETE,
        missing,
        opened.replyAddress(),
        "system",
        invalid);
  }

  /** Issue 19: a LAPOR! report hears its reopening and closing; a WhatsApp citizen does not. */
  @Test
  void aLaporCasesReopeningAndClosingReachTheReport_whileOtherChannelsHearNothingNew() {
    ReplyAddress report = new ReplyAddress(Channel.LAPOR, "LAPOR-BTN", "LAPOR-2026-0009911");
    CaseEvent.CaseOpened lapor = s.opened("BTN", report, "id");
    CaseEvent.CaseOpened wa = s.opened("BDG", whatsapp(citizen()), "id");
    for (CaseEvent.CaseOpened opened : List.of(lapor, wa)) {
      s.send(opened);
      s.send(
          new CaseEvent.CaseReopened(
              id(),
              DAY,
              opened.caseId(),
              opened.ticket(),
              opened.agencyCode(),
              CaseStatus.IN_PROGRESS,
              "Bantuan belum diterima warga",
              "budi"));
      s.send(
          new CaseEvent.CaseStatusChanged(
              id(),
              DAY,
              opened.caseId(),
              opened.ticket(),
              opened.agencyCode(),
              CaseStatus.ARCHIVED,
              CaseStatus.RESOLVED,
              "Diarsipkan",
              "budi"));
    }
    s.release();

    List<OutboundMessage> toReport = s.outbound.forCase(lapor.caseId());
    assertThat(toReport)
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "REOPENED", "CLOSING");
    assertThat(toReport).allSatisfy(m -> assertThat(m.to()).isEqualTo(report));
    assertThat(toReport.get(1).text())
        .contains(lapor.ticket(), "dibuka kembali", "Bantuan belum diterima warga");
    assertThat(toReport.get(2).text()).contains(lapor.ticket(), "ditutup");
    assertThat(s.outbound.forCase(wa.caseId()))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT");
  }

  @Test
  void anOldHistoryReplayedUpdatesTheReadModelButTellsNobody_whileAFreshOutcomeIsSentOnce() {
    CaseEvent.CaseOpened old = s.opened("BDG", whatsapp(citizen()), "id");
    CaseEvent.CaseRouted oldRouting = routed(old, "REHSOS", DAY.plusSeconds(60));
    s.clock.set(DAY.plus(Duration.ofDays(3)));

    s.send(old);
    s.send(oldRouting);

    assertThat(s.outbound.all()).isEmpty();
    assertThat(s.counted("aduan.notification.stale.events", "topic", Topics.CASES_EVENTS))
        .isEqualTo(2);
    assertThat(s.cases.byId(old.caseId()))
        .get()
        .satisfies(
            v -> {
              assertThat(v.ticket()).isEqualTo(old.ticket());
              assertThat(v.division()).isEqualTo("REHSOS");
              assertThat(v.preferred()).isEqualTo(old.replyAddress());
            });
    assertThat(s.windows.lastInbound(old.replyAddress())).isEqualTo(old.receivedAt());

    CaseEvent.CaseRejected outcome =
        new CaseEvent.CaseRejected(
            id(),
            s.clock.instant(),
            old.caseId(),
            old.ticket(),
            "BDG",
            CaseStatus.REJECTED,
            "OUT_OF_SCOPE",
            "Bukan kewenangan dinas",
            null,
            "budi");
    s.send(outcome);
    s.send(outcome);

    assertThat(s.outbound.forCase(old.caseId()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.purpose()).isEqualTo("REJECTION");
              assertThat(m.to())
                  .as("the read model kept the address")
                  .isEqualTo(old.replyAddress());
              assertThat(m.reasonCode()).isEqualTo("OUT_OF_SCOPE");
            });
    assertThat(s.cases.byId(old.caseId()))
        .get()
        .extracting(CaseView::status)
        .isEqualTo(CaseStatus.REJECTED);
  }
}
