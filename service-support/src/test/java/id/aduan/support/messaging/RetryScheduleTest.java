package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/** The backoff of a delivery that failed transiently, and what counts as a store outage. */
class RetryScheduleTest {

  private static final RetrySchedule SCHEDULE =
      new RetrySchedule(Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofHours(12));

  /** A random source that always answers its lowest or its highest value. */
  private record Extreme(boolean high) implements RandomGenerator {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public long nextLong(long bound) {
      return high ? bound - 1 : 0;
    }
  }

  @Test
  void theWaitDoublesWithEachFailureUpToTheCapAndJitterTakesOffAtMostHalf() {
    RandomGenerator none = new Extreme(false);
    RandomGenerator most = new Extreme(true);
    assertThat(SCHEDULE.delay(1, none)).isEqualTo(Duration.ofSeconds(10));
    assertThat(SCHEDULE.delay(2, none)).isEqualTo(Duration.ofSeconds(20));
    assertThat(SCHEDULE.delay(4, none)).isEqualTo(Duration.ofSeconds(80));
    assertThat(SCHEDULE.delay(7, none)).isEqualTo(Duration.ofMinutes(10));
    assertThat(SCHEDULE.delay(1_000, none)).isEqualTo(Duration.ofMinutes(10));
    assertThat(SCHEDULE.delay(1, most)).isEqualTo(Duration.ofSeconds(5));
    assertThat(SCHEDULE.delay(1_000, most)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aDeliveryIsGivenUpOnlyOnceItHasFailedForTheWholeTime() {
    Instant first = Instant.parse("2026-12-07T02:00:00Z");
    assertThat(SCHEDULE.givenUp(first, first.plus(Duration.ofHours(11)))).isFalse();
    assertThat(SCHEDULE.givenUp(first, first.plus(Duration.ofHours(12)))).isTrue();
    assertThat(SCHEDULE.givenUp(null, first)).isFalse();
  }

  @Test
  void aCapBelowTheFirstWaitIsRefused() {
    assertThatThrownBy(
            () -> new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStoreOutageIsRecognisedThroughTheListenersWrapping() {
    Exception refused =
        new ListenerExecutionFailedException(
            "listener failed",
            new DataAccessResourceFailureException(
                "timed out",
                new MongoSocketOpenException("refused", new ServerAddress("127.0.0.1", 1))));
    assertThat(StoreOutages.isOutage(refused)).isTrue();
    assertThat(StoreOutages.isOutage(new MongoTimeoutException("no server selected"))).isTrue();
    assertThat(StoreOutages.isOutage(new DuplicateKeyException("dup"))).isFalse();
    assertThat(StoreOutages.isOutage(new IllegalStateException("a bug"))).isFalse();
  }
}
