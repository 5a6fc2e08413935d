package id.aduan.cases.security;

import java.util.Locale;
import java.util.Optional;

/** The officer roles of the standards: who verifies, routes, works, answers for and watches. */
public enum Role {
  /** The agency's administrator: every action on every case of the agency. */
  ADMIN,
  /** Front office (loket) and verifier: registers, checks completeness, verifies. */
  VERIFIER,
  /** The complaint coordinator: classifies, routes, assigns, follows every division up. */
  COORDINATOR,
  /** An officer of one division (bidang): works the cases routed there, and only those. */
  DIVISION_OFFICER,
  /** The head of the agency: answerable for deadlines; reads everything, approves closures. */
  HEAD,
  /** Operations staff: reads cases and their state, never personal data, changes nothing. */
  OPERATIONS,
  /**
   * The duty officer (petugas piket, Buton's "Persyaratan 5 / Prosedur 3"): registers walk-ins at
   * the desk and hands them to the officer who handles them (route, assign) within the hour.
   */
  DUTY_OFFICER;

  /** A role by name, tolerant of case, dashes and an {@code aduan-} prefix (OIDC realm roles). */
  public static Optional<Role> parse(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    if (n.startsWith("ADUAN_")) {
      n = n.substring("ADUAN_".length());
    }
    if (n.equals("FRONT_OFFICE")) {
      n = "VERIFIER";
    }
    if (n.equals("PETUGAS_PIKET")) {
      n = "DUTY_OFFICER";
    }
    for (Role r : values()) {
      if (r.name().equals(n)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
