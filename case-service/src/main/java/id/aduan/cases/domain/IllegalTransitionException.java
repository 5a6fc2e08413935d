package id.aduan.cases.domain;

import id.aduan.contracts.CaseStatus;

/** An action the case's state does not allow; the message says what and why, for the officer. */
public final class IllegalTransitionException extends RuntimeException {

  private final String action;
  private final CaseStatus status;

  public IllegalTransitionException(String action, CaseStatus status, String why) {
    super("cannot " + action + " a case that is " + status + ": " + why);
    this.action = action;
    this.status = status;
  }

  public String action() {
    return action;
  }

  public CaseStatus status() {
    return status;
  }
}
