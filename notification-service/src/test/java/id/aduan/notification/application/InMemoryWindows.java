package id.aduan.notification.application;

import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The citizens' last inbound moments in a map; they only move forward. */
public final class InMemoryWindows implements WindowStore {

  private final Map<ReplyAddress, Instant> last = new HashMap<>();

  @Override
  public synchronized Instant touch(ReplyAddress address, Instant at) {
    return last.merge(address, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public synchronized @Nullable Instant lastInbound(ReplyAddress address) {
    return last.get(address);
  }
}
