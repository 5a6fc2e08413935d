package id.aduan.cases.security;

/** The caller's role does not allow the action (403); the message names the action and role. */
public final class ForbiddenException extends RuntimeException {

  private final String action;

  public ForbiddenException(String action, Role role) {
    super("the role " + role + " may not " + action);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
