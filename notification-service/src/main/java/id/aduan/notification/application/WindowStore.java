package id.aduan.notification.application;

import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** When each citizen last wrote on each address: WhatsApp's and Meta's windows count from it. */
public interface WindowStore {

  /**
   * Moves the last inbound moment forward only, so a late redelivery does not shrink it; returns
   * the moment stored after the move (what {@link #lastInbound} would read, without the read).
   */
  Instant touch(ReplyAddress address, Instant at);

  @Nullable Instant lastInbound(ReplyAddress address);
}
