package id.aduan.whatsapp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.DeliveryReceipt.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plain rules of delivery: status state machine, text splitting, window, error codes. */
class WhatsAppDeliveryRulesTest {

  private static final Instant T = Instant.parse("2026-11-25T01:00:00Z");

  @ParameterizedTest(name = "{0} then {1}: {2}")
  @CsvSource({
    "NONE, SENT, true",
    "NONE, READ, true",
    "SENT, DELIVERED, true",
    "SENT, READ, true",
    "DELIVERED, READ, true",
    "READ, DELIVERED, false",
    "READ, SENT, false",
    "DELIVERED, SENT, false",
    "DELIVERED, DELIVERED, false",
    "SENT, FAILED, true",
    "DELIVERED, FAILED, true",
    "READ, FAILED, false",
    "FAILED, READ, false",
    "FAILED, FAILED, false"
  })
  void statusesOnlyMoveForwardAndFailedIsFinal(String current, Status next, boolean advances) {
    DeliveryStates.State state =
        "NONE".equals(current) ? null : new DeliveryStates.State(Status.valueOf(current), T);
    assertThat(DeliveryStates.advances(state, next)).isEqualTo(advances);
  }

  @Test
  void aBatchIsAppliedInProviderTimeOrder() {
    DeliveryReceipt read = receipt(Status.READ, T.plusSeconds(5));
    DeliveryReceipt delivered = receipt(Status.DELIVERED, T.plusSeconds(2));
    DeliveryReceipt sent = receipt(Status.SENT, T);

    assertThat(DeliveryStates.inProviderOrder(List.of(read, delivered, sent)))
        .extracting(DeliveryReceipt::status)
        .containsExactly(Status.SENT, Status.DELIVERED, Status.READ);
  }

  private static DeliveryReceipt receipt(Status status, Instant at) {
    return new DeliveryReceipt(
        "e", T, Channel.WHATSAPP, "BDG", null, "wamid.1", status, null, null, at);
  }

  @Test
  void aTextUpToTheLimitIsOnePart() {
    assertThat(TextSplitter.split("a".repeat(4096), 4096)).containsExactly("a".repeat(4096));
  }

  @Test
  void aLongerTextIsSplitAtAWordBoundaryAndLosesNothing() {
    String word = "pengaduan ";
    String text = word.repeat(1000).strip(); // 9,999 characters

    List<String> parts = TextSplitter.split(text, TextSplitter.WHATSAPP_LIMIT);

    assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
    assertThat(parts).allSatisfy(p -> assertThat(p).startsWith("pengaduan").endsWith("pengaduan"));
    assertThat(String.join(" ", parts)).isEqualTo(text);
  }

  @Test
  void aTextWithoutSpacesIsCutWithoutBreakingAnEmoji() {
    String text = "x".repeat(4095) + "\uD83D\uDE4F" + "y"; // the emoji straddles the limit

    List<String> parts = TextSplitter.split(text, 4096);

    assertThat(parts).containsExactly("x".repeat(4095), "\uD83D\uDE4Fy");
  }

  @ParameterizedTest(name = "last inbound {0} h ago: open {1}")
  @CsvSource({"0, true", "23, true", "24, false", "30, false"})
  void theWindowIsOpenForTwentyFourHoursAfterTheLastInboundMessage(long hoursAgo, boolean open) {
    assertThat(CustomerServiceWindow.isOpen(T.minus(Duration.ofHours(hoursAgo)), T))
        .isEqualTo(open);
  }

  @Test
  void withoutAnyInboundMessageTheWindowIsClosed() {
    assertThat(CustomerServiceWindow.isOpen(null, T)).isFalse();
  }

  @ParameterizedTest(name = "HTTP {0} code {1}: {2}")
  @CsvSource({
    "500, , RETRY",
    "503, , RETRY",
    "0, , RETRY",
    "429, , RETRY",
    "400, 131000, RETRY",
    "400, 130429, RETRY",
    "400, 131047, USE_TEMPLATE",
    "400, 131026, FINAL",
    "400, 131051, FINAL",
    "401, 190, TOKEN_INVALID",
    "400, 100, FINAL",
    "404, , FINAL"
  })
  void providerErrorsAreClassified(int status, Integer code, SendFailure expected) {
    assertThat(SendFailure.classify(status, code)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1} bytes")
  @CsvSource({"image, 5242880", "audio, 16777216", "video, 16777216", "document, 104857600"})
  void mediaLimitsFollowTheType(String kind, long bytes) {
    assertThat(MediaLimits.maxBytes(kind)).isEqualTo(bytes);
  }
}
