package id.aduan.cases.domain;

import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code <AGENCY CODE>-<YEAR>-<six-digit sequence>}, e.g. {@code BDG-2026-000123}: unique per
 * agency, never reused, the year being the year of receipt in the agency's time zone. Past 999999 a
 * year's sequence simply grows a digit.
 */
public final class TicketNumber {

  private TicketNumber() {}

  public static String format(String agencyCode, int year, long sequence) {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequences start at 1");
    }
    return "%s-%d-%06d".formatted(agencyCode, year, sequence);
  }

  /** The ticket year of something received at {@code receivedAt} by an agency in {@code zone}. */
  public static int yearOf(Instant receivedAt, ZoneId zone) {
    return receivedAt.atZone(zone).getYear();
  }

  public static boolean looksLikeTicket(String text) {
    return text.matches("[A-Z]{2,8}-\\d{4}-\\d{6,}");
  }
}
