package id.aduan.cases.application;

/** No case with this ticket in the caller's agency (other agencies' cases are not revealed). */
public final class CaseNotFoundException extends RuntimeException {
  public CaseNotFoundException(String ticket) {
    super("no case " + ticket);
  }
}
