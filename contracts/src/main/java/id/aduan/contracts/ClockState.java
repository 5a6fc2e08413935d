package id.aduan.contracts;

import org.jspecify.annotations.Nullable;

/**
 * Where an SLA clock of a case stands, as sla-service stores it ({@code sla_clocks.state}) and
 * case-service records it on the case ({@code deadlines.<clock>.state}). The names are the stored
 * values: a state is written and read by {@link #name()} and {@link #of(String)}.
 */
public enum ClockState {
  /** Counting towards its deadline. */
  RUNNING,
  /** Waiting for the citizen; the office time it waits does not count. */
  PAUSED,
  /** case-service only: a warning was announced (sla-service's clock is still {@link #RUNNING}). */
  WARNING,
  /** case-service only: the deadline passed or an escalation followed (still running there). */
  BREACHED,
  /** Stopped by or at its deadline. */
  MET,
  /** Stopped after its deadline. */
  STOPPED_LATE,
  /** Stopped because the case was merged into another. */
  MERGED,
  /** Stopped because a reclassification dropped the stage it measured. */
  WITHDRAWN;

  /** The state stored as {@code name}, or null for none or a value this version does not know. */
  public static @Nullable ClockState of(@Nullable String name) {
    if (name != null) {
      for (ClockState state : values()) {
        if (state.name().equals(name)) {
          return state;
        }
      }
    }
    return null;
  }
}
