package id.aduan.cases.security;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.testsupport.AduanService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The case service as production runs it in oidc mode, for tests: JWTs verified with the public key
 * of a locally generated provider key pair (no network), the audience {@link #AUDIENCE}, and
 * production's personal-data keys (no demo mode). On the {@code @AduanKafka} broker; register the
 * result with {@code @RegisterExtension} on a static field.
 */
public final class OidcTestService {

  /** The audience the service's tokens must carry. */
  public static final String AUDIENCE = "aduan-cases";

  private OidcTestService() {}

  public static AduanService service(String database, KeyPair provider) {
    return AduanService.of(CaseServiceApplication::builder, database)
        .property("aduan.cases.security.mode", "oidc")
        .property("aduan.cases.security.oidc.audience", AUDIENCE)
        .property(
            "spring.security.oauth2.resourceserver.jwt.public-key-location",
            () -> "file:" + publicKeyPem(provider))
        .property("aduan.cases.pii.active-key-id", "2026-01")
        .property("aduan.cases.pii.keys.2026-01", Base64.getEncoder().encodeToString(new byte[32]))
        .property(
            "aduan.cases.pii.lookup-key",
            Base64.getEncoder().encodeToString("l".repeat(32).getBytes()));
  }

  /** A fresh 2048-bit RSA key pair: the provider's, or a stranger's. */
  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      return rsa.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path publicKeyPem(KeyPair provider) {
    try {
      Path pem = Files.createTempFile("provider", ".pub");
      pem.toFile().deleteOnExit();
      Files.writeString(
          pem,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(provider.getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      return pem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
