package id.aduan.social.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendWindowTest {

  private static final Instant NOW = Instant.parse("2026-03-10T04:00:00Z");

  @ParameterizedTest(name = "{0} after the citizen wrote, automatic={1}: {2}")
  @CsvSource({
    "PT1M, false, Response",
    "PT24H, true, Response",
    "PT24H1S, false, HumanAgent",
    "P7D, false, HumanAgent",
    "PT24H1S, true, OUTSIDE_WINDOW",
    "P7DT1S, false, OUTSIDE_WINDOW",
  })
  void theWindowDecidesHowOrWhetherToSend(String since, boolean automatic, String expected) {
    SendWindow.Decision decision =
        SendWindow.decide(NOW.minus(Duration.parse(since)), NOW, automatic);

    String actual =
        decision instanceof SendWindow.Closed closed
            ? closed.code()
            : decision.getClass().getSimpleName();
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void givenNoConversation_thenClosed_andTheReasonIsInIndonesianFirst(boolean automatic) {
    SendWindow.Decision decision = SendWindow.decide(null, NOW, automatic);

    assertThat(decision)
        .isInstanceOfSatisfying(
            SendWindow.Closed.class,
            c -> {
              assertThat(c.code()).isEqualTo("NO_CONVERSATION");
              assertThat(c.reason())
                  .startsWith("Pesan tidak dapat dikirim")
                  .contains("Cannot be sent");
            });
  }
}
