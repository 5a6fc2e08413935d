package id.aduan.notification.application;

import static id.aduan.notification.application.FastService.citizen;
import static id.aduan.notification.application.FastService.id;
import static id.aduan.notification.application.FastService.inProgress;
import static id.aduan.notification.application.FastService.routed;
import static id.aduan.notification.application.FastService.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.notification.persistence.NotificationDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What waits and when it goes: quiet hours, the daily limit (merged into one message the next
 * morning), the survey's delay and the WhatsApp window; released by {@link Dispatch#releaseDue}
 * once.
 */
class HeldMessagesTest {

  private static final Channel WHATSAPP = Channel.WHATSAPP;

  @Test
  void aNonUrgentMessageAtNightWaitsForTheMorningWhileTheAcknowledgementGoesAtOnce() {
    Instant night = Instant.parse("2026-11-21T15:00:00Z"); // 22:00 WIB
    FastService s = new FastService(night);
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");
    s.send(opened);
    s.send(routed(opened, "REHSOS", night));

    assertThat(s.release()).isZero();
    assertThat(s.outbound.forCase(opened.caseId(), WHATSAPP))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT");
    assertThat(s.notifications.all())
        .filteredOn(d -> d.state().equals(NotificationDocument.HELD))
        .as("the citizen's status and the division's alert wait for 06:00 WIB")
        .extracting(d -> d.to().channel(), NotificationDocument::sendAt)
        .containsExactlyInAnyOrder(
            tuple(Channel.WHATSAPP, Instant.parse("2026-11-21T23:00:00Z")),
            tuple(Channel.EMAIL, Instant.parse("2026-11-21T23:00:00Z")));

    s.clock.set(Instant.parse("2026-11-21T23:05:00Z"));
    assertThat(s.release()).isEqualTo(2);
    assertThat(s.release()).as("released once").isZero();

    assertThat(s.outbound.forCase(opened.caseId(), WHATSAPP))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "STATUS");
  }

  @Test
  void overTheDailyLimitMessagesAreMergedIntoOneTheNextMorning() {
    Instant day = Instant.parse("2026-11-22T03:00:00Z");
    FastService s = new FastService(day);
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");
    s.send(opened); // 1: acknowledgement
    s.send(
        new CaseEvent.InformationRequested(
            id(),
            day,
            opened.caseId(),
            opened.ticket(),
            "BDG",
            CaseStatus.INCOMPLETE,
            List.of("kk"),
            null,
            "system",
            List.of())); // 2
    s.send(routed(opened, "REHSOS", day)); // 3
    CaseEvent.CaseStatusChanged fourth = inProgress(opened, day);
    s.send(fourth); // 4: held
    s.send(routed(opened, "DAYASOS", day)); // 5: merged
    s.send(fourth); // redelivered: joins nothing twice

    assertThat(s.outbound.forCase(opened.caseId(), WHATSAPP)).hasSize(3);
    assertThat(s.counted("aduan.notifications", "outcome", "over_daily_limit")).isEqualTo(2);
    assertThat(s.counted("aduan.notifications", "outcome", "merged")).isEqualTo(1);
    assertThat(s.release()).as("not before the morning").isZero();

    s.clock.set(Instant.parse("2026-11-22T23:01:00Z")); // 06:01 WIB the next day
    assertThat(s.release()).isEqualTo(1);

    List<OutboundMessage> all = s.outbound.forCase(opened.caseId(), WHATSAPP);
    assertThat(all).hasSize(4);
    assertThat(all.getLast().text())
        .startsWith("Kabar terbaru pengaduan " + opened.ticket())
        .contains("sedang ditindaklanjuti", "Bidang Pemberdayaan Sosial");
  }

  @Test
  void theSatisfactionSurveyFollowsTheResolutionAfterTheAgencysDelay() {
    Instant day = Instant.parse("2026-11-26T03:00:00Z");
    FastService s = new FastService(day);
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");
    s.send(opened);
    s.send(
        new CaseEvent.CaseResolved(
            id(),
            day,
            opened.caseId(),
            opened.ticket(),
            "BDG",
            CaseStatus.RESOLVED,
            "Bantuan telah disalurkan",
            null,
            "budi",
            new CaseEvent.ResolutionRecord(
                "Penyaluran bantuan", List.of("budi"), day, List.of(), "WHATSAPP", null),
            List.of()));

    assertThat(s.outbound.forCase(opened.caseId(), WHATSAPP).getLast().text())
        .contains(
            "Bantuan telah disalurkan. Tindak lanjut: Penyaluran bantuan (berita acara 2026-11-26)");
    assertThat(s.release()).isZero();
    assertThat(s.outbound.forCase(opened.caseId(), WHATSAPP))
        .extracting(OutboundMessage::purpose)
        .containsExactly("ACKNOWLEDGEMENT", "RESOLUTION");

    s.clock.set(day.plus(Duration.ofMinutes(61)));
    assertThat(s.release()).isEqualTo(1);

    assertThat(s.outbound.forCase(opened.caseId(), WHATSAPP).getLast())
        .satisfies(
            survey -> {
              assertThat(survey.purpose()).isEqualTo("SURVEY");
              assertThat(survey.text())
                  .contains(
                      "Balas dengan satu angka: 1 (sangat tidak puas) sampai 5 (sangat puas)");
            });
  }

  @Test
  void outsideTheWhatsAppWindowTheApprovedTemplateGoes_andAfterTheCitizenWritesFreeTextAgain() {
    Instant day = Instant.parse("2026-11-20T03:00:00Z");
    FastService s = new FastService(day);
    String citizen = citizen();
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen), "id");
    s.send(opened);

    Instant twoDaysLater = day.plus(Duration.ofDays(2));
    s.clock.set(twoDaysLater);
    s.send(routed(opened, "LINJAMSOS", twoDaysLater));
    OutboundMessage routed = s.outbound.forCase(opened.caseId(), WHATSAPP).getLast();

    assertThat(routed.purpose()).isEqualTo("STATUS");
    assertThat(routed.template()).isNotNull();
    assertThat(routed.template().name()).isEqualTo("aduan_pesan_lanjutan");
    assertThat(routed.template().parameters().getFirst())
        .contains("Bidang Perlindungan dan Jaminan Sosial");

    // The citizen writes again (what trackCitizenMessages records): the window opens again.
    s.windows.touch(whatsapp(citizen), twoDaysLater);
    s.send(inProgress(opened, twoDaysLater));

    OutboundMessage progress = s.outbound.forCase(opened.caseId(), WHATSAPP).getLast();
    assertThat(progress.text()).contains("sedang ditindaklanjuti");
    assertThat(progress.template()).isNull();
  }
}
