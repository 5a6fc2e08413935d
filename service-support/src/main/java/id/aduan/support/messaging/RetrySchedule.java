package id.aduan.support.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * When to try a delivery again after a transient failure (docs/adr/0041): the wait doubles from
 * {@code first} with every failure up to {@code max}, and a random half of it is taken off (so that
 * the messages held back by one outage do not all come back at the same instant); after {@code
 * giveUpAfter} since the first failure the delivery is given up (dead-lettered for replay).
 *
 * @param first the wait after the first failure (before jitter)
 * @param max the longest wait (before jitter)
 * @param giveUpAfter how long after the first failure a delivery is still tried
 */
public record RetrySchedule(Duration first, Duration max, Duration giveUpAfter) {

  public RetrySchedule {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, got " + first + ", " + max);
    }
  }

  /**
   * The wait before the next attempt after {@code failures} transient failures (1 for the first),
   * between half and all of {@code min(max, first * 2^(failures - 1))}.
   */
  public Duration delay(int failures, RandomGenerator random) {
    int doublings = Math.clamp(failures - 1L, 0, 30);
    long firstMillis = first.toMillis();
    long capMillis = max.toMillis();
    long millis =
        firstMillis > (capMillis >> doublings)
            ? capMillis
            : Math.min(capMillis, firstMillis << doublings);
    long half = millis / 2;
    return Duration.ofMillis(millis - (half == 0 ? 0 : random.nextLong(half + 1)));
  }

  /** The instant of the next attempt, {@link #delay} from {@code now}. */
  public Instant next(int failures, Instant now, RandomGenerator random) {
    return now.plus(delay(failures, random));
  }

  /** Whether a delivery that first failed at {@code firstFailure} is given up at {@code now}. */
  public boolean givenUp(@Nullable Instant firstFailure, Instant now) {
    return firstFailure != null && !now.isBefore(firstFailure.plus(giveUpAfter));
  }
}
