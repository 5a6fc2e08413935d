package id.aduan.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The channels' windows on a fixed clock: how long ago the citizen last wrote decides. */
class ChannelRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");

  @ParameterizedTest(name = "{0} {1} ago, automatic {2}: {3}")
  @CsvSource({
    "WHATSAPP,  PT1H,     true,  FreeText",
    "WHATSAPP,  PT23H59M, true,  FreeText",
    "WHATSAPP,  PT24H,    true,  Template",
    "WHATSAPP,  P3D,      false, Template",
    "WHATSAPP,  ,         true,  Template",
    "FACEBOOK,  PT2H,     true,  FreeText",
    "FACEBOOK,  P2D,      false, HumanAgent",
    "INSTAGRAM, P6D,      false, HumanAgent",
    "INSTAGRAM, P2D,      true,  Closed",
    "FACEBOOK,  P8D,      false, Closed",
    "FACEBOOK,  ,         false, Closed",
    "EMAIL,     P300D,    true,  FreeText",
    "EMAIL,     ,         true,  FreeText",
    "LAPOR,     ,         true,  FreeText",
    "FRONT_DESK, PT1H,    false, Closed",
    "WEB,       PT1H,     false, Closed"
  })
  void eachChannelsWindow(Channel channel, Duration ago, boolean automatic, String expected) {
    Instant last = ago == null ? null : NOW.minus(ago);

    assertThat(ChannelRules.mode(channel, last, NOW, automatic).getClass().getSimpleName())
        .isEqualTo(expected);
  }
}
