package id.aduan.cases.security;

import org.jspecify.annotations.Nullable;

/**
 * The officer behind a request: their agency, role and (for a division officer) division. Every
 * query and action is scoped by it.
 */
public record Caller(String username, String agencyCode, Role role, @Nullable String division) {

  /** A division officer sees and works only their division's cases. */
  public @Nullable String divisionScope() {
    return role == Role.DIVISION_OFFICER ? division : null;
  }

  public boolean may(String action) {
    return Permissions.allows(role, action);
  }
}
