package id.aduan.contracts;

/** Where a case stands in its lifecycle (DESIGN.md, "Case lifecycle"). */
public enum CaseStatus {
  RECEIVED,
  /** Waiting for the citizen to send what is missing; SLA clocks are paused. */
  INCOMPLETE,
  VERIFIED,
  ROUTED,
  IN_PROGRESS,
  ANSWERED,
  RESOLVED,
  ARCHIVED,
  REJECTED,
  MERGED
}
