package id.aduan.sla.application;

/** Files the due moments of a running clock's current schedule, for the deadline scan. */
@FunctionalInterface
public interface DueFiling {

  void file(TrackedClock running);
}
