package id.aduan.cases.domain;

import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.function.Consumer;

/** Cases for domain tests: what a case was received as, then what the test sets on its state. */
final class CaseStates {

  private CaseStates() {}

  /** Case {@code id}, received online at {@code receivedAt}, now in {@code status}. */
  static Case caseOf(
      String id,
      String ticket,
      String agencyCode,
      CaseStatus status,
      CaseType type,
      Channel channel,
      Instant receivedAt,
      Consumer<CaseState.Builder> rest) {
    CaseState.Builder state =
        CaseState.received(ticket, agencyCode, type, channel, "ONLINE", receivedAt, receivedAt);
    state.status = status;
    rest.accept(state);
    return new Case(id, state.build());
  }
}
