package id.aduan.cases.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A fixed window per client address (the peer, or behind a trusted proxy the forwarded client:
 * {@code security/ClientAddress}) for the public status lookup: at most {@code
 * aduan.cases.public-status.requests-per-minute} lookups a minute, then 429 with {@code
 * Retry-After} until the window turns. In memory, per instance: behind several instances the
 * effective limit is that many times higher (a shared limiter belongs in the ingress then).
 */
@Component
class RateLimiter {

  private static final int MAX_CLIENTS = 100_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  @Autowired
  RateLimiter(
      @Value("${aduan.cases.public-status.requests-per-minute:30}") int limit, Clock clock) {
    this(limit, Duration.ofMinutes(1), clock);
  }

  /** At most {@code limit} requests per client in each {@code window} (the web form's limits). */
  RateLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  private record Window(Instant start, int count) {}

  void acquire(String client) {
    Instant now = clock.instant();
    if (windows.size() > MAX_CLIENTS) {
      windows.entrySet().removeIf(e -> !e.getValue().start().plus(window).isAfter(now));
    }
    Window w =
        windows.compute(
            client,
            (k, old) ->
                old == null || !old.start().plus(window).isAfter(now)
                    ? new Window(now, 1)
                    : new Window(old.start(), old.count() + 1));
    if (w.count() > limit) {
      throw new RateLimitedException(
          Math.max(1, Duration.between(now, w.start().plus(window)).toSeconds()));
    }
  }

  static final class RateLimitedException extends RuntimeException {
    private final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds) {
      super("too many status lookups; try again in " + retryAfterSeconds + " s");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
