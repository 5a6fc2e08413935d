package id.aduan.notification.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of notification-service under {@code aduan.notification} (docs/configuration.md).
 * The timers' intervals ({@code outbox-sweep-interval}, {@code release-interval}, {@code
 * digest.check-interval}) are read where the timers are declared, in {@code scheduling}.
 *
 * @param staleAfter events older than this update the read model but notify nobody, except...
 * @param outcomeCatchUp ...the citizen's outcome of a stale event still current and younger than
 *     this (docs/adr/0038)
 * @param digest the daily per-division digest by email
 */
@ConfigurationProperties("aduan.notification")
public record NotificationProperties(
    @DefaultValue("24h") Duration staleAfter,
    @DefaultValue("7d") Duration outcomeCatchUp,
    @DefaultValue Digest digest) {

  /**
   * @param enabled whether the daily digest goes out at all
   */
  public record Digest(@DefaultValue("true") boolean enabled) {}
}
