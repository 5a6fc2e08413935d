package id.aduan.cases.config;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The provider's decoder (signature, issuer, expiry, from Spring Boot's {@code
 * spring.security.oauth2.resourceserver.jwt.*}) plus the audience: a token whose {@code aud} does
 * not name this service ({@code aduan.cases.security.oidc.audience}) was issued for another client
 * of the realm and is refused with 401 {@code invalid_token} (docs/adr/0033).
 */
final class AudienceCheckedDecoder implements JwtDecoder {

  private final JwtDecoder provider;
  private final String audience;

  AudienceCheckedDecoder(JwtDecoder provider, String audience) {
    this.provider = provider;
    this.audience = audience;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt jwt = provider.decode(token);
    List<String> aud = jwt.getAudience();
    if (aud == null || !aud.contains(audience)) {
      throw new JwtValidationException(
          "the token is not meant for this service",
          List.of(
              new OAuth2Error(
                  "invalid_token", "The token's audience does not include this service", null)));
    }
    return jwt;
  }
}
