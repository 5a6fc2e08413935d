package id.aduan.sla.domain;

/** A holiday calendar file that cannot be used, with where and why. */
public final class CalendarFileException extends RuntimeException {

  public CalendarFileException(String source, int line, String reason) {
    super(source + (line > 0 ? ":" + line : "") + ": " + reason);
  }
}
