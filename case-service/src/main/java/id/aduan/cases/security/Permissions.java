package id.aduan.cases.security;

import static id.aduan.cases.security.Role.ADMIN;
import static id.aduan.cases.security.Role.COORDINATOR;
import static id.aduan.cases.security.Role.DIVISION_OFFICER;
import static id.aduan.cases.security.Role.HEAD;
import static id.aduan.cases.security.Role.OPERATIONS;
import static id.aduan.cases.security.Role.VERIFIER;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which role may take which action (the table docs/adr/0021 and the README show). Reading is open
 * to every role, always within the caller's agency (and division, for a division officer): that
 * scope is applied in the queries, not here.
 */
public final class Permissions {

  private static final Set<Role> ALL = EnumSet.allOf(Role.class);
  private static final Set<Role> WORKERS =
      EnumSet.of(ADMIN, VERIFIER, COORDINATOR, DIVISION_OFFICER);

  public static final Map<String, Set<Role>> TABLE =
      Map.ofEntries(
          Map.entry("read", ALL),
          // The agency's archive bundle of a period (docs/adr/0048).
          Map.entry("read-archive", EnumSet.of(ADMIN, HEAD)),
          Map.entry("intake", EnumSet.of(ADMIN, VERIFIER)),
          Map.entry("verify", EnumSet.of(ADMIN, VERIFIER)),
          Map.entry("mark-complete", EnumSet.of(ADMIN, VERIFIER)),
          Map.entry("request-information", WORKERS),
          Map.entry("classify", EnumSet.of(ADMIN, VERIFIER, COORDINATOR)),
          Map.entry("route", EnumSet.of(ADMIN, VERIFIER, COORDINATOR)),
          Map.entry("assign", EnumSet.of(ADMIN, COORDINATOR, DIVISION_OFFICER)),
          Map.entry("note", EnumSet.of(ADMIN, VERIFIER, COORDINATOR, DIVISION_OFFICER, HEAD)),
          Map.entry("reply", WORKERS),
          Map.entry("start-progress", EnumSet.of(ADMIN, COORDINATOR, DIVISION_OFFICER)),
          Map.entry("answer", EnumSet.of(ADMIN, COORDINATOR, DIVISION_OFFICER)),
          Map.entry("resolve", EnumSet.of(ADMIN, COORDINATOR, DIVISION_OFFICER, HEAD)),
          Map.entry("reject", EnumSet.of(ADMIN, VERIFIER, COORDINATOR, HEAD)),
          Map.entry("merge", EnumSet.of(ADMIN, VERIFIER, COORDINATOR)),
          Map.entry("reopen", EnumSet.of(ADMIN, COORDINATOR, HEAD)),
          Map.entry("archive", EnumSet.of(ADMIN, COORDINATOR)),
          Map.entry("extend-deadline", EnumSet.of(ADMIN, COORDINATOR, HEAD)),
          // The head takes Lebak's PPID step HEAD (the agency file's ppid.takenBy says which step).
          Map.entry("advance-ppid", EnumSet.of(ADMIN, COORDINATOR, DIVISION_OFFICER, HEAD)),
          Map.entry("grant-information", EnumSet.of(ADMIN, COORDINATOR, DIVISION_OFFICER)),
          Map.entry("refuse-information", EnumSet.of(ADMIN, COORDINATOR, HEAD)),
          Map.entry("field-investigation", EnumSet.of(ADMIN, COORDINATOR, DIVISION_OFFICER)),
          Map.entry("consequence-test", EnumSet.of(ADMIN, COORDINATOR, DIVISION_OFFICER, HEAD)),
          // Personal data in clear (NIK, phone, name, address), audited on every read.
          Map.entry("read-personal-data", WORKERS),
          // An anonymous reporter's identity: never the division, only who registered and verifies.
          Map.entry("read-anonymous-identity", EnumSet.of(ADMIN, VERIFIER)),
          Map.entry("read-citizen-profile", EnumSet.of(ADMIN, VERIFIER, COORDINATOR)),
          Map.entry("merge-citizens", EnumSet.of(ADMIN, VERIFIER)),
          Map.entry("read-audit", EnumSet.of(ADMIN, HEAD)),
          // Files kept by the case service and originals shown at the desk (docs/adr/0052).
          Map.entry("attach-files", WORKERS),
          Map.entry("presented-at-desk", EnumSet.of(ADMIN, VERIFIER)));

  private Permissions() {}

  public static boolean allows(Role role, String action) {
    Set<Role> roles = TABLE.get(action);
    if (roles == null) {
      throw new IllegalArgumentException("no permission rule for action " + action);
    }
    return roles.contains(role) && (role != OPERATIONS || action.equals("read"));
  }
}
