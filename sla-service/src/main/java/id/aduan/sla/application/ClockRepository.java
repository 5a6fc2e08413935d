package id.aduan.sla.application;

import id.aduan.contracts.SlaEvent;
import id.aduan.sla.domain.SlaClock;
import java.util.List;
import java.util.Optional;

/**
 * Where clocks are kept, each with an outbox of the events its changes caused (stored in the same
 * write as the change, docs/adr/0002). Every write is conditional, so a redelivered case event or
 * another instance's change makes a change happen once.
 */
public interface ClockRepository {

  Optional<TrackedClock> byId(String id);

  /** Every clock of a case. */
  List<TrackedClock> ofCase(String caseId);

  /** Stores a new clock with its first event; empty when the clock exists already. */
  Optional<TrackedClock> insert(TrackedClock clock, SlaEvent event);

  /**
   * Stores {@code change} of {@code before} with {@code event}, only if the stored clock still
   * allows it (the state, schedule version or pause it was read with); empty otherwise.
   */
  Optional<TrackedClock> save(TrackedClock before, SlaClock.Change change, SlaEvent event);

  /** Records the division the case is with on one clock. */
  void assignDivision(String id, String division);

  /** Publishes the events queued on {@code clock} that are not on the topic yet. */
  void publishPending(TrackedClock clock);

  /** A stopped clock's levels cannot come due any more: their claims go. */
  void forgetFired(TrackedClock clock);
}
