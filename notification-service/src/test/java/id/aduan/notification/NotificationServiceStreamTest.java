package id.aduan.notification;

import static id.aduan.notification.StreamFixture.citizen;
import static id.aduan.notification.StreamFixture.header;
import static id.aduan.notification.StreamFixture.id;
import static id.aduan.notification.StreamFixture.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.notification.persistence.Attempts;
import id.aduan.notification.persistence.CitizenWindows;
import id.aduan.notification.persistence.Notifications;
import id.aduan.notification.persistence.Recipients;
import id.aduan.notification.scheduling.DailyDigest;
import id.aduan.notification.scheduling.ReleaseHeld;
import id.aduan.testsupport.AduanKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.messaging.Message;

/**
 * The service's four consumers and its timers on the in-JVM KRaft broker and MongoDB-protocol
 * server, with a clock each test sets: the wiring of each topic, dead letters, the stored decision
 * and its outbox, and the digest. The rules behind them (who hears what, when, once) are tested
 * without a broker in {@code application} ({@code CaseNotificationsTest}, {@code HeldMessagesTest},
 * {@code ReceiptsTest}, {@code DeadlineNotificationsTest}).
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationServiceStreamTest {

  /** 10:00 WIB: office hours in Bandung. */
  private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

  private static final String BDG_WA = "100000000000001";

  @RegisterExtension
  static final StreamFixture f =
      new StreamFixture("notification-stream", Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void givenCaseOpenedOnWhatsApp_thenOneAcknowledgementWithTheTicketAndHowToCheckIt() {
    f.clock.set(DAY);
    String citizen = citizen();
    CaseEvent.CaseOpened opened = f.opened("BDG", whatsapp(BDG_WA, citizen), "id");

    f.send(opened);

    OutboundMessage ack =
        f.await(Topics.OUTBOUND_WHATSAPP, m -> opened.caseId().equals(m.caseId()));
    assertThat(ack.to()).isEqualTo(whatsapp(BDG_WA, citizen));
    assertThat(ack.purpose()).isEqualTo("ACKNOWLEDGEMENT");
    assertThat(ack.text())
        .contains("nomor tiket " + opened.ticket())
        .contains("http://127.0.0.1:8080/status");
    assertThat(ack.template()).as("the citizen just wrote: free text").isNull();
    assertThat(ack.replyToProviderMessageId()).isEqualTo(opened.sourceMessageId());
    assertThat(ack.automatic()).isTrue();
    Notifications notifications = f.bean(Notifications.class);
    await()
        .atMost(StreamFixture.PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        notifications.byId(
                            opened.eventId()
                                + "/WHATSAPP:"
                                + f.bean(Recipients.class).hash(citizen)))
                    .get()
                    .satisfies(
                        n -> {
                          assertThat(n.outboundEventId()).isEqualTo(ack.eventId());
                          assertThat(n.outboxPending()).isFalse();
                        }));
  }

  /** Issue 20: the acknowledgement and the intake check's request of a new case: one message. */
  @Test
  void givenANewIncompleteCase_thenOneMessageWithTheTicketAndWhatIsMissing_evenOnRedelivery() {
    f.clock.set(DAY);
    String citizen = citizen();
    CaseEvent.CaseOpened plain = f.opened("BDG", whatsapp(BDG_WA, citizen), "id");
    String requestId = id();
    CaseEvent.CaseOpened opened =
        plain.withIntakeCheck(
            new CaseEvent.IntakeCheck(List.of("kk", "ktp"), List.of(), requestId));
    CaseEvent.InformationRequested asked =
        new CaseEvent.InformationRequested(
                requestId,
                opened.occurredAt(),
                opened.caseId(),
                opened.ticket(),
                "BDG",
                CaseStatus.INCOMPLETE,
                List.of("kk", "ktp"),
                opened.replyAddress(),
                "system",
                List.of())
            .announcedWith(opened.eventId());

    f.send(opened);
    f.send(asked);
    f.send(opened);
    f.send(asked);
    f.barrier();

    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, opened.caseId()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.purpose()).isEqualTo("ACKNOWLEDGEMENT");
              assertThat(m.text())
                  .contains("nomor tiket " + opened.ticket())
                  .contains("fotokopi Kartu Keluarga (KK)", "fotokopi KTP atau NIK yang valid");
              assertThat(m.replyToProviderMessageId()).isEqualTo(opened.sourceMessageId());
            });
  }

  @Test
  void givenGarbageBody_thenDeadLetteredAsMalformedAndTheNextCaseIsStillAcknowledged() {
    String garbage = "garbage-" + id();

    f.writer.send(
        Topics.CASES_EVENTS,
        0,
        "c-garbage",
        garbage.getBytes(StandardCharsets.UTF_8),
        Map.of(CloudEventHeaders.TYPE, "id.aduan.case.opened.v1"));
    f.barrier();

    assertThat(f.deadLetters(Topics.CASES_EVENTS, garbage))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("MALFORMED"));
  }

  @Test
  void givenUnknownCeType_thenDeadLetteredAsUnknownTypeAndNothingSent() {
    CaseEvent.CaseOpened odd = f.opened("BDG", whatsapp(BDG_WA, citizen()), "id");
    Message<byte[]> message = f.producer.toMessage(odd, odd.caseId(), odd.ticket());
    Map<String, Object> headers = new HashMap<>(message.getHeaders());
    headers.put(CloudEventHeaders.TYPE, "id.aduan.case.opened.v9");

    f.writer.send(Topics.CASES_EVENTS, 0, odd.caseId(), message.getPayload(), headers);
    f.barrier();

    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, odd.caseId())).isEmpty();
    assertThat(f.deadLetters(Topics.CASES_EVENTS, odd.caseId()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_TYPE"));
  }

  @Test
  void givenAnUnknownAgency_thenDeadLetteredWithTheReason() {
    CaseEvent.CaseOpened stray = f.opened("XYZ", whatsapp(BDG_WA, citizen()), "id");

    f.send(stray);
    f.barrier();

    assertThat(f.deadLetters(Topics.CASES_EVENTS, stray.caseId()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_AGENCY"));
  }

  @Test
  void outsideTheWhatsAppWindowTheApprovedTemplateGoesAndAfterTheCitizenWritesFreeTextAgain() {
    f.clock.set(DAY);
    String citizen = citizen();
    CaseEvent.CaseOpened opened = f.opened("BDG", whatsapp(BDG_WA, citizen), "id");
    f.send(opened);
    f.await(Topics.OUTBOUND_WHATSAPP, m -> opened.caseId().equals(m.caseId()));

    Instant twoDaysLater = DAY.plus(Duration.ofDays(2));
    f.clock.set(twoDaysLater);
    f.send(routed(opened, "LINJAMSOS", twoDaysLater));
    OutboundMessage routed =
        f.await(
            Topics.OUTBOUND_WHATSAPP,
            m -> opened.caseId().equals(m.caseId()) && m.purpose().equals("STATUS"));

    assertThat(routed.template()).isNotNull();
    assertThat(routed.template().name()).isEqualTo("aduan_pesan_lanjutan");
    assertThat(routed.template().parameters().getFirst())
        .contains("Bidang Perlindungan dan Jaminan Sosial");

    // The citizen writes again (complaints.inbound.v1): the window opens again.
    ComplaintReceived again =
        new ComplaintReceived(
            id(),
            twoDaysLater,
            "BDG",
            Channel.WHATSAPP,
            BDG_WA,
            "wamid.2",
            new ComplaintReceived.Sender(citizen, null, false, false),
            "text",
            null,
            "Ada kabar?",
            List.of(),
            null,
            null,
            List.of(),
            twoDaysLater,
            Map.of(),
            null);
    f.send(Topics.COMPLAINTS_INBOUND, again, "BDG:" + citizen, null);
    await()
        .atMost(StreamFixture.PATIENCE)
        .until(
            () ->
                twoDaysLater.equals(
                    f.bean(CitizenWindows.class).lastInbound(whatsapp(BDG_WA, citizen))));
    f.send(inProgress(opened, twoDaysLater));
    OutboundMessage progress =
        f.await(
            Topics.OUTBOUND_WHATSAPP,
            m -> opened.caseId().equals(m.caseId()) && m.text().contains("sedang ditindaklanjuti"));

    assertThat(progress.template()).isNull();
  }

  @Test
  void aNonUrgentMessageAtNightWaitsForTheMorningWhileTheAcknowledgementGoesAtOnce() {
    Instant night = Instant.parse("2026-11-21T15:00:00Z"); // 22:00 WIB
    f.clock.set(night);
    CaseEvent.CaseOpened opened = f.opened("BDG", whatsapp(BDG_WA, citizen()), "id");
    f.send(opened);
    f.await(Topics.OUTBOUND_WHATSAPP, m -> opened.caseId().equals(m.caseId()));
    f.send(routed(opened, "REHSOS", night));
    f.barrier();

    assertThat(f.bean(ReleaseHeld.class).release()).isZero();
    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, opened.caseId()))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT");

    f.clock.set(Instant.parse("2026-11-21T23:05:00Z")); // 06:05 WIB
    assertThat(f.bean(ReleaseHeld.class).release()).isPositive();

    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, opened.caseId()))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "STATUS");
  }

  @Test
  void aFailedMessageFallsBackToTheCitizensOtherChannelThenAlertsTheOfficer() {
    f.clock.set(DAY);
    String citizen = citizen();
    CaseEvent.CaseOpened opened = f.opened("BDG", whatsapp(BDG_WA, citizen), "id");
    ReplyAddress mail =
        new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", citizen + "@example.test");
    f.send(opened);
    OutboundMessage ack =
        f.await(Topics.OUTBOUND_WHATSAPP, m -> opened.caseId().equals(m.caseId()));
    f.send(
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
    f.barrier();

    receipt(ack, DeliveryReceipt.Status.SENT);
    receipt(ack, DeliveryReceipt.Status.FAILED);
    receipt(ack, DeliveryReceipt.Status.FAILED); // redelivered: no second fallback
    OutboundMessage byMail =
        f.await(Topics.OUTBOUND_EMAIL, m -> opened.caseId().equals(m.caseId()));

    assertThat(byMail.to()).isEqualTo(mail);
    assertThat(byMail.purpose()).isEqualTo("ACKNOWLEDGEMENT");
    assertThat(byMail.text()).contains(opened.ticket());

    receipt(byMail, DeliveryReceipt.Status.FAILED);
    OutboundMessage alert =
        f.await(
            Topics.OUTBOUND_EMAIL,
            m -> opened.caseId().equals(m.caseId()) && m.purpose().equals("OFFICER_ALERT"));

    assertThat(alert.to().recipientId()).isEqualTo("koordinator@bdg.aduan.test");
    assertThat(alert.text()).contains(opened.ticket(), "EMAIL");
    assertThat(alert.text()).doesNotContain(citizen);
    f.barrier();
    assertThat(f.forCase(Topics.OUTBOUND_EMAIL, opened.caseId())).hasSize(2);
    await()
        .atMost(StreamFixture.PATIENCE)
        .untilAsserted(
            () ->
                assertThat(f.bean(Attempts.class).forCase(opened.caseId()))
                    .extracting(Attempts.Attempt::channel, Attempts.Attempt::status)
                    .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("WHATSAPP", "FAILED"),
                        org.assertj.core.groups.Tuple.tuple("EMAIL", "FAILED"),
                        org.assertj.core.groups.Tuple.tuple("EMAIL", "PENDING")));
  }

  @Test
  void aBreachAlertsTheCoordinatorAndTheDivisionAtOnceEvenAtNight() {
    f.clock.set(Instant.parse("2026-11-21T16:00:00Z")); // 23:00 WIB
    CaseEvent.CaseOpened opened = f.opened("BDG", whatsapp(BDG_WA, citizen()), "id");
    f.send(opened);
    f.send(routed(opened, "LINJAMSOS", DAY));
    f.send(
        Topics.SLA_EVENTS,
        new SlaEvent.SlaBreached(
            id(),
            f.clock.instant(),
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            DAY,
            "LINJAMSOS"),
        opened.caseId(),
        opened.ticket());

    await()
        .atMost(StreamFixture.PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        f.outbound(
                            Topics.OUTBOUND_EMAIL,
                            m ->
                                opened.caseId().equals(m.caseId())
                                    && m.text().contains("melewati batas waktu")))
                    .extracting(m -> m.to().recipientId())
                    .containsExactlyInAnyOrder(
                        "koordinator@bdg.aduan.test", "linjamsos@bdg.aduan.test"));
  }

  @Test
  void theDailyDigestListsEachDivisionsOpenAndLateCasesOnce() {
    Instant day = Instant.parse("2026-11-24T02:00:00Z");
    f.clock.set(day);
    CaseEvent.CaseOpened late =
        f.opened(
            "PSR",
            new ReplyAddress(Channel.EMAIL, "pengaduan@psr.aduan.test", "a@example.test"),
            "id");
    CaseEvent.CaseOpened fresh =
        f.opened(
            "PSR",
            new ReplyAddress(Channel.EMAIL, "pengaduan@psr.aduan.test", "b@example.test"),
            "id");
    for (CaseEvent.CaseOpened c : List.of(late, fresh)) {
      f.send(c);
      f.send(routed(c, "PEMDES", day));
    }
    f.send(
        Topics.SLA_EVENTS,
        new SlaEvent.SlaBreached(
            id(), day, late.caseId(), late.ticket(), "PSR", "completion", day, "PEMDES"),
        late.caseId(),
        late.ticket());
    await()
        .atMost(StreamFixture.PATIENCE)
        .until(
            () ->
                f.outbound(
                    Topics.OUTBOUND_EMAIL,
                    m ->
                        late.caseId().equals(m.caseId())
                            && m.purpose().equals("OFFICER_ALERT")
                            && m.text().contains("melewati")),
            l -> !l.isEmpty());
    f.barrier();

    f.clock.set(Instant.parse("2026-11-25T01:00:00Z")); // 08:00 WIB
    f.bean(DailyDigest.class).run();
    f.bean(DailyDigest.class).run();

    List<OutboundMessage> digests =
        f.outbound(
            Topics.OUTBOUND_EMAIL,
            m ->
                m.purpose().equals("DIGEST")
                    && m.to().recipientId().equals("pemdes@psr.aduan.test"));
    // The read model in MongoDB feeds it (the content: scheduling/DailyDigestTest).
    assertThat(digests)
        .singleElement()
        .extracting(OutboundMessage::text)
        .asString()
        .contains(late.ticket() + " | ROUTED | - | TERLAMBAT", fresh.ticket());
  }

  private static CaseEvent.CaseRouted routed(CaseEvent.CaseOpened c, String division, Instant at) {
    return new CaseEvent.CaseRouted(
        id(), at, c.caseId(), c.ticket(), c.agencyCode(), CaseStatus.ROUTED, division, "admin");
  }

  private static CaseEvent.CaseStatusChanged inProgress(CaseEvent.CaseOpened c, Instant at) {
    return new CaseEvent.CaseStatusChanged(
        id(),
        at,
        c.caseId(),
        c.ticket(),
        c.agencyCode(),
        CaseStatus.IN_PROGRESS,
        CaseStatus.ROUTED,
        null,
        "budi");
  }

  private void receipt(OutboundMessage message, DeliveryReceipt.Status status) {
    DeliveryReceipt r =
        new DeliveryReceipt(
            id(),
            f.clock.instant(),
            message.to().channel(),
            message.agencyCode(),
            message.eventId(),
            "prov-1",
            status,
            status == DeliveryReceipt.Status.FAILED ? "131026" : null,
            null,
            f.clock.instant());
    f.send(Topics.DELIVERY_RECEIPTS, r, message.eventId(), message.ticket());
  }
}
