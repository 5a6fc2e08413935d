package id.aduan.notification.application;

import id.aduan.notification.config.NotificationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Events older than {@code aduan.notification.stale-after} still update the read model but tell
 * nobody: a consumer group that starts on a topic's history (a new binding, a reset offset) must
 * not send citizens and officers a burst of old news.
 */
@Component
public class Freshness {

  private final Duration staleAfter;
  private final Clock clock;
  private final MeterRegistry meters;

  public Freshness(NotificationProperties properties, Clock clock, MeterRegistry meters) {
    this.staleAfter = properties.staleAfter();
    this.clock = clock;
    this.meters = meters;
  }

  /** True when the event is too old to notify about (counted by topic). */
  public boolean stale(Instant occurredAt, String topic) {
    if (occurredAt.plus(staleAfter).isAfter(clock.instant())) {
      return false;
    }
    meters.counter("aduan.notification.stale.events", "topic", topic).increment();
    return true;
  }
}
