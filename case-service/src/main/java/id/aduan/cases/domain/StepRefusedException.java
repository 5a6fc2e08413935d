package id.aduan.cases.domain;

/**
 * The agency's configuration gives this step of a procedure to other roles (e.g. Lebak's PPID step
 * HEAD is taken on only by the head): answered 403, in Bahasa Indonesia and English.
 */
public final class StepRefusedException extends RuntimeException {

  private final String action;
  private final String step;

  public StepRefusedException(String action, String step, String role, Iterable<String> roles) {
    super(
        "Langkah "
            + step
            + " hanya dapat diteruskan oleh peran "
            + String.join(", ", roles)
            + ", bukan "
            + role
            + ". / The step "
            + step
            + " is taken on only by the role "
            + String.join(", ", roles)
            + ", not "
            + role
            + ".");
    this.action = action;
    this.step = step;
  }

  public String action() {
    return action;
  }

  public String step() {
    return step;
  }
}
