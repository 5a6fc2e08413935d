package id.aduan.whatsapp.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * When the next message may go to a citizen and from an agency number, without waiting for it
 * (docs/adr/0037-outbound-pacing-defers.md). Each call reserves the earliest slot that keeps both
 * limits and answers it at once: now, or a later time at which the caller sends the message it
 * deferred. Reservations queue up, so a citizen's messages keep their order and one citizen's wait
 * is nobody else's.
 *
 * <p>Per number: at most {@code perPeriod} messages in any {@code period} (a burst of {@code
 * perPeriod} is allowed, then one every {@code period / perPeriod}; the generic cell rate
 * algorithm). Per citizen of a number: one message per {@code citizenInterval}. The state is this
 * instance's memory, bounded to the {@code citizens} most recently paced citizens (an evicted
 * citizen's interval has long passed unless more than that many were paced within it).
 */
public final class Pacing {

  /** Why a message was deferred, as a low-cardinality metric tag. */
  public enum Reason {
    CITIZEN,
    NUMBER;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The slot reserved for one message. */
  public sealed interface Slot {
    /** Send it now. */
    record Now() implements Slot {}

    /** Send it no earlier than {@code notBefore}; the slot is kept for it. */
    record Later(Instant notBefore, Reason reason) implements Slot {}
  }

  private final Duration numberSpacing;
  private final Duration numberTolerance;
  private final Duration citizenInterval;
  private final Map<String, Instant> numbers = new HashMap<>();
  private final Map<String, Instant> citizens;

  /**
   * @param perPeriod messages per {@code period} per number (at least 1)
   * @param period the period of the per-number limit (one second in production)
   * @param citizenInterval the least time between two messages to the same citizen
   * @param capacity how many citizens are remembered
   */
  public Pacing(int perPeriod, Duration period, Duration citizenInterval, int capacity) {
    int limit = Math.max(1, perPeriod);
    this.numberSpacing = period.dividedBy(limit);
    this.numberTolerance = period.minus(numberSpacing);
    this.citizenInterval = citizenInterval;
    this.citizens =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Reserves the slot of the next message from {@code number} to {@code citizen} (any key that
   * names the citizen for this number). A citizen's interval is reserved ahead, as far as their
   * queue goes; the number's rate only for a message about to go (within its period), so a
   * citizen's far slot never takes the number's capacity from anyone else.
   *
   * @param held what a deferred message whose time has come already holds: its citizen slot after a
   *     {@link Reason#CITIZEN} deferral, both after a {@link Reason#NUMBER} one; null for a new
   *     message (or a part after the first)
   */
  public synchronized Slot reserve(
      String number, String citizen, Instant now, @Nullable Reason held) {
    if (held == Reason.NUMBER) {
      return new Slot.Now();
    }
    String citizenKey = number + ":" + citizen;
    Instant citizenFree = citizens.getOrDefault(citizenKey, now);
    if (held == null && citizenFree.isAfter(now)) {
      citizens.put(citizenKey, citizenFree.plus(citizenInterval));
      return new Slot.Later(citizenFree, Reason.CITIZEN);
    }
    Instant numberNext = numbers.getOrDefault(number, now);
    Instant slot = latest(now, numberNext.minus(numberTolerance));
    numbers.put(number, latest(numberNext, slot).plus(numberSpacing));
    citizens.put(citizenKey, latest(citizenFree, slot.plus(citizenInterval)));
    return slot.isAfter(now) ? new Slot.Later(slot, Reason.NUMBER) : new Slot.Now();
  }

  /** As {@link #reserve(String, String, Instant, Reason)} for a new message. */
  public Slot reserve(String number, String citizen, Instant now) {
    return reserve(number, citizen, now, null);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
