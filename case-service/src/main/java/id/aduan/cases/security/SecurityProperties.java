package id.aduan.cases.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How officers authenticate ({@code aduan.cases.security}).
 *
 * @param mode {@code basic} (local default: accounts in MongoDB, bcrypt) or {@code oidc} (JWTs of
 *     an OIDC provider such as Keycloak; the decoder is Spring Boot's {@code
 *     spring.security.oauth2.resourceserver.jwt.*})
 * @param oidc where the token carries the officer's agency, division and roles
 */
@ConfigurationProperties("aduan.cases.security")
public record SecurityProperties(@Nullable String mode, @Nullable Oidc oidc) {

  public SecurityProperties {
    mode = mode == null || mode.isBlank() ? "basic" : mode.strip();
    oidc = oidc == null ? new Oidc(null, null, null, null, null, null, null) : oidc;
    if (!mode.equals("basic") && !mode.equals("oidc")) {
      throw new IllegalArgumentException(
          "aduan.cases.security.mode must be basic or oidc, not " + mode);
    }
    if (mode.equals("oidc") && oidc.audience() == null) {
      // Without it, a token the provider issued to any other client of the realm would do.
      throw new IllegalArgumentException(
          "aduan.cases.security.oidc.audience (ADUAN_CASES_SECURITY_OIDC_AUDIENCE) is required"
              + " in oidc mode: the audience this service's tokens carry in \"aud\"");
    }
  }

  public boolean oidcMode() {
    return mode.equals("oidc");
  }

  /**
   * @param rolesClaim dotted path of the roles list (Keycloak: {@code realm_access.roles})
   * @param agencyClaim the claim with the agency code (a Keycloak user attribute mapped into it)
   * @param divisionClaim the claim with a division officer's division code
   * @param usernameClaim the claim naming the officer in audit entries
   * @param audience what a token's {@code aud} must contain (docs/adr/0033); required in oidc mode
   * @param issuer the provider the officer UI signs in with (its discovery document is at {@code
   *     <issuer>/.well-known/openid-configuration}); null: Spring's {@code
   *     spring.security.oauth2.resourceserver.jwt.issuer-uri}
   * @param uiClientId the officer UI's public client at the provider (authorization code + PKCE)
   */
  public record Oidc(
      @Nullable String rolesClaim,
      @Nullable String agencyClaim,
      @Nullable String divisionClaim,
      @Nullable String usernameClaim,
      @Nullable String audience,
      @Nullable String issuer,
      @Nullable String uiClientId) {
    public Oidc {
      issuer = issuer == null || issuer.isBlank() ? null : issuer.strip();
      uiClientId = uiClientId == null || uiClientId.isBlank() ? "aduan-officer-ui" : uiClientId;
      audience = audience == null || audience.isBlank() ? null : audience.strip();
      rolesClaim = rolesClaim == null ? "realm_access.roles" : rolesClaim;
      agencyClaim = agencyClaim == null ? "agency" : agencyClaim;
      divisionClaim = divisionClaim == null ? "division" : divisionClaim;
      usernameClaim = usernameClaim == null ? "preferred_username" : usernameClaim;
    }
  }
}
