package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaseOpeningTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");
  private static final Instant NOW = Instant.parse("2026-11-20T01:15:02Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Agency BUTON = AgencyCatalog.bundled().byCode("BTN").orElseThrow();

  private static ComplaintReceived complaint(Channel channel, String account, String sender) {
    return new ComplaintReceived(
        "evt-in-1",
        RECEIVED.plusSeconds(1),
        "BTN",
        channel,
        account,
        "provider-msg-1",
        new ComplaintReceived.Sender(sender, "Wa Ode Sitti", false, false),
        "text",
        null,
        "Lampu jalan di Kelurahan Wale padam",
        List.of(),
        null,
        null,
        List.of(),
        RECEIVED,
        Map.of(),
        null);
  }

  @Test
  void givenCitizenMessage_thenACaseIsOpenedReceivedAsAnOnlineComplaint() {
    CaseEvent.CaseOpened opened =
        CaseOpening.open(
            complaint(Channel.WHATSAPP, "100000000000003", "6285200000000"),
            BUTON,
            "c-1",
            "BTN-2026-000007",
            CLOCK);

    assertThat(opened.caseId()).isEqualTo("c-1");
    assertThat(opened.ticket()).isEqualTo("BTN-2026-000007");
    assertThat(opened.agencyCode()).isEqualTo("BTN");
    assertThat(opened.status()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(opened.caseType()).isEqualTo(CaseType.COMPLAINT);
    assertThat(opened.intakeMode()).isEqualTo("ONLINE");
    assertThat(opened.channel()).isEqualTo(Channel.WHATSAPP);
    // The agency's default class for the case type (issue 5): Buton's written-complaint class.
    assertThat(opened.slaClass()).isEqualTo("WRITTEN");
    assertThat(opened.sourceMessageId()).isEqualTo("provider-msg-1");
    assertThat(opened.language()).isEqualTo(BUTON.language());
  }

  @Test
  void deadlinesCountFromReceiptWhileTheEventIsStampedByTheClock() {
    CaseEvent.CaseOpened opened =
        CaseOpening.open(
            complaint(Channel.WHATSAPP, "100000000000003", "6285200000000"),
            BUTON,
            "c-1",
            "BTN-2026-000007",
            CLOCK);

    assertThat(opened.receivedAt()).isEqualTo(RECEIVED);
    assertThat(opened.occurredAt()).isEqualTo(NOW);
  }

  @ParameterizedTest
  @EnumSource(
      value = Channel.class,
      names = {"WHATSAPP", "EMAIL", "FACEBOOK", "INSTAGRAM"})
  void theAnswerGoesBackOnTheChannelAndAccountTheCitizenUsed(Channel channel) {
    CaseEvent.CaseOpened opened =
        CaseOpening.open(
            complaint(channel, "agency-account", "citizen-id"), BUTON, "c", "t", CLOCK);

    assertThat(opened.replyAddress())
        .isEqualTo(new ReplyAddress(channel, "agency-account", "citizen-id"));
  }

  private static ComplaintReceived lapor(
      String providerMessageId, String reporter, Map<String, String> metadata) {
    return new ComplaintReceived(
        "evt-in-2",
        RECEIVED.plusSeconds(1),
        "LBK",
        Channel.LAPOR,
        "LAPOR-LBK",
        providerMessageId,
        new ComplaintReceived.Sender(reporter, null, false, false),
        "lapor-report",
        "Pungutan",
        "Ada pungutan saat pembagian bantuan.",
        List.of(),
        null,
        null,
        List.of(),
        RECEIVED,
        metadata,
        null);
  }

  /** Issue 19: LAPOR! answered the reporter's id as if it were a tracking id (404). */
  @Test
  void aLaporCaseIsAnsweredOnItsReportNotOnItsReporter() {
    ComplaintReceived report =
        lapor("LAPOR-SIM-000002", "u-demo-2", Map.of("laporTrackingId", "LAPOR-SIM-000002"));

    CaseEvent.CaseOpened opened = CaseOpening.open(report, BUTON, "c", "t", CLOCK);

    assertThat(opened.replyAddress())
        .isEqualTo(new ReplyAddress(Channel.LAPOR, "LAPOR-LBK", "LAPOR-SIM-000002"));
  }

  @Test
  void aLaporMessageWithoutMetadataIsAnsweredOnTheReportItsProviderIdNames() {
    ComplaintReceived attachment =
        lapor("LAPOR-SIM-000007/attachment/f-1", "anon-0123456789abcdef0123", Map.of());

    assertThat(CaseOpening.replyAddress(attachment).recipientId()).isEqualTo("LAPOR-SIM-000007");
  }
}
