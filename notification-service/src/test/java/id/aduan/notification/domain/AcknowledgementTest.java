package id.aduan.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcknowledgementTest {

  private static final Instant NOW = Instant.parse("2026-11-20T01:15:05Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Agency BANDUNG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final String TICKET = "BDG-2026-000123";

  private static CaseEvent.CaseOpened opened(@Nullable ReplyAddress replyAddress, String language) {
    return new CaseEvent.CaseOpened(
        "evt-opened-1",
        Instant.parse("2026-11-20T01:15:02Z"),
        "c-1",
        TICKET,
        "BDG",
        CaseStatus.RECEIVED,
        replyAddress == null ? Channel.FRONT_DESK : replyAddress.channel(),
        "ONLINE",
        CaseType.COMPLAINT,
        null,
        Instant.parse("2026-11-20T01:15:00Z"),
        replyAddress,
        "wamid.IN-1",
        language);
  }

  private static final ReplyAddress WHATSAPP =
      new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281234567890");

  @Test
  void givenCaseOpenedOnWhatsApp_thenAnAcknowledgementWithTheTicketInBahasaIndonesia() {
    OutboundMessage ack =
        Acknowledgement.forOpened(opened(WHATSAPP, "id"), BANDUNG, CLOCK).orElseThrow();

    assertThat(ack.text())
        .startsWith("Terima kasih.")
        .contains("nomor tiket " + TICKET)
        .contains(BANDUNG.name());
    assertThat(ack.language()).isEqualTo("id");
    assertThat(ack.purpose()).isEqualTo("ACKNOWLEDGEMENT");
    assertThat(ack.to()).isEqualTo(WHATSAPP);
  }

  @Test
  void theAcknowledgementIsAboutTheCaseAndAnswersTheCitizensMessage() {
    OutboundMessage ack =
        Acknowledgement.forOpened(opened(WHATSAPP, "id"), BANDUNG, CLOCK).orElseThrow();

    assertThat(ack.agencyCode()).isEqualTo("BDG");
    assertThat(ack.caseId()).isEqualTo("c-1");
    assertThat(ack.ticket()).isEqualTo(TICKET);
    assertThat(ack.replyToProviderMessageId()).isEqualTo("wamid.IN-1");
    assertThat(ack.subject()).contains(TICKET);
    assertThat(ack.automatic()).isTrue();
    assertThat(ack.template()).isNull();
    assertThat(ack.occurredAt()).isEqualTo(NOW);
    assertThat(ack.eventId()).isNotBlank();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "WHATSAPP, 100000000000001, 6281234567890",
    "EMAIL, pengaduan@bdg.aduan.test, warga@example.test",
    "LAPOR, LAPOR-BDG, LAPOR-TRACK-42",
    "FACEBOOK, PAGE-1, PSID-7",
    "INSTAGRAM, IG-1, IGSID-9"
  })
  void theAcknowledgementGoesBackExactlyWhereTheCitizenWrote(
      Channel channel, String account, String recipient) {
    ReplyAddress address = new ReplyAddress(channel, account, recipient);

    Optional<OutboundMessage> ack =
        Acknowledgement.forOpened(opened(address, "id"), BANDUNG, CLOCK);

    assertThat(ack).get().extracting(OutboundMessage::to).isEqualTo(address);
  }

  @Test
  void givenCaseWithoutReplyAddress_thenNothingToSend() {
    assertThat(Acknowledgement.forOpened(opened(null, "id"), BANDUNG, CLOCK)).isEmpty();
  }

  @Test
  void givenFrontDeskCase_thenNothingToSendBecauseTheFrontDeskHasNoOutboundChannel() {
    ReplyAddress walkIn = new ReplyAddress(Channel.FRONT_DESK, "walk-in", "visitor-1");

    assertThat(Acknowledgement.forOpened(opened(walkIn, "id"), BANDUNG, CLOCK)).isEmpty();
  }

  @Test
  void givenCaseInEnglish_thenTheAcknowledgementIsInEnglishWithTheTicket() {
    OutboundMessage ack =
        Acknowledgement.forOpened(opened(WHATSAPP, "en"), BANDUNG, CLOCK).orElseThrow();

    assertThat(ack.text()).startsWith("Thank you.").contains("ticket number " + TICKET);
    assertThat(ack.language()).isEqualTo("en");
  }
}
