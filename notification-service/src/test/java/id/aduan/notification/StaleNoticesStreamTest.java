package id.aduan.notification;

import static id.aduan.notification.StreamFixture.citizen;
import static id.aduan.notification.StreamFixture.id;
import static id.aduan.notification.StreamFixture.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.testsupport.AduanKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21 (docs/adr/0038): after an outage of more than a day, the backlog stays quiet except for
 * what the citizen never heard and must: the case's outcome. Its replay stays quiet too.
 */
@AduanKafka
class StaleNoticesStreamTest {

  /** 10:00 WIB: office hours in Bandung. */
  private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

  private static final String BDG_WA = "100000000000001";
  @RegisterExtension static final StreamFixture f = new StreamFixture("notification-stale", DAY);

  @Test
  void anAnswerHeldUpByADayLongOutage_isStillSentOnce_whileTheOldAcknowledgementStaysQuiet() {
    f.clock.set(DAY);
    CaseEvent.CaseOpened answered = f.opened("BDG", whatsapp(BDG_WA, citizen()), "id");
    f.send(answered);
    f.await(Topics.OUTBOUND_WHATSAPP, m -> answered.caseId().equals(m.caseId()));

    // The officer answers an hour later, and another citizen complains; then the service is down
    // for a day and reads both only afterwards.
    CaseEvent.CaseOpened unheard = f.opened("BDG", whatsapp(BDG_WA, citizen()), "id");
    Instant hourLater = DAY.plus(Duration.ofHours(1));
    CaseEvent.CaseAnswered answer =
        new CaseEvent.CaseAnswered(
            id(),
            hourLater,
            answered.caseId(),
            answered.ticket(),
            "BDG",
            CaseStatus.ANSWERED,
            "Petugas kami sudah memperbaiki lampu jalan.",
            null,
            "budi",
            List.of());
    f.clock.set(DAY.plus(Duration.ofHours(26)));
    f.send(unheard);
    f.send(answer);
    f.send(answer);
    f.barrier();

    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, answered.caseId()))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "ANSWER");
    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, unheard.caseId()))
        .as("a day-old acknowledgement is old news")
        .isEmpty();
    assertThat(
            f.app
                .getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter(
                    "aduan.notification.stale.notices",
                    "purpose",
                    "ACKNOWLEDGEMENT",
                    "outcome",
                    "skipped")
                .count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void anOutcomeOlderThanTheCatchUpWindow_orAlreadyOvertaken_staysQuiet() {
    f.clock.set(DAY.plus(Duration.ofDays(30)));
    Instant opened = f.clock.instant();
    CaseEvent.CaseOpened old = f.opened("BDG", whatsapp(BDG_WA, citizen()), "id");
    f.send(old);
    f.await(Topics.OUTBOUND_WHATSAPP, m -> old.caseId().equals(m.caseId()));
    CaseEvent.CaseRejected rejected =
        new CaseEvent.CaseRejected(
            id(),
            opened.plus(Duration.ofMinutes(5)),
            old.caseId(),
            old.ticket(),
            "BDG",
            CaseStatus.REJECTED,
            "NOT_OUR_AUTHORITY",
            "Bukan kewenangan kami.",
            null,
            "budi");
    f.clock.set(opened.plus(Duration.ofDays(8)));
    f.send(rejected);
    f.barrier();

    assertThat(f.forCase(Topics.OUTBOUND_WHATSAPP, old.caseId()))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT");
  }
}
