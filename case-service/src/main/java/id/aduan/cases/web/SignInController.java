package id.aduan.cases.web;

import id.aduan.cases.security.SecurityProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How the officer UI signs in, before anyone has: {@code basic} (a username and password form) or
 * {@code oidc} (authorization code with PKCE at {@code issuer}, as the public client {@code
 * clientId}; docs/adr/0033). Public: it names no officer and no secret.
 */
@RestController
class SignInController {

  /** The sign-in method; {@code issuer} and {@code clientId} are null in {@code basic} mode. */
  record SignIn(String mode, @Nullable String issuer, @Nullable String clientId, String scope) {}

  private final SignIn signIn;

  SignInController(
      SecurityProperties security,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri) {
    if (security.oidcMode()) {
      String issuer = security.oidc().issuer() != null ? security.oidc().issuer() : issuerUri;
      this.signIn =
          new SignIn(
              "oidc",
              issuer.isBlank() ? null : issuer,
              security.oidc().uiClientId(),
              "openid profile");
    } else {
      this.signIn = new SignIn("basic", null, null, "");
    }
  }

  @GetMapping("/api/v1/public/sign-in")
  SignIn signIn() {
    return signIn;
  }
}
