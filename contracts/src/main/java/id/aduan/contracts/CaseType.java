package id.aduan.contracts;

public enum CaseType {
  COMPLAINT,
  /** Public-information request handled by the PPID. */
  INFORMATION_REQUEST,
  ASPIRATION,
  NOT_A_COMPLAINT
}
