package id.aduan.cases.web;

import id.aduan.cases.persistence.Officers;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.Role;
import id.aduan.cases.security.SecurityProperties;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who a case may be assigned to. With local accounts: an officer of the caller's agency, who (when
 * a division officer) belongs to the case's division. With OIDC the provider holds the accounts, so
 * only a name is checked; assignment still never leaves the caller's agency (the case is scoped).
 */
@Component
class Assignees {

  private final Officers officers;
  private final SecurityProperties security;

  Assignees(Officers officers, SecurityProperties security) {
    this.officers = officers;
    this.security = security;
  }

  void checkAssignable(Caller caller, String username, @Nullable String caseDivision) {
    Optional<Officers.Officer> account = officers.byUsername(username);
    if (account.isEmpty()) {
      if (security.oidcMode()) {
        return;
      }
      throw new IllegalArgumentException("no officer " + username + " in " + caller.agencyCode());
    }
    Officers.Officer o = account.get();
    if (!o.agencyCode().equals(caller.agencyCode())) {
      throw new IllegalArgumentException("no officer " + username + " in " + caller.agencyCode());
    }
    boolean divisionOfficer = Role.parse(o.role()).orElse(null) == Role.DIVISION_OFFICER;
    if (divisionOfficer && (caseDivision == null || !caseDivision.equals(o.division()))) {
      throw new IllegalArgumentException(
          username + " works in " + o.division() + ", the case is routed to " + caseDivision);
    }
    if (caller.divisionScope() != null
        && !(divisionOfficer && caller.divisionScope().equals(o.division()))) {
      throw new IllegalArgumentException(
          "a division officer assigns only officers of their own division");
    }
  }
}
