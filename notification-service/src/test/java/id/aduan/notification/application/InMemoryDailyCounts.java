package id.aduan.notification.application;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The automatic messages per recipient and day in a map of id lists (a set in insertion order). */
public final class InMemoryDailyCounts implements DailyCountStore {

  private final Map<String, List<String>> ids = new HashMap<>();

  @Override
  public synchronized int place(String toKey, LocalDate day, String notificationId) {
    List<String> seen = ids.computeIfAbsent(toKey + "/" + day, k -> new ArrayList<>());
    if (!seen.contains(notificationId)) {
      seen.add(notificationId);
    }
    return seen.indexOf(notificationId);
  }
}
