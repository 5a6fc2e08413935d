package id.aduan.notification.application;

import java.time.LocalDate;

/** The automatic messages each recipient got per day, by notification id (redeliveries once). */
public interface DailyCountStore {

  /** Counts the notification for the day and returns its place among the day's (0 = first). */
  int place(String toKey, LocalDate day, String notificationId);
}
