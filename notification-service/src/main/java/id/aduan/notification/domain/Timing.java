package id.aduan.notification.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * When a message may go out: non-urgent ones wait out the agency's quiet hours (in its time zone);
 * one over the citizen's daily limit waits for the next morning, where it is merged with whatever
 * else waits for the same recipient.
 */
public final class Timing {

  private Timing() {}

  /**
   * The earliest moment at or after {@code earliest} outside the quiet hours; {@code earliest}
   * itself for urgent messages and LAPOR! follow-ups (published on a portal, no one is woken).
   */
  public static Instant sendAt(Instant earliest, boolean urgent, Channel channel, Agency agency) {
    Agency.QuietHours quiet = agency.rules().notifications().quietHours();
    if (urgent || quiet == null || channel == Channel.LAPOR) {
      return earliest;
    }
    ZonedDateTime local = earliest.atZone(agency.timeZone());
    if (!quiet.contains(local.toLocalTime())) {
      return earliest;
    }
    ZonedDateTime end = local.with(quiet.to());
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return end.toInstant();
  }

  /** The citizen's day, in the agency's time zone (the daily limit counts per day). */
  public static LocalDate day(Instant at, Agency agency) {
    return at.atZone(agency.timeZone()).toLocalDate();
  }

  /** The next day's morning: the end of the quiet hours, or 07:00 without them. */
  public static Instant nextMorning(Instant now, Agency agency) {
    Agency.@Nullable QuietHours quiet = agency.rules().notifications().quietHours();
    LocalTime morning = quiet == null ? LocalTime.of(7, 0) : quiet.to();
    return day(now, agency).plusDays(1).atTime(morning).atZone(agency.timeZone()).toInstant();
  }
}
