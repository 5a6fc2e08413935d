package id.aduan.notification;

import static id.aduan.notification.StreamFixture.citizen;
import static id.aduan.notification.StreamFixture.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.notification.domain.Part;
import id.aduan.notification.persistence.NotificationDocument;
import id.aduan.notification.persistence.Notifications;
import id.aduan.notification.persistence.Recipients;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.AduanKafka;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once per (event, recipient) across redelivery and a restart of the service on the same
 * database: a decision is stored under a deterministic id before its message is published, and the
 * message id derives from the decision.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceStreamTest {

  private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");
  @RegisterExtension static final StreamFixture f = new StreamFixture("notification-once", DAY);

  @Test
  void redeliveredBeforeAndAfterARestart_theCitizenGetsOneMessageAndALeftoverIsPublishedOnce() {
    CaseEvent.CaseOpened opened = f.opened("BDG", whatsapp("100000000000001", citizen()), "id");
    f.send(opened);
    f.send(opened);
    OutboundMessage first =
        f.await(Topics.OUTBOUND_WHATSAPP, m -> opened.caseId().equals(m.caseId()));

    // A decision stored just before a crash, its message not yet published:
    ReplyAddress other = whatsapp("100000000000001", citizen());
    OutboundMessage unsent =
        new OutboundMessage(
            "left-" + opened.eventId(),
            DAY,
            "BDG",
            "c-leftover",
            "BDG-2026-999999",
            other,
            "STATUS",
            "id",
            null,
            "Pengaduan BDG-2026-999999 sedang ditindaklanjuti.",
            null,
            null,
            List.of(),
            List.of(),
            true,
            null,
            null);
    Outbox.Entry entry =
        f.bean(Outbox.class)
            .entry(Topics.OUTBOUND_WHATSAPP, other.recipientId(), unsent, unsent.ticket());
    f.bean(Notifications.class)
        .insert(
            new NotificationDocument(
                "evt-leftover/WHATSAPP:"
                    + f.app.getBean(Recipients.class).hash(other.recipientId()),
                "evt-leftover",
                "c-leftover",
                "STATUS",
                unsent.eventId(),
                DAY,
                List.of(entry),
                true,
                NotificationDocument.SENT,
                "BDG",
                unsent.ticket(),
                "CITIZEN",
                other,
                f.app.getBean(Recipients.class).key(other),
                "id",
                null,
                List.of(
                    new Part(
                        "evt-leftover",
                        "STATUS",
                        "inProgress",
                        Map.of("ticket", unsent.ticket()),
                        true,
                        null)),
                1,
                null,
                List.of("WHATSAPP")));

    f.restart();
    f.send(opened);
    f.barrier();

    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, opened.caseId()))
        .singleElement()
        .extracting(OutboundMessage::eventId)
        .isEqualTo(first.eventId());
    await()
        .atMost(StreamFixture.PATIENCE)
        .untilAsserted(
            () -> assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, "c-leftover")).hasSize(1));
    assertThat(
            f.bean(Notifications.class)
                .byId(
                    "evt-leftover/WHATSAPP:" + f.bean(Recipients.class).hash(other.recipientId())))
        .get()
        .extracting(NotificationDocument::outboxPending)
        .isEqualTo(false);
    f.barrier();
    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, "c-leftover")).hasSize(1);
  }
}
