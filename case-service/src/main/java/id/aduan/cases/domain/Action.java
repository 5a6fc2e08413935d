package id.aduan.cases.domain;

import id.aduan.contracts.CaseStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle transitions an officer (or the system) can ask of a case, each with the states it
 * is allowed from (the transition table the tests walk). {@link #wireName} is the name in the
 * officer API's paths, in audit entries and in {@code /problems/illegal-transition}.
 */
public enum Action {
  REQUEST_INFORMATION(
      "request-information",
      EnumSet.of(
          CaseStatus.RECEIVED,
          CaseStatus.INCOMPLETE,
          CaseStatus.VERIFIED,
          CaseStatus.ROUTED,
          CaseStatus.IN_PROGRESS)),
  VERIFY("verify", EnumSet.of(CaseStatus.RECEIVED)),
  MARK_COMPLETE("mark-complete", EnumSet.of(CaseStatus.INCOMPLETE)),
  CLASSIFY("classify", EnumSet.of(CaseStatus.VERIFIED, CaseStatus.ROUTED)),
  ROUTE("route", EnumSet.of(CaseStatus.VERIFIED, CaseStatus.ROUTED, CaseStatus.IN_PROGRESS)),
  START_PROGRESS("start-progress", EnumSet.of(CaseStatus.ROUTED)),
  ANSWER("answer", EnumSet.of(CaseStatus.IN_PROGRESS)),
  RESOLVE("resolve", EnumSet.of(CaseStatus.ANSWERED)),
  REJECT(
      "reject",
      EnumSet.of(
          CaseStatus.RECEIVED,
          CaseStatus.INCOMPLETE,
          CaseStatus.VERIFIED,
          CaseStatus.ROUTED,
          CaseStatus.IN_PROGRESS)),
  MERGE(
      "merge",
      EnumSet.of(
          CaseStatus.RECEIVED,
          CaseStatus.INCOMPLETE,
          CaseStatus.VERIFIED,
          CaseStatus.ROUTED,
          CaseStatus.IN_PROGRESS)),
  REOPEN("reopen", EnumSet.of(CaseStatus.ANSWERED, CaseStatus.RESOLVED)),
  ARCHIVE("archive", EnumSet.of(CaseStatus.RESOLVED, CaseStatus.REJECTED, CaseStatus.MERGED)),
  ADVANCE_PPID(
      "advance-ppid", EnumSet.of(CaseStatus.RECEIVED, CaseStatus.VERIFIED, CaseStatus.IN_PROGRESS)),
  GRANT_INFORMATION("grant-information", EnumSet.of(CaseStatus.IN_PROGRESS)),
  EXTEND_DEADLINE(
      "extend-deadline",
      EnumSet.of(
          CaseStatus.RECEIVED, CaseStatus.VERIFIED, CaseStatus.ROUTED, CaseStatus.IN_PROGRESS)),
  REFUSE_INFORMATION("refuse-information", EnumSet.of(CaseStatus.IN_PROGRESS)),
  /** A field investigation (investigasi / peninjauan lapangan) recorded on an open complaint. */
  FIELD_INVESTIGATION(
      "field-investigation",
      EnumSet.of(
          CaseStatus.VERIFIED, CaseStatus.ROUTED, CaseStatus.IN_PROGRESS, CaseStatus.ANSWERED)),
  /** The consequence test (uji konsekuensi) of an information request, before its decision. */
  CONSEQUENCE_TEST(
      "consequence-test",
      EnumSet.of(CaseStatus.RECEIVED, CaseStatus.VERIFIED, CaseStatus.IN_PROGRESS)),
  /** Files brought to the desk or attached by an officer, kept by the case service (0052). */
  ATTACH_FILES("files-attached", Live.STATES),
  /** Originals shown at the desk and handed back (KK, KTP): they satisfy their requirements. */
  PRESENTED_AT_DESK("presented-at-desk", Live.STATES);

  /** Every state of a case still being handled (answered included). */
  private static final class Live {
    static final Set<CaseStatus> STATES =
        EnumSet.of(
            CaseStatus.RECEIVED,
            CaseStatus.INCOMPLETE,
            CaseStatus.VERIFIED,
            CaseStatus.ROUTED,
            CaseStatus.IN_PROGRESS,
            CaseStatus.ANSWERED);
  }

  private final String wireName;
  private final Set<CaseStatus> allowedFrom;

  Action(String wireName, Set<CaseStatus> allowedFrom) {
    this.wireName = wireName;
    this.allowedFrom = Collections.unmodifiableSet(EnumSet.copyOf(allowedFrom));
  }

  public String wireName() {
    return wireName;
  }

  /** The states this action is allowed from. */
  public Set<CaseStatus> allowedFrom() {
    return allowedFrom;
  }
}
