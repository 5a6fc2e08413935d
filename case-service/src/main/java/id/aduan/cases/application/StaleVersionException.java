package id.aduan.cases.application;

/** The case changed since the caller read it: reload and decide again. */
public final class StaleVersionException extends RuntimeException {

  private final long current;

  public StaleVersionException(String ticket, long expected, long current) {
    super("case " + ticket + " is at version " + current + ", not " + expected);
    this.current = current;
  }

  public long current() {
    return current;
  }
}
