package id.aduan.notification.application;

import static id.aduan.notification.application.FastService.citizen;
import static id.aduan.notification.application.FastService.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.OutboundMessage;
import id.aduan.notification.persistence.NotificationDocument;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A decision is stored under a deterministic id before its message is published: when the broker
 * fails after the write, the redelivered event publishes what was left, once, under the same id.
 */
class ExactlyOnceTest {

  private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

  private final FastService s = new FastService(DAY);

  @Test
  void aDecisionStoredButNotPublished_isPublishedOnceByTheRedeliveredEvent() {
    String citizen = citizen();
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen), "id");
    s.outbound.failNext();

    assertThatThrownBy(() -> s.send(opened)).hasMessageContaining("broker unavailable");
    String id = opened.eventId() + "/WHATSAPP:" + s.recipients.hash(citizen);
    assertThat(s.notifications.byId(id))
        .get()
        .satisfies(
            d -> {
              assertThat(d.state()).isEqualTo(NotificationDocument.SENT);
              assertThat(d.outboxPending()).isTrue();
            });
    assertThat(s.outbound.all()).isEmpty();

    s.send(opened);
    s.send(opened);

    assertThat(s.outbound.forCase(opened.caseId()))
        .singleElement()
        .extracting(OutboundMessage::eventId)
        .isEqualTo(Dispatch.outboundId(id));
    assertThat(s.notifications.byId(id))
        .get()
        .extracting(NotificationDocument::outboxPending)
        .isEqualTo(false);
  }
}
