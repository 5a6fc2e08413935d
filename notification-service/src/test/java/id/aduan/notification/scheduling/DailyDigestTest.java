package id.aduan.notification.scheduling;

import static id.aduan.notification.application.FastService.id;
import static id.aduan.notification.application.FastService.routed;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.notification.application.FastService;
import id.aduan.notification.config.NotificationProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daily digest on the in-memory stores: once per division, recipient and day. */
class DailyDigestTest {

  private static final Instant DAY = Instant.parse("2026-11-24T02:00:00Z");

  private final FastService s = new FastService(DAY);

  private DailyDigest digest(boolean enabled) {
    return new DailyDigest(
        FastService.AGENCIES,
        s.cases,
        s.dispatch,
        s.clock,
        new NotificationProperties(
            Duration.ofHours(24), Duration.ofDays(7), new NotificationProperties.Digest(enabled)),
        s.recipients);
  }

  @Test
  void theDigestListsEachDivisionsOpenAndLateCasesOnceAfterTheAgencysHour() {
    CaseEvent.CaseOpened late = s.opened("PSR", email("a@example.test"), "id");
    CaseEvent.CaseOpened fresh = s.opened("PSR", email("b@example.test"), "id");
    for (CaseEvent.CaseOpened c : List.of(late, fresh)) {
      s.send(c);
      s.send(routed(c, "PEMDES", DAY));
    }
    s.send(
        new SlaEvent.SlaBreached(
            id(), DAY, late.caseId(), late.ticket(), "PSR", "completion", DAY, "PEMDES"));

    s.clock.set(Instant.parse("2026-11-24T23:00:00Z")); // 06:00 WIB: before digestAt
    assertThat(digest(true).run()).isZero();

    s.clock.set(Instant.parse("2026-11-25T01:00:00Z")); // 08:00 WIB
    assertThat(digest(false).run()).as("disabled").isZero();
    assertThat(digest(true).run()).isPositive();
    assertThat(digest(true).run()).as("once a day").isZero();

    List<OutboundMessage> digests =
        s.outbound.all().stream()
            .filter(m -> m.purpose().equals("DIGEST"))
            .filter(m -> m.to().recipientId().equals("pemdes@psr.aduan.test"))
            .toList();
    assertThat(digests).hasSize(1);
    assertThat(digests.getFirst().text())
        .contains("2 pengaduan terbuka, 1 terlambat")
        .contains(late.ticket() + " | ROUTED | - | TERLAMBAT")
        .contains(fresh.ticket());
    assertThat(digests.getFirst().html()).contains("<table");
  }

  private static ReplyAddress email(String citizen) {
    return new ReplyAddress(Channel.EMAIL, "pengaduan@psr.aduan.test", citizen);
  }
}
