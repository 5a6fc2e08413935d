package id.aduan.cases.security;

import id.aduan.cases.persistence.Officers;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The {@link Caller} of an authenticated request: from the officer account in MongoDB (local
 * default), or from the claims of an OIDC token (production). An account or token without a known
 * agency and role is refused: nothing is visible to it.
 */
@Component
public class Callers {

  private final Officers officers;
  private final SecurityProperties.Oidc claims;

  Callers(Officers officers, SecurityProperties properties) {
    this.officers = officers;
    this.claims = properties.oidc();
  }

  public Optional<Caller> of(@Nullable Authentication auth) {
    if (auth == null || !auth.isAuthenticated()) {
      return Optional.empty();
    }
    // A division officer without a division would see every division: refused instead.
    return resolve(auth).filter(c -> c.role() != Role.DIVISION_OFFICER || c.division() != null);
  }

  private Optional<Caller> resolve(Authentication auth) {
    if (auth instanceof JwtAuthenticationToken token) {
      return fromJwt(token.getToken());
    }
    return officers
        .byUsername(auth.getName())
        .flatMap(
            o ->
                Role.parse(o.role())
                    .map(r -> new Caller(o.username(), o.agencyCode(), r, o.division())));
  }

  /**
   * The name to greet the officer with: the token's {@code name} claim in OIDC mode (never a local
   * account's), the local account's display name otherwise; else the username.
   */
  public String displayName(@Nullable Object principal) {
    if (principal instanceof JwtAuthenticationToken token) {
      String name = token.getToken().getClaimAsString("name");
      String username = username(token.getToken());
      return name != null && !name.isBlank() ? name : username == null ? "" : username;
    }
    if (!(principal instanceof Authentication auth)) {
      return "";
    }
    return officers
        .byUsername(auth.getName())
        .map(Officers.Officer::displayName)
        .orElse(auth.getName());
  }

  /** The roles a token grants, as Spring Security authorities are built from them. */
  public List<Role> roles(Jwt jwt) {
    Object value = path(jwt.getClaims(), claims.rolesClaim());
    if (!(value instanceof Collection<?> names)) {
      return List.of();
    }
    return names.stream()
        .map(String::valueOf)
        .map(Role::parse)
        .flatMap(Optional::stream)
        .distinct()
        .toList();
  }

  /** The officer's name in audit entries: the configured username claim, else the subject. */
  public @Nullable String username(Jwt jwt) {
    String username = jwt.getClaimAsString(claims.usernameClaim());
    return username != null ? username : jwt.getSubject();
  }

  private Optional<Caller> fromJwt(Jwt jwt) {
    String agency = jwt.getClaimAsString(claims.agencyClaim());
    String username = username(jwt);
    // The strongest role first: a token with several roles acts with the broadest one.
    Optional<Role> role = roles(jwt).stream().sorted().findFirst();
    if (agency == null || agency.isBlank() || role.isEmpty() || username == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Caller(
            username, agency.strip(), role.get(), jwt.getClaimAsString(claims.divisionClaim())));
  }

  private static @Nullable Object path(Map<String, Object> map, String dotted) {
    Object current = map;
    for (String part : dotted.split("\\.")) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(part);
    }
    return current;
  }
}
