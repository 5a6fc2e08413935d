package id.aduan.notification.application;

import static id.aduan.notification.application.FastService.citizen;
import static id.aduan.notification.application.FastService.id;
import static id.aduan.notification.application.FastService.routed;
import static id.aduan.notification.application.FastService.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SLA events through {@link Notify#onSla}: staff notices to the division and the escalation. */
class DeadlineNotificationsTest {

  private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

  @Test
  void aBreachAlertsTheCoordinatorAndTheDivisionAtOnceEvenAtNight() {
    FastService s = new FastService(Instant.parse("2026-11-21T16:00:00Z")); // 23:00 WIB
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");
    s.send(opened);
    s.send(routed(opened, "LINJAMSOS", DAY));
    SlaEvent.SlaBreached breached =
        new SlaEvent.SlaBreached(
            id(),
            s.clock.instant(),
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            DAY,
            "LINJAMSOS");

    s.send(breached);
    s.send(breached);

    assertThat(s.outbound.forCase(opened.caseId()))
        .filteredOn(m -> m.text().contains("melewati batas waktu"))
        .extracting(m -> m.to().recipientId())
        .containsExactlyInAnyOrder("koordinator@bdg.aduan.test", "linjamsos@bdg.aduan.test");
    assertThat(s.cases.byId(opened.caseId())).get().satisfies(v -> assertThat(v.late()).isTrue());
  }

  @Test
  void aWarningTellsTheDivisionInOfficeHours_andAnOldOneOnlyUpdatesTheReadModel() {
    FastService s = new FastService(DAY);
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");
    s.send(opened);
    Instant deadline = DAY.plus(Duration.ofDays(5));

    s.send(
        new SlaEvent.SlaWarning(
            id(),
            DAY,
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            0.8,
            deadline,
            "DAYASOS"));

    assertThat(s.outbound.forCase(opened.caseId()))
        .filteredOn(m -> m.purpose().equals("OFFICER_ALERT"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.to().recipientId()).isEqualTo("dayasos@bdg.aduan.test");
              assertThat(m.text()).contains(opened.ticket());
            });

    s.clock.set(DAY.plus(Duration.ofDays(2)));
    s.send(
        new SlaEvent.SlaClockStarted(
            id(),
            DAY,
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            "standard",
            DAY,
            deadline,
            false));
    assertThat(s.counted("aduan.notification.stale.events", "topic", Topics.SLA_EVENTS))
        .isEqualTo(1);
    assertThat(s.cases.byId(opened.caseId()))
        .get()
        .satisfies(v -> assertThat(v.deadline()).isEqualTo(deadline));
    assertThat(s.outbound.forCase(opened.caseId()))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "OFFICER_ALERT");
  }
}
