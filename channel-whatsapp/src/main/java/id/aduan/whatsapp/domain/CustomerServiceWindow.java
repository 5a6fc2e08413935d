package id.aduan.whatsapp.domain;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * WhatsApp's customer-service window: free-form messages may be sent for 24 hours after the
 * citizen's last inbound message; outside it only an approved template may be sent.
 */
public final class CustomerServiceWindow {

  public static final Duration LENGTH = Duration.ofHours(24);

  private CustomerServiceWindow() {}

  /** Open when the citizen wrote less than 24 hours before {@code now}. */
  public static boolean isOpen(@Nullable Instant lastInbound, Instant now) {
    return lastInbound != null && now.isBefore(lastInbound.plus(LENGTH));
  }
}
