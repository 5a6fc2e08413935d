package id.aduan.email.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wait between reconnection attempts doubles from the initial backoff up to the maximum (that a
 * dropped connection is reopened at all is shown in EmailChannelGreenMailTest).
 */
class MailboxWatchersBackoffTest {

  @Test
  void theWaitDoublesUpToTheMaximum() {
    Duration max = Duration.ofSeconds(1);
    List<Duration> waits = new ArrayList<>();
    Duration wait = Duration.ofMillis(100);
    for (int i = 0; i < 6; i++) {
      waits.add(wait);
      wait = MailboxWatchers.nextBackoff(wait, max);
    }

    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            max,
            max);
  }
}
