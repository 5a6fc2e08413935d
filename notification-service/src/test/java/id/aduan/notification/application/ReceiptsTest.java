package id.aduan.notification.application;

import static id.aduan.notification.application.FastService.citizen;
import static id.aduan.notification.application.FastService.id;
import static id.aduan.notification.application.FastService.routed;
import static id.aduan.notification.application.FastService.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.notification.persistence.Attempts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delivery receipts through {@link Notify#onReceipt}: recorded on the attempt in whatever order
 * they come, and a FAILED one hands the message on once (the citizen's next channel, then the
 * officer).
 */
class ReceiptsTest {

  private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

  private final FastService s = new FastService(DAY);

  @Test
  void aFailedMessageFallsBackToTheCitizensOtherChannelThenAlertsTheOfficer() {
    String citizen = citizen();
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen), "id");
    ReplyAddress mail =
        new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", citizen + "@example.test");
    s.send(opened);
    OutboundMessage ack = s.outbound.forCase(opened.caseId()).getFirst();
    s.send(
        new CaseEvent.CitizenMessageAdded(
            id(),
            DAY,
            opened.caseId(),
            opened.ticket(),
            "BDG",
            CaseStatus.RECEIVED,
            "<m1@example.test>",
            DAY,
            mail));

    s.receipt(ack, DeliveryReceipt.Status.SENT);
    s.receipt(ack, DeliveryReceipt.Status.FAILED);
    s.receipt(ack, DeliveryReceipt.Status.FAILED); // redelivered: no second fallback

    List<OutboundMessage> byMail =
        s.outbound.forCase(opened.caseId()).stream()
            .filter(m -> m.to().channel() == Channel.EMAIL)
            .toList();
    assertThat(byMail)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.to()).isEqualTo(mail);
              assertThat(m.purpose()).isEqualTo("ACKNOWLEDGEMENT");
              assertThat(m.text()).contains(opened.ticket());
            });

    s.receipt(byMail.getFirst(), DeliveryReceipt.Status.FAILED);

    OutboundMessage alert = s.outbound.forCase(opened.caseId()).getLast();
    assertThat(alert.purpose()).isEqualTo("OFFICER_ALERT");
    assertThat(alert.to().recipientId()).isEqualTo("koordinator@bdg.aduan.test");
    assertThat(alert.text()).contains(opened.ticket(), "EMAIL").doesNotContain(citizen);
    assertThat(s.outbound.forCase(opened.caseId())).hasSize(3);
    assertThat(s.attempts.forCase(opened.caseId()))
        .extracting(Attempts.Attempt::channel, Attempts.Attempt::status)
        .containsExactlyInAnyOrder(
            tuple("WHATSAPP", "FAILED"), tuple("EMAIL", "FAILED"), tuple("EMAIL", "PENDING"));
  }

  @Test
  void receiptsInAnyOrder_areAllRecordedAndAFailureIsHandedOnOnce() {
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");
    s.send(opened);
    s.send(routed(opened, "REHSOS", DAY));
    OutboundMessage ack = s.outbound.forCase(opened.caseId()).getFirst();

    s.receipt(ack, DeliveryReceipt.Status.FAILED);
    s.receipt(ack, DeliveryReceipt.Status.DELIVERED); // late, out of order
    s.receipt(ack, DeliveryReceipt.Status.SENT);
    s.receipt(ack, DeliveryReceipt.Status.FAILED);

    assertThat(s.attempts.byId(ack.eventId()))
        .get()
        .satisfies(
            a -> {
              assertThat(a.status()).as("FAILED is final").isEqualTo("FAILED");
              assertThat(a.receipts())
                  .extracting(Attempts.Receipt::status)
                  .containsExactlyInAnyOrder("FAILED", "DELIVERED", "SENT");
            });
    assertThat(s.outbound.forCase(opened.caseId()))
        .filteredOn(m -> m.purpose().equals("OFFICER_ALERT") && m.text().contains("WHATSAPP"))
        .as("no other channel known: the division is told once")
        .singleElement()
        .extracting(m -> m.to().recipientId())
        .isEqualTo("rehsos@bdg.aduan.test");
    assertThat(s.counted("aduan.notification.receipts", "outcome", "recorded")).isEqualTo(4);
  }

  @Test
  void aReceiptForAMessageThatIsNotOurs_isCountedAndChangesNothing() {
    OutboundMessage stranger =
        new OutboundMessage(
            "not-ours",
            DAY,
            "BDG",
            "c-x",
            "BDG-2026-000000",
            whatsapp(citizen()),
            "STATUS",
            "id",
            null,
            "x",
            null,
            null,
            List.of(),
            List.of(),
            true,
            null,
            null);

    s.receipt(stranger, DeliveryReceipt.Status.FAILED);

    assertThat(s.counted("aduan.notification.receipts", "outcome", "not_ours")).isEqualTo(1);
    assertThat(s.outbound.all()).isEmpty();
    assertThat(s.attempts.byId("not-ours")).isEmpty();
  }

  @Test
  void onInstagramAnAutomaticMessageAfter24HoursGoesToTheDivision_whileAnOfficersAnswerStillGoes() {
    ReplyAddress instagram =
        new ReplyAddress(Channel.INSTAGRAM, "300000000000004", "IGSID-" + id());
    CaseEvent.CaseOpened opened = s.opened("LBK", instagram, "id");
    s.send(opened);

    Instant later = DAY.plus(Duration.ofDays(2));
    s.clock.set(later);
    s.send(routed(opened, "REHSOS", later));
    s.send(
        new CaseEvent.CaseAnswered(
            id(),
            later,
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.ANSWERED,
            "Tim kami akan berkunjung besok.",
            instagram,
            "siti",
            List.of()));

    List<OutboundMessage> all = s.outbound.forCase(opened.caseId());
    assertThat(all)
        .filteredOn(m -> m.to().channel() == Channel.INSTAGRAM)
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "ANSWER");
    assertThat(all)
        .filteredOn(m -> m.purpose().equals("ANSWER"))
        .singleElement()
        .extracting(OutboundMessage::automatic)
        .as("a person wrote it: the human-agent tag applies")
        .isEqualTo(false);
    assertThat(all)
        .filteredOn(m -> m.text().contains("INSTAGRAM"))
        .singleElement()
        .extracting(m -> m.to().recipientId())
        .isEqualTo("rehsos@lbk.aduan.test");
    assertThat(s.counted("aduan.notifications", "outcome", "closed_automatic_after_24h"))
        .isEqualTo(1);
  }
}
