package id.aduan.sla.domain;

import java.time.Instant;
import java.util.Set;

/**
 * A computed deadline. It is provisional when the period it spans reaches into a year whose holiday
 * decree is not loaded: then only weekends counted as days off there, and the deadline may move
 * once the decree is added.
 */
public record Deadline(Instant at, Set<Integer> yearsWithoutDecree) {

  public Deadline {
    yearsWithoutDecree = Set.copyOf(yearsWithoutDecree);
  }

  public boolean provisional() {
    return !yearsWithoutDecree.isEmpty();
  }
}
